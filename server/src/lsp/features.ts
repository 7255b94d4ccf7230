/**
 * Hover, document links, go-to-definition and completion over the engine's runs: what is under the cursor is a
 * `cmd` token or task argument (an option of the gem5 script), the gem5 script token, or an SST size/address value.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  CompletionItemKind, InlayHintKind, MarkupKind, type InlayHint, type Range, type CompletionItem, type DocumentLink, type Hover, type Location, type Position,
} from 'vscode-languageserver/node';
import type { ArgOption, PyValue, ScriptModel, SstScriptModel } from '../config/types';
import { formatBytes, parseGem5Size, parseSstUnitAlgebra } from '../config/units';
import type { CheckpointSummary } from '../protocol/checkpoint';
import type { Span } from '../protocol/span';
import type { ResolvedRun, RunArg } from '../workspace/types';
import { uriOf } from './convert';
import { activeUses } from '../workspace/runs';

export function contains(span: Span, p: Position): boolean {
  const afterStart = p.line > span.start.line || (p.line === span.start.line && p.character >= span.start.character);
  const beforeEnd = p.line < span.end.line || (p.line === span.end.line && p.character <= span.end.character);
  return afterStart && beforeEnd;
}

function optionFor(run: ResolvedRun, text: string): ArgOption | null {
  if (!run.gem5Model || !text.startsWith('-')) return null;
  const name = text.split('=')[0];
  const exact = run.gem5Model.options.find((o) => o.flags.includes(name));
  if (exact) return exact;
  const prefix = run.gem5Model.options.filter((o) => o.flags.some((f) => f.startsWith('--') && name.startsWith('--') && f.startsWith(name)));
  return prefix.length === 1 ? prefix[0] : null;
}

/** The argument under the cursor and the option it names (or gives the value of). */
function argAt(runs: readonly ResolvedRun[], path: string, p: Position): { run: ResolvedRun; arg: RunArg; option: ArgOption | null; value: string | null } | null {
  for (const run of runs) {
    if (run.definedIn !== path) continue;
    for (let i = 0; i < run.argv.length; i++) {
      const arg = run.argv[i];
      if (!contains(arg.span, p)) continue;
      let option = optionFor(run, arg.text);
      let value: string | null = arg.text.includes('=') ? arg.text.slice(arg.text.indexOf('=') + 1) : null;
      if (!option && i > 0) {
        option = optionFor(run, run.argv[i - 1].text);
        if (option) value = arg.text;
      }
      return { run, arg, option, value };
    }
  }
  return null;
}

const show = (v: PyValue): string =>
  v.kind === 'str' ? `"${v.value}"` : v.kind === 'int' ? v.value.toString() : v.kind === 'list' ? `[${v.items.map(show).join(', ')}]` : v.kind === 'float' || v.kind === 'bool' ? String(v.value) : v.kind;

export function describeOption(o: ArgOption): string {
  const parts = [`**${o.flags.join(', ')}** → \`args.${o.dest}\``];
  if (o.type) parts.push(`type \`${o.type}\``);
  if (o.choices) parts.push(`choices ${o.choices.map(show).join(' | ')}`);
  if (o.required) parts.push('**required**');
  else parts.push(`default ${show(o.default)}`);
  if (o.action) parts.push(`action \`${o.action}\``);
  return parts.join(' · ') + (o.help ? `\n\n${o.help}` : '');
}

export function describeCheckpoint(dir: string, cp: CheckpointSummary | null): string {
  if (!cp) return `Checkpoint \`${dir}\` — **not found** (no m5.cpt)`;
  const lines = [`Checkpoint \`${dir}\``, '', `curTick ${cp.curTick ?? '?'} (${cp.curTick ? (Number(cp.curTick) / 1e12).toFixed(6) + ' s' : '?'})`, ''];
  for (const s of cp.stores) {
    const size = /^\d+$/.test(s.rangeSize) ? formatBytes(BigInt(s.rangeSize)) : s.rangeSize;
    lines.push(`- store${s.id}: ${size}, ${s.role ?? 'role unknown'}${s.start ? ` at [${s.start}, ${s.end})` : ''}${s.present ? '' : ' — **missing**'}`);
  }
  lines.push('', `${cp.cpus.length} CPUs (${cp.cpus.filter((c) => c.active).length} active)${cp.problems.length ? ` · ${cp.problems.length} problem(s)` : ''}`);
  return lines.join('\n');
}

