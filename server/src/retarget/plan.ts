/**
 * Point Restore at Checkpoint: every edit an SST script needs so that its gem5 nodes restore one checkpoint — the
 * checkpoint path in `cmd`, the remote range and local size the checkpoint's stores were taken with (from the take
 * run's config.ini), a timing-mode CPU, an SST memory that covers every remote window (binary units), and the rank
 * count of the tasks.json tasks that run the script (one gem5 per rank). The edits are computed on copies of the
 * texts and checked by running the rules on them; nothing is written here.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { inspectCheckpoint } from '../checkpoint';
import { guardsHold } from '../config/expr';
import type { SstScriptModel } from '../config/types';
import type { CheckpointSummary } from '../protocol/checkpoint';
import type { Span } from '../protocol/span';
import { spanText } from '../rules/context';
import { layoutOf, remoteWindow, sstRegions } from '../rules/memoryRanges';
import { str } from '../rules/runArgs';
import type { Finding } from '../rules/types';
import { createWorkspaceEngine } from '../workspace/engine';
import { activeUses } from '../workspace/runs';
import { DEFAULT_SETTINGS, type EngineSettings, type ResolvedRun } from '../workspace/types';
import { editOption, optionSite, type OptionEdit } from './optionEdit';
import { taskRankEdits, type TasksText } from './taskRanks';
import { applyEdits, hunkEdits, lineHunks, unifiedDiff, type SpanEdit } from './textEdits';

export interface RetargetInput {
  sstScript: string;
  checkpointDir: string;
  /** Workspace folders the engine indexes (tasks, gem5 scripts); default: the SST script's folder. */
  roots?: string[];
  /** The script's current text (an editor buffer); default: read from disk. */
  text?: string;
  settings?: EngineSettings;
  /** The editor buffer of another file (a tasks.json), if open; default: read from disk. */
  textOf?: (path: string) => string | undefined;
}

/** One change, described for the preview and the CLI. */
export interface RetargetChange {
  line: number;
  what: string;
  /** The file the line is in, when it is not the script (a tasks.json). */
  file?: string;
}

/** A value the script computes with no literal to change: the user edits it by hand. */
export interface RetargetBlocker {
  line: number;
  message: string;
  /** The file the line is in, when it is not the script (a tasks.json). */
  file?: string;
}

/** Another file the retarget edits (a tasks.json's rank count). */
export interface RetargetOtherFile {
  file: string;
  before: string;
  after: string;
  /** Whole-line replacements of `before` that give `after`. */
  edits: SpanEdit[];
}

export interface RetargetResult {
  file: string;
  checkpointDir: string;
  before: string;
  after: string;
  /** Whole-line replacements of `before` that give `after`. */
  edits: SpanEdit[];
  changes: RetargetChange[];
  blockers: RetargetBlocker[];
  /** GS2xx/GS3xx/GS4xx and GS501 errors the rules still report on the edited script. */
  remaining: Finding[];
  /** The other files edited with the script (tasks.json), applied together with it. */
  others: RetargetOtherFile[];
}

const GiB = 1n << 30n;
const MAX_ROUNDS = 6;
const TIMING = new Set(['timing', 'o3', 'minor']);
/** Flags scripts use for the checkpoint directory when the gem5 script cannot be read (stated in cmd only). */
const STATED_PATH_FLAGS = ['--chpt-dir', '--ckpt-dir', '--checkpoint-dir'];

/** A gem5-style binary size ("6GiB"; else bytes with B), which both gem5 and SST read as the same number. */
export function binarySize(bytes: bigint): string {
  for (const [u, s] of [['TiB', GiB * 1024n], ['GiB', GiB], ['MiB', 1n << 20n], ['KiB', 1n << 10n]] as const) if (bytes % s === 0n && bytes >= s) return `${bytes / s}${u}`;
  return `${bytes}B`;
}

const lineOf = (s: Span) => s.start.line + 1;
const spanKey = (s: Span) => `${s.start.line}:${s.start.character}-${s.end.line}:${s.end.character}`;

interface Wanted {
  what: string;
  edit: OptionEdit;
}

export async function computeRetarget(input: RetargetInput): Promise<RetargetResult> {
  const file = resolve(input.sstScript);
  const target = resolve(input.checkpointDir);
  if (!existsSync(join(target, 'm5.cpt'))) throw new Error(`${input.checkpointDir} has no m5.cpt`);
  const cp = await inspectCheckpoint(target);
  const before = input.text ?? await readFile(file, 'utf8');
  const engine = createWorkspaceEngine(input.roots ?? [resolve(file, '..')], input.settings ?? DEFAULT_SETTINGS);
  let text = before;
  let version = 1;
  const changes: RetargetChange[] = [];
  let blockers: RetargetBlocker[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    engine.setOpenDocument(file, text, version++);
    const runs = (await engine.runsFor(file)).filter((r) => r.kind === 'sst-node' && r.definedIn === file);
    const model = engine.modelFor(file);
    if (!runs.length || model?.kind !== 'sst') throw new Error(`${input.sstScript} has no gem5 node (gem5.gem5Component with a cmd) the model can read`);
    const wanted = wantedEdits(runs, model, cp, target, text);
    blockers = wanted.blockers;
    const accepted = dedupe(wanted.edits, blockers);
    if (!accepted.length) break;
    text = applyEdits(text, accepted.map((w) => w.edit));
    for (const w of accepted) changes.push({ line: lineOf(w.edit.span), what: w.what });
  }
  engine.setOpenDocument(file, text, version++);
  const others: RetargetOtherFile[] = [];
  const model = engine.modelFor(file);
  if (model?.kind === 'sst') {
    const tasks = await tasksFiles(file, input.roots ?? [dirname(file)], input.textOf);
    const ranks = taskRankEdits(file, model, tasks, (input.settings ?? DEFAULT_SETTINGS).defaultRanks);
    for (const c of ranks.changes) changes.push({ line: c.line, what: c.what, ...(c.file === file ? {} : { file: c.file }) });
    for (const b of ranks.blockers) blockers.push({ line: b.line, message: b.message, ...(b.file === file ? {} : { file: b.file }) });
    for (const t of tasks) {
      const after = ranks.edited.get(t.file);
      if (after === undefined) continue;
      engine.setOpenDocument(t.file, after, version++);
      others.push({ file: t.file, before: t.text, after, edits: hunkEdits(t.text, lineHunks(t.text, after)) });
    }
  }
  const remaining = (await engine.findingsFor(file)).filter((f) => f.severity === 'error' && (/^GS[234]/.test(f.code) || f.code === 'GS501'));
  const hunks = lineHunks(before, text);
  return { file, checkpointDir: target, before, after: text, edits: hunkEdits(before, hunks), changes, blockers, remaining, others };
}

/**
 * The tasks.json files that may run the script: each root's `.vscode/tasks.json` and those of the folders between
 * the script and its root (a nested project), with their editor buffers when open.
 */
async function tasksFiles(script: string, roots: readonly string[], textOf?: (path: string) => string | undefined): Promise<TasksText[]> {
  const candidates = new Set<string>();
  for (const r of roots.map((x) => resolve(x))) {
    candidates.add(join(r, '.vscode', 'tasks.json'));
    if (!isInside(r, script)) continue;
    for (let d = dirname(script); isInside(r, d); d = dirname(d)) {
      candidates.add(join(d, '.vscode', 'tasks.json'));
      if (d === r || dirname(d) === d) break;
    }
  }
  const out: TasksText[] = [];
  for (const f of candidates) {
    const open = textOf?.(f);
    if (open !== undefined) out.push({ file: f, text: open });
    else if (existsSync(f)) {
      try {
        out.push({ file: f, text: await readFile(f, 'utf8') });
      } catch {
        // Unreadable (permissions, a directory): no task to edit there.
      }
    }
  }
  return out;
}