/** Sizes in both simulators' units, and addresses in hex. */
export function describeValue(v: PyValue, sst: boolean): string | null {
  if (v.kind === 'int' && v.value >= 1024n) return `${formatBytes(v.value)}`;
  if (v.kind !== 'str') return null;
  const lines: string[] = [];
  if (sst) {
    const q = parseSstUnitAlgebra(v.value);
    if (q.ok && q.value.unit === 'B') lines.push(`SST: ${formatBytes(q.value.rounded)}${q.value.decimalPrefix ? ' — decimal prefix' : ''}`);
  }
  const g = parseGem5Size(v.value);
  if (g.ok && /[kKMGTPE]i?B$/.test(v.value.trim())) lines.push(`gem5: ${formatBytes(g.value)}`);
  const range = /^(\d+),(\d+)$/.exec(v.value.trim());
  if (range) {
    const [s, e] = [BigInt(range[1]), BigInt(range[2])];
    if (e > s) lines.push(`range [0x${s.toString(16)}, 0x${e.toString(16)}) — ${formatBytes(e - s)}`);
  }
  return lines.length ? lines.join('\n\n') : null;
}

export function hoverAt(path: string, p: Position, runs: readonly ResolvedRun[], model: ScriptModel | undefined): Hover | null {
  const hit = argAt(runs, path, p);
  if (hit) {
    const parts: string[] = [];
    if (hit.option) parts.push(describeOption(hit.option));
    if (hit.value !== null) {
      const v = describeValue({ kind: 'str', value: hit.value }, false);
      if (v) parts.push(v);
    }
    const uses = hit.run.gem5Model ? activeUses(hit.run.gem5Model, hit.run.args) : null;
    const readsPath = hit.option && hit.run.checkpointDir && [...(uses?.take ?? []), ...(uses?.restore ?? [])].some((u) => u.path?.reads.includes(hit.option!.dest));
    if (readsPath) parts.push(describeCheckpoint(hit.run.checkpointDir!, hit.run.checkpoint));
    if (parts.length) return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: hit.arg.span };
  }
  for (const run of runs) {
    const script = run.cmd?.script;
    if (run.definedIn === path && script && contains(script.span, p)) {
      const how = { task: 'from the sst task', setting: 'from the gem5sst.sst.workingDirectory setting', inferred: 'inferred', 'script-directory': "the SST script's directory" }[run.workingDirectorySource];
      return { contents: { kind: MarkupKind.Markdown, value: `gem5 script \`${run.gem5Script ?? '(not found)'}\`\n\nSST working directory \`${run.workingDirectory}\` (${how})` }, range: script.span };
    }
  }
  if (model?.kind === 'sst') {
    for (const c of (model as SstScriptModel).components) {
      for (const prm of [...c.params, ...c.subComponents.flatMap((s) => s.params)]) {
        if (!contains(prm.valueSpan, p) && !(prm.literalSpan && contains(prm.literalSpan, p))) continue;
        const text = describeValue(prm.value, true);
        if (text) return { contents: { kind: MarkupKind.Markdown, value: `\`${prm.key}\`\n\n${text}` }, range: contains(prm.valueSpan, p) ? prm.valueSpan : prm.literalSpan };
      }
    }
  }
  return null;
}

export function linksFor(path: string, runs: readonly ResolvedRun[], model?: ScriptModel): DocumentLink[] {
  const links: DocumentLink[] = [];
  if (model?.kind === 'gem5') {
    // Workload files given as paths (kernel, bootloader, disk image): relative to where a run of this script starts.
    const cwd = runs.find((r) => r.gem5Script === path)?.workingDirectory ?? dirname(path);
    for (const w of model.workloadPaths) {
      const v = w.value.evaluate();
      if (v.kind !== 'str' || !v.value.includes('/')) continue;
      const file = resolve(cwd, v.value);
      if (existsSync(file)) links.push({ range: w.value.span, target: uriOf(file), tooltip: `Open the ${w.role}` });
    }
  }
  for (const run of runs) {
    if (run.definedIn !== path) continue;
    if (run.cmd?.script && run.gem5Script) links.push({ range: run.cmd.script.span, target: uriOf(run.gem5Script), tooltip: 'Open the gem5 script' });
    if (run.checkpointDir && existsSync(join(run.checkpointDir, 'm5.cpt'))) {
      const uses = run.gem5Model ? activeUses(run.gem5Model, run.args) : null;
      const use = (run.mode === 'take' ? uses?.take : uses?.restore)?.find((u) => u.path);
      for (const dest of use?.path?.reads ?? []) {
        const arg = run.argv.find((a) => optionFor(run, a.text)?.dest === dest);
        if (arg) links.push({ range: arg.span, target: uriOf(join(run.checkpointDir, 'm5.cpt')), tooltip: 'Open the checkpoint' });
      }
    }
  }
  return links;
}

export function definitionAt(path: string, p: Position, runs: readonly ResolvedRun[]): Location | null {
  const hit = argAt(runs, path, p);
  if (!hit?.option || !hit.run.gem5Script) return null;
  // An option a helper module adds (gem5's common/Options.py) is defined in that file.
  return { uri: uriOf(hit.option.file ?? hit.run.gem5Script), range: hit.option.flagSpans[0] ?? hit.option.span };
}

/**
 * Completion inside a string of a `cmd` list or a task's `args`: option names (as `--opt=`), and the `choices` after
 * `--opt=`. `linePrefix` is the line's text up to the cursor.
 */