function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Edits at one span once; two different texts for one span (a loop giving nodes different values) block it. */
function dedupe(wanted: { what: string; edit: SpanEdit }[], blockers: RetargetBlocker[]) {
  const bySpan = new Map<string, { what: string; edit: SpanEdit }>();
  const bad = new Set<string>();
  for (const w of wanted) {
    const k = spanKey(w.edit.span);
    const prev = bySpan.get(k);
    if (prev && prev.edit.newText !== w.edit.newText) {
      if (!bad.has(k)) blockers.push({ line: lineOf(w.edit.span), message: `${w.what}: the nodes need different values but one literal serves them all` });
      bad.add(k);
    }
    if (!prev) bySpan.set(k, w);
  }
  const out = [...bySpan.entries()].filter(([k]) => !bad.has(k)).map(([, w]) => w);
  // Overlapping edits (one inside another's literal) wait for the next round.
  out.sort((a, b) => a.edit.span.start.line - b.edit.span.start.line || a.edit.span.start.character - b.edit.span.start.character);
  const kept: typeof out = [];
  for (const w of out) {
    const last = kept[kept.length - 1];
    const overlaps = last && (w.edit.span.start.line < last.edit.span.end.line
      || (w.edit.span.start.line === last.edit.span.end.line && w.edit.span.start.character < last.edit.span.end.character));
    if (!overlaps) kept.push(w);
  }
  return kept;
}

function wantedEdits(runs: ResolvedRun[], model: SstScriptModel, cp: CheckpointSummary, target: string, text: string) {
  const edits: { what: string; edit: SpanEdit }[] = [];
  const blockers: RetargetBlocker[] = [];
  const shared = sharedSpans(runs);
  const take = (label: string, w: Wanted | null) => {
    if (!w) return;
    if (w.edit.ok) edits.push({ what: `${label}: ${w.what}`, edit: w.edit.edit });
    else blockers.push({ line: lineOf(w.edit.span), message: `${label}: ${w.what} — ${w.edit.why}; edit it by hand` });
  };
  for (const run of runs) {
    const label = `node ${run.node ?? '?'}`;
    take(label, pathEdit(run, target, text, shared, blockers, label));
    take(label, remoteEdit(run, cp, text, shared, blockers, label));
    take(label, localEdit(run, cp, text, shared));
    take(label, cpuEdit(run, text, shared, blockers, label));
  }
  memoryEdits(runs, model, text, edits, blockers);
  return { edits, blockers };
}

/** Literal spans that more than one node's tokens come from (a `cmd` built in a loop). */
function sharedSpans(runs: ResolvedRun[]): Set<string> {
  const count = new Map<string, number>();
  for (const r of runs) for (const k of new Set(r.argv.map((a) => spanKey(a.span)))) count.set(k, (count.get(k) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([k]) => k));
}

function setOption(run: ResolvedRun, dest: string, flag: string, value: string, text: string, shared: Set<string>, what: string): Wanted | null | 'absent' {
  const site = optionSite(run, dest, flag);
  if (!site) return 'absent';
  if (site.value === value) return null;
  return { what, edit: editOption(site, value, text, shared.has(spanKey(site.valueArg.span))) };
}