/** SST element types these scripts use; offered inside `sst.Component(name, "` and `setSubComponent(slot, "`. */
const SST_TYPES = ['gem5.gem5Component', 'gem5.gem5Bridge', 'memHierarchy.MemController', 'memHierarchy.Bus', 'memHierarchy.Cache',
  'memHierarchy.timingDRAM', 'memHierarchy.simpleMem', 'memHierarchy.standardInterface', 'memHierarchy.MemLink', 'memHierarchy.simpleAddrMapper'];

export function completionsAt(path: string, p: Position, linePrefix: string, runs: readonly ResolvedRun[], extra: { checkpointDirs?: readonly string[]; sstTypes?: readonly string[] } = {}): CompletionItem[] {
  const typeContext = /\b(?:Component|setSubComponent)\(\s*[^,()]*,\s*["']([\w.]*)$/.exec(linePrefix);
  if (typeContext) {
    const range = { start: { line: p.line, character: p.character - typeContext[1].length }, end: p };
    return [...new Set([...SST_TYPES, ...(extra.sstTypes ?? [])])].map((t) => ({ label: t, kind: CompletionItemKind.Class, detail: 'SST element type', textEdit: { range, newText: t } }));
  }
  const mine = runs.filter((r) => r.definedIn === path && r.gem5Model);
  if (!mine.length) return [];
  const run = mine.find((r) => r.argv.some((a) => a.span.start.line === p.line)) ?? mine.find((r) => contains(r.span, p));
  if (!run) return [];
  const quote = Math.max(linePrefix.lastIndexOf('"'), linePrefix.lastIndexOf("'"));
  if (quote < 0) return [];
  const typed = linePrefix.slice(quote + 1).split(' ').pop() ?? '';
  const eq = typed.indexOf('=');
  if (eq >= 0) {
    const option = optionFor(run, typed.slice(0, eq));
    const valueTyped = typed.slice(eq + 1);
    const range = { start: { line: p.line, character: p.character - valueTyped.length }, end: p };
    const pathOption = option && run.gem5Model!.checkpointUses.some((u) => u.path?.reads.includes(option.dest));
    if (pathOption && !option.choices) {
      // A checkpoint path option: offer the checkpoint directories, relative to where the run resolves paths.
      return (extra.checkpointDirs ?? []).map((d) => {
        const rel = relative(run.workingDirectory, d) || '.';
        return { label: rel, kind: CompletionItemKind.Folder, detail: 'checkpoint directory', textEdit: { range, newText: rel } };
      });
    }
    return (option?.choices ?? []).filter((c) => c.kind === 'str').map((c) => {
      const label = (c as { value: string }).value;
      return { label, kind: CompletionItemKind.EnumMember, detail: `choice of ${option!.flags[0]}`, textEdit: { range, newText: label } };
    });
  }
  if (!typed.startsWith('-') && typed !== '') return [];
  const range = { start: { line: p.line, character: p.character - typed.length }, end: p };
  return run.gem5Model!.options.map((o) => {
    const flag = o.flags.find((f) => f.startsWith('--')) ?? o.flags[0];
    const takesValue = !['store_true', 'store_false', 'count', 'store_const'].includes(o.action ?? '');
    return {
      label: flag, kind: CompletionItemKind.Property, filterText: flag, textEdit: { range, newText: takesValue ? `${flag}=` : flag },
      detail: o.required ? 'required' : `default ${show(o.default)}`,
      documentation: { kind: MarkupKind.Markdown, value: describeOption(o) },
    };
  });
}

/** Inlay hints (off by default): the byte value of SST size strings and of integer addresses, in hex. */
export function inlayHintsFor(model: ScriptModel | undefined, range: Range): InlayHint[] {
  if (model?.kind !== 'sst') return [];
  const hints: InlayHint[] = [];
  const seen = new Set<string>();
  for (const c of model.components) {
    for (const p of [...c.params, ...c.subComponents.flatMap((x) => x.params)]) {
      const at = p.valueSpan.end;
      if (at.line < range.start.line || at.line > range.end.line) continue;
      let label: string | null = null;
      if (p.value.kind === 'str') {
        const q = parseSstUnitAlgebra(p.value.value);
        if (q.ok && q.value.unit === 'B' && q.value.prefix) label = `= ${q.value.rounded} B${q.value.decimalPrefix ? ' (decimal)' : ''}`;
      } else if (p.value.kind === 'int' && p.value.value >= 1024n && /addr|size|end|start/.test(p.key)) {
        label = `= 0x${p.value.value.toString(16)}`;
      }
      const key = `${at.line}:${at.character}`;
      if (!label || seen.has(key)) continue; // a loop-unrolled component repeats the same source position
      seen.add(key);
      hints.push({ position: at, label, kind: InlayHintKind.Type, paddingLeft: true });
    }
  }
  return hints;
}