function pathEdit(run: ResolvedRun, target: string, text: string, shared: Set<string>, blockers: RetargetBlocker[], label: string): Wanted | null {
  if (run.checkpointDir && resolve(run.checkpointDir) === target) return null;
  const wd = run.workingDirectory;
  const rel = relative(wd, target) || '.';
  if (!run.gem5Model) {
    for (const flag of STATED_PATH_FLAGS) {
      const site = optionSite(run, flag.slice(2).replace(/-/g, '_'), flag);
      if (!site) continue;
      if (resolve(wd, site.value) === target) return null;
      const value = isAbsolute(site.value) ? target : rel;
      return { what: `${flag} → ${value} (the gem5 script could not be read: the path as cmd states it)`, edit: editOption(site, value, text, shared.has(spanKey(site.valueArg.span))) };
    }
    blockers.push({ line: lineOf(run.span), message: `${label}: the gem5 script could not be read, so which option names the checkpoint is unknown` });
    return null;
  }
  const uses = restoreUses(run);
  if (!uses.length) {
    blockers.push({ line: lineOf(run.span), message: `${label}: the gem5 script does not restore a checkpoint with these options (check the take/restore flag)` });
    return null;
  }
  const model = run.gem5Model;
  const dests = [...new Set(uses.flatMap((u) => [...u.path!.reads, ...model.options.map((o) => o.dest).filter((d) => new RegExp(`\\.${d}\\b`).test(u.path!.text))]))];
  for (const dest of dests) {
    const option = model.options.find((o) => o.dest === dest);
    const site = option ? optionSite(run, dest, option.flags[option.flags.length - 1]) : null;
    if (!site) continue;
    const instance = run.args.get('instance');
    const suffixes = [...new Set([String(run.node ?? ''), instance?.kind === 'int' ? String(instance.value) : str(instance) ?? ''])].filter(Boolean);
    const bases = isAbsolute(site.value) ? [target, rel] : [rel, target];
    const candidates = [...bases, ...bases.flatMap((b) => suffixes.filter((s) => b.endsWith(s)).map((s) => b.slice(0, -s.length)))];
    for (const c of candidates) {
      const args = new Map(run.args);
      args.set(dest, { kind: 'str', value: c });
      // `args.x` alone is the value itself, also where the model could not bind `args` (a guard it cannot decide).
      const got = uses.map((u) => str(u.path!.evaluate(args)) ?? (new RegExp(`^\\w+\\.${dest}$`).test(u.path!.text) ? c : null))
        .filter((p): p is string => p !== null).map((p) => resolve(wd, p));
      if (got.length && got.every((p) => p === target)) {
        return { what: `${site.flag} → ${c}`, edit: editOption(site, c, text, shared.has(spanKey(site.valueArg.span))) };
      }
    }
    blockers.push({ line: lineOf(site.valueArg.span), message: `${label}: no value of ${site.flag} makes the script's path rule (${uses.map((u) => u.path!.text).join(' / ')}) give ${target}` });
    return null;
  }
  blockers.push({ line: lineOf(run.span), message: `${label}: the checkpoint path (${uses.map((u) => u.path!.text).join(' / ')}) does not come from an option cmd passes` });
  return null;
}

/**
 * The restore the run performs: an active use, else (a guard the model cannot decide, such as
 * `__name__ == "__m5_main__"`, or `args` the model could not bind) every restore whose guards are not known to be false:
 * a new path must then satisfy each of them.
 */
function restoreUses(run: ResolvedRun) {
  const model = run.gem5Model!;
  const active = activeUses(model, run.args).restore.find((u) => u.path);
  if (active) return [active];
  // gem5 runs a config as __m5_main__: a `__name__` guard always holds there, whatever the model made of it.
  const holds = (u: (typeof model.checkpointUses)[number]) => {
    const keep = u.guards.map((g, i) => (/__name__/.test(g.text) ? -1 : i)).filter((i) => i >= 0);
    return guardsHold(keep.map((i) => u.guards[i]), keep.map((i) => u.guardPolarity[i]), run.args);
  };
  const open = model.checkpointUses.filter((u) => u.kind === 'restore' && u.path && holds(u) !== false);
  return open;
}

/** The checkpoint's store of a role: by config.ini role, else (no roles known) by the restore layout's index. */
function storeOf(run: ResolvedRun, cp: CheckpointSummary, role: 'remote' | 'local') {
  const byRole = cp.stores.find((s) => s.role === role);
  if (byRole) return byRole;
  const idx = layoutOf(run)?.stores.find((s) => s.role === role)?.index;
  return cp.stores.every((s) => s.role === null) && idx !== undefined ? cp.stores.find((s) => s.id === idx) : undefined;
}

function statedWindow(run: ResolvedRun): { start: bigint; end: bigint } | null {
  const s = optionSite(run, 'remote_memory_addr_range', '--remote-memory-addr-range');
  const m = s && /^(\d+),(\d+)$/.exec(s.value);
  return m ? { start: BigInt(m[1]), end: BigInt(m[2]) } : null;
}

function remoteEdit(run: ResolvedRun, cp: CheckpointSummary, text: string, shared: Set<string>, blockers: RetargetBlocker[], label: string): Wanted | null {
  const store = storeOf(run, cp, 'remote');
  if (!store || !/^\d+$/.test(store.rangeSize)) return null;
  const size = BigInt(store.rangeSize);
  const current = remoteWindow(run) ?? statedWindow(run);
  // The guest learned the remote start at boot: keep the take run's start (config.ini); without it, the current one.
  const start = store.start ? BigInt(store.start) : current?.start;
  if (start === undefined) {
    blockers.push({ line: lineOf(run.span), message: `${label}: the checkpoint does not record where its remote store starts (no config.ini) and the script's remote range is unknown` });
    return null;
  }
  const value = `${start},${start + size}`;
  if (current && current.start === start && current.end === start + size) return null;
  const w = setOption(run, 'remote_memory_addr_range', '--remote-memory-addr-range', value, text, shared, `--remote-memory-addr-range → ${value} (store${store.id}, ${binarySize(size)})`);
  if (w === 'absent') {
    blockers.push({ line: lineOf(run.span), message: `${label}: cmd gives no --remote-memory-addr-range to set to ${value}` });
    return null;
  }
  return w;
}

function localEdit(run: ResolvedRun, cp: CheckpointSummary, text: string, shared: Set<string>): Wanted | null {
  const layout = layoutOf(run);
  const store = storeOf(run, cp, 'local');
  if (!layout?.local || !store || !/^\d+$/.test(store.rangeSize)) return null;
  const size = BigInt(store.rangeSize);
  if (layout.local.end - layout.local.start === size) return null;
  const dest = layout.local.decl.size?.reads[0];
  const option = dest ? run.gem5Model!.options.find((o) => o.dest === dest) : undefined;
  if (!option) return null;
  const w = setOption(run, option.dest, option.flags[option.flags.length - 1], binarySize(size), text, shared, `${option.flags[option.flags.length - 1]} → ${binarySize(size)} (store${store.id})`);
  return w === 'absent' ? null : w;
}

function cpuEdit(run: ResolvedRun, text: string, shared: Set<string>, blockers: RetargetBlocker[], label: string): Wanted | null {
  const decl = run.gem5Model?.processors.find((p) => guardsHold(p.guards, p.guardPolarity, run.args) === true);
  const cpu = decl?.cpuType ? str(decl.cpuType.evaluate(run.args)) : null;
  if (!decl?.cpuType || !cpu || TIMING.has(cpu)) return null;
  const dest = decl.cpuType.reads.find((d) => run.gem5Model!.options.some((o) => o.dest === d));
  const option = dest ? run.gem5Model!.options.find((o) => o.dest === dest)! : null;
  if (!option) {
    blockers.push({ line: lineOf(decl.span), message: `${label}: the CPU type (${cpu}) is not set by an option: a restore under SST needs timing, o3 or minor` });
    return null;
  }
  const flag = option.flags[option.flags.length - 1];
  const w = setOption(run, option.dest, flag, 'timing', text, shared, `${flag} → timing (restore under SST)`);
  if (w !== 'absent') return w;
  // Not given (the argparse default applies): add it right after the script path, inside the same literal.
  const script = run.cmd?.script;
  if (script?.exact) {
    const at = script.span.end;
    return { what: `add ${flag}=timing (the default is ${cpu})`, edit: { ok: true, edit: { span: { start: at, end: at }, newText: ` ${flag}=timing` }, where: script.span } };
  }
  blockers.push({ line: lineOf(run.span), message: `${label}: cmd gives no ${flag} (default ${cpu}) and there is no literal to add it to` });
  return null;
}

/** Grow the SST memory (mem_size, then addr_range_end) so that every node's remote window is inside it. */
function memoryEdits(runs: ResolvedRun[], model: SstScriptModel, text: string, edits: { what: string; edit: SpanEdit }[], blockers: RetargetBlocker[]): void {
  const windows = runs.map((r) => remoteWindow(r) ?? statedWindow(r)).filter((w): w is { start: bigint; end: bigint } => w !== null);
  if (!windows.length) return;
  const regions = sstRegions(model);
  if (!regions.length) return;
  if (regions.length > 1) return; // several memories: which node goes where is the script's choice
  const r = regions[0];
  const lo = windows.reduce((a, w) => (w.start < a ? w.start : a), windows[0].start);
  const hi = windows.reduce((a, w) => (w.end > a ? w.end : a), windows[0].end);
  if (r.start > lo) {
    blockers.push({ line: lineOf(r.startParam?.valueSpan ?? r.component.span), message: `SST memory starts at 0x${r.start.toString(16)} (addr_range_start), above a remote window's start 0x${lo.toString(16)}` });
    return;
  }
  if (hi - 1n <= r.effectiveEnd) return;
  const needed = hi - r.start;
  if (r.memSize && r.memSize.bytes < needed) {
    const p = r.memSize.param;
    const span = p.literalSpan ?? p.valueSpan;
    const lit = spanText(text, span);
    if (lit && /^["'][^"'\\]*["']$/.test(lit)) {
      edits.push({ what: `mem_size → "${binarySize(needed)}" (covers every remote window up to 0x${hi.toString(16)})`, edit: { span, newText: `"${binarySize(needed)}"` } });
    } else {
      const at = assignedAt(text, lit);
      blockers.push({ line: lineOf(span), message: `mem_size (${r.memSize.text}) is computed${at ? ` (${lit} = … at line ${at})` : ''} with no literal to change; it must be at least ${binarySize(needed)} to cover 0x${hi.toString(16)}` });
    }
    return; // addr_range_end often follows mem_size (UnitAlgebra(size)): look again next round
  }
  if (r.endParam) {
    const lit = spanText(text, r.endParam.valueSpan);
    if (lit && /^(0x[0-9a-fA-F]+|\d+)$/.test(lit)) {
      const v = lit.startsWith('0x') ? '0x' + (hi - 1n).toString(16) : String(hi - 1n);
      edits.push({ what: `addr_range_end → ${v} (inclusive end of the highest remote window)`, edit: { span: r.endParam.valueSpan, newText: v } });
    } else {
      blockers.push({ line: lineOf(r.endParam.valueSpan), message: `addr_range_end (${lit ?? 'computed'}) is computed with no literal to change; it must be at least ${hi - 1n}` });
    }
  }
}

/** The 1-based line of the one top-level assignment `name = …` when the value is a plain name; null otherwise. */
function assignedAt(text: string, name: string | null): number | null {
  if (!name || !/^[A-Za-z_]\w*$/.test(name)) return null;
  const lines = text.split('\n');
  const hits = lines.map((l, i) => (new RegExp(`^${name}\\s*=[^=]`).test(l) ? i + 1 : 0)).filter((i) => i > 0);
  return hits.length === 1 ? hits[0] : null;
}

/** The unified diff of a result: the script, then every other file it edits (file names relative to `base`). */
export function retargetDiff(r: RetargetResult, base: string): string {
  const diff = (file: string, before: string, after: string) => {
    const name = relative(base, file) || file;
    return unifiedDiff(before, after, `a/${name}`, `b/${name}`);
  };
  return diff(r.file, r.before, r.after) + r.others.map((o) => diff(o.file, o.before, o.after)).join('');
}
