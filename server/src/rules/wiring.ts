/** GS1xx — parsing and wiring: the scripts parse, `cmd` names a real script and passes options it accepts. */
import { isAbsolute } from 'node:path';
import { resolveGem5LongOption } from '../config/cmdTokenizer';
import type { Code } from '../protocol/codes';
import type { SstComponent, SstScriptModel } from '../config/types';
import { cannotDecide, FILE_START, finding, type Rule } from './context';
import { runLabel } from './runArgs';
import { workingDirectoryCandidates } from '../workspace/workingDirectoryCandidates';
import type { Finding, QuickFix } from './types';
import type { ResolvedRun } from '../workspace/types';

const sstModels = (ctx: Parameters<Rule['check']>[0]) =>
  [...ctx.scripts.values()].filter((m): m is SstScriptModel => m.kind === 'sst');

/**
 * GS101: CPython's first syntax error, once per file; and, at information level, each file whose run executes a gem5
 * script that does not parse says that it cannot be checked (once per file and gem5 script).
 */
const GS101: Rule = {
  code: 'GS101',
  inputs: 'G,S',
  check: (ctx) => {
    const out: Finding[] = [];
    // Files that are no simulator script are never parsed (their model has no syntax errors).
    for (const m of [...ctx.scripts.values(), ...(ctx.unparsable?.values() ?? [])]) {
      const e = m.syntaxErrors[0];
      if (e) out.push(finding('GS101', m.path, e.span, e.message));
    }
    const noted = new Set<string>();
    for (const run of ctx.runs) {
      const broken = run.gem5Script ? ctx.unparsable?.get(run.gem5Script) : undefined;
      const e = broken?.syntaxErrors[0];
      const key = `${run.definedIn}\0${run.gem5Script}`;
      if (!e || noted.has(key)) continue;
      noted.add(key);
      out.push({
        ...finding('GS101', run.definedIn, run.span,
          `cannot check ${runLabel(run)}: its gem5 script ${basename(run.gem5Script!)} has a syntax error (line ${e.span.start.line + 1}), so gem5 would stop before simulating`,
          { related: [{ file: run.gem5Script!, span: e.span, message: e.message }] }),
        severity: 'information',
      });
    }
    return out;
  },
};

const GS102: Rule = {
  code: 'GS102',
  inputs: 'S',
  // Only SST nodes have a cmd (and an SST model); gem5 tasks name their script directly.
  check: (ctx) => ctx.runs.filter((r) => r.kind === 'sst-node').flatMap((run) => {
    const cmd = run.cmd!;
    if (cmd.text === null) return [];
    if (!cmd.script) {
      return [finding('GS102', run.definedIn, cmd.span, `cmd of ${runLabel(run)} names no gem5 script after gem5's own options`)];
    }
    if (run.gem5Script) return [];
    if (isAbsolute(cmd.script.text)) {
      // An absolute path does not depend on where SST runs: it names a file of some machine, maybe another one.
      // The workspace's script with the longest common ending (two path components at least), if any.
      const parts = cmd.script.text.split(/[\\/]+/).filter(Boolean);
      const known = [...ctx.scripts.keys()].map((k) => k.replace(/\\/g, '/'));
      let here: string | undefined;
      for (let n = parts.length - 1; n >= 2 && !here; n--) {
        const tail = '/' + parts.slice(-n).join('/');
        here = known.find((k) => k.endsWith(tail));
      }
      return [finding('GS102', run.definedIn, cmd.script.span,
        `gem5 script ${cmd.script.text} does not exist on this machine (an absolute path in cmd: where SST runs does not change it); SST would fail to start gem5${here ? `; the workspace has ${here}, which ends the same way` : ''}`)];
    }
    const how = { task: 'the cwd of the sst task', setting: 'the gem5sst.sst.workingDirectory setting', inferred: 'inferred', 'script-directory': "the SST script's directory" }[run.workingDirectorySource];
    // Rules do not know the workspace folders: any ancestor (or known script's directory) where the script exists.
    const candidates = workingDirectoryCandidates(cmd.script.text, run.definedIn, null, ctx.scripts.keys(), ctx.exists);
    const where = candidates.length
      ? `; it resolves when SST runs in ${candidates.join(' or ')} (quick fix: set the SST working directory)`
      : '; no directory in the workspace has it';
    return [finding('GS102', run.definedIn, cmd.script.span,
      `gem5 script ${cmd.script.text} does not exist relative to the SST working directory ${run.workingDirectory} (${how}); SST would fail to start gem5${where}`)];
  }),
};

const ARG_ERROR_CODES: Record<string, Code> = {
  unknown: 'GS103', ambiguous: 'GS103', conflict: 'GS103', choice: 'GS104', required: 'GS105', type: 'GS106', 'missing-value': 'GS106',
};

/** GS103–GS106: what argparse would reject — and gem5Component would swallow silently. */
function argparseRule(code: Code): Rule {
  return {
    code,
    inputs: 'S,T,G',
    check: (ctx) => ctx.runs.flatMap((run) => run.argErrors.filter((e) => ARG_ERROR_CODES[e.kind] === code).map((e) => {
      const arg = e.tokenIndex !== null ? run.argv[e.tokenIndex] : null;
      const related = e.option && run.gem5Script
        ? [{ file: e.option.file ?? run.gem5Script, span: e.option.span, message: `${e.option.flags.join('/')} is defined here` }]
        : [];
      const fixes: QuickFix[] = [];
      if (e.kind === 'unknown' && arg?.exact && e.candidates?.length) {
        const name = arg.text.split('=')[0];
        fixes.push({ title: `Change to ${e.candidates[0]}`, preferred: true,
          edits: [{ file: run.definedIn, span: arg.span, newText: e.candidates[0] + arg.text.slice(name.length) }] });
      }
      const hint = e.kind === 'unknown' && e.candidates?.length ? ` (did you mean ${e.candidates[0]}?)` : '';
      const where = run.kind === 'sst-node' ? `; under SST the argparse exit is swallowed and the run fails later` : '';
      return finding(code, run.definedIn, arg?.span ?? run.span, `${run.gem5Script ? basename(run.gem5Script) : 'gem5 script'}: ${e.message}${hint}${where}`, { related, fixes });
    }).concat(code === 'GS103' ? undecidedArgs(run) : [])),
  };
}

/** GS103 cannot decide about an argument the model does not know when the script's option set is open. */
function undecidedArgs(run: ResolvedRun): Finding[] {
  return (run.argUndecided ?? []).map(({ error, why }) => {
    const arg = error.tokenIndex !== null ? run.argv[error.tokenIndex] : null;
    const script = run.gem5Script ? basename(run.gem5Script) : 'the gem5 script';
    return cannotDecide('GS103', run.definedIn, arg?.span ?? run.span, `cannot decide whether ${script} accepts ${arg ? arg.text : 'this argument'}: it is not among the options the model sees, and ${why}`);
  });
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

const GS107: Rule = {
  code: 'GS107',
  inputs: 'S',
  check: (ctx) => ctx.runs.filter((r) => r.cmd).flatMap((run) => run.cmd!.splitHazards.map((h) => {
    const fixes: QuickFix[] = [];
    const single = h.span.start.line === h.span.end.line && h.span.end.character - h.span.start.character === 1;
    if (single && h.char !== '\\') {
      fixes.push({ title: `Remove the ${h.char} (gem5Component does not group quoted text)`, preferred: false,
        edits: [{ file: run.definedIn, span: h.span, newText: '' }] });
    }
    const name = h.char === '\\' ? 'a backslash' : `the quote ${h.char}`;
    return finding('GS107', run.definedIn, h.span,
      `cmd contains ${name}: gem5Component's tokenizer splits on it (quotes never group), so the gem5 script sees different arguments`, { fixes });
  })),
};

const GS108: Rule = {
  code: 'GS108',
  inputs: 'S',
  check: (ctx) => {
    const out: Finding[] = [];
    // gem5's own options: before the script in an SST node's cmd, or a gem5 task's gem5Args (gem5 rejects both alike).
    for (const run of ctx.runs) {
      for (let i = 0; i < run.gem5Options.length; i++) {
        const t = run.gem5Options[i].text;
        if (!t.startsWith('--')) continue;
        const name = t.split('=')[0];
        if (!resolveGem5LongOption(name)) {
          out.push(finding('GS108', run.definedIn, run.gem5Options[i].span, `${name} is not a gem5 option (gem5 stops with a usage error before running the script)`));
        }
      }
    }
    const byScript = new Map<string, typeof ctx.runs[number][]>();
    // A cmd the model cannot read has an outdir it cannot know (not gem5's default m5out).
    for (const run of ctx.runs.filter((r) => r.kind === 'sst-node' && r.cmd?.text !== null)) byScript.set(run.definedIn, [...(byScript.get(run.definedIn) ?? []), run]);
    for (const runs of byScript.values()) {
      const seen = new Map<string, typeof runs[number]>();
      for (const run of runs) {
        const first = seen.get(run.outdir);
        if (first) {
          out.push(finding('GS108', run.definedIn, run.gem5Options[0]?.span ?? run.span,
            `${runLabel(run)} writes to the same outdir as ${runLabel(first)} (${run.outdir}): stats, readfile and device.dtb overwrite each other; put {node} in --outdir`));
        } else seen.set(run.outdir, run);
      }
    }
    return out;
  },
};

const gem5Components = (m: SstScriptModel) => m.components.filter((c) => c.type === 'gem5.gem5Component');
const param = (c: SstComponent, key: string) => c.params.find((p) => p.key === key);

/** Scripts whose components can be judged whole: after a syntax error a parameter may just have been lost (GS101 says why). */
const parsedWhole = (ctx: Parameters<Rule['check']>[0]) => sstModels(ctx).filter((m) => m.syntaxErrors.length === 0);

/**
 * gem5 v22's gem5Component had no `ports` parameter: it loaded the two fixed slots "system_port" and "cache_port"
 * (gem5 v22 ext/sst/gem5.cc). A script filling them without `ports` is written for that gem5, and there it is right.
 */
const V22_SLOTS = new Set(['system_port', 'cache_port']);

/** Where the model stopped before the script's end: what follows is not in the graph, so the rules cannot see it. */
function stoppedEarly(m: SstScriptModel): Finding[] {
  if (!m.truncated) return [];
  const span = m.truncatedSpan ?? FILE_START;
  // An exception or exit is the script's own: SST runs it the same way and stops there too.
  return [cannotDecide('GS110', m.path, span, m.truncated.startsWith('the script ')
    ? `${m.truncated}: SST stops here too and builds nothing after it; the rules see only what came before`
    : `the model stopped reading the script here (${m.truncated}): what it builds after this is not known, and rules about it are silent`)];
}

const GS110: Rule = {
  code: 'GS110',
  inputs: 'S',
  check: (ctx) => parsedWhole(ctx).flatMap((m) => [...stoppedEarly(m), ...gem5Components(m).flatMap((c) => {
    const name = c.name.kind === 'str' ? c.name.value : '(name unknown)';
    const line = c.span.start.line + 1;
    // What the model could not follow is said once per node, so that the rules' silence on it is not mistaken for a clean bill.
    if (c.incomplete) return [cannotDecide('GS110', m.path, c.span, `gem5 node ${name} (line ${line}) is not fully known to the model — ${c.incomplete}: rules about it may be silent`)];
    if (c.maybe) return [cannotDecide('GS110', m.path, c.span, `gem5 node ${name} (line ${line}) is created under a condition the model cannot decide: rules about it may be silent`)];
    const cmd = param(c, 'cmd');
    if (cmd && cmd.value.kind !== 'str') return [cannotDecide('GS110', m.path, cmd.valueSpan, `the cmd of gem5 node ${name} (line ${line}) is not known to the model: the rules that read it cannot check this node`)];
    const unsplit = m.gem5Cmds.find((g) => g.component === c.order && g.unsplit)?.unsplit;
    if (cmd && unsplit) return [cannotDecide('GS110', m.path, cmd.valueSpan, `the cmd of gem5 node ${name} (line ${line}) is not split by the model — ${unsplit}: the rules that read it cannot check this node`)];
    const v22 = !param(c, 'ports') && c.subComponents.some((s) => V22_SLOTS.has(s.slot));
    const missing = ['frequency', 'cmd', ...(v22 ? [] : ['ports'])].filter((k) => !param(c, k));
    if (!missing.length) return [];
    return [finding('GS110', m.path, c.span,
      `gem5Component ${c.name.kind === 'str' ? c.name.value : ''} lacks ${missing.map((k) => `'${k}'`).join(', ')}: SST stops with "must have a '${missing[0]}' parameter"`)];
  })]),
};

const UNKNOWN_SLOT = '?';

const GS111: Rule = {
  code: 'GS111',
  inputs: 'S',
  check: (ctx) => parsedWhole(ctx).flatMap((m) => gem5Components(m).flatMap((c) => {
    const ports = param(c, 'ports');
    if (!ports || ports.value.kind !== 'str' || c.incomplete) return [];
    const names = ports.value.value.split(/\s+/).filter(Boolean);
    const bridges = c.subComponents.filter((s) => s.type === 'gem5.gem5Bridge');
    const out: Finding[] = [];
    // '?' is a slot name the model could not evaluate: it may be any of the ports.
    const unknownSlot = bridges.some((b) => b.slot === UNKNOWN_SLOT);
    for (const n of names) {
      if (unknownSlot || bridges.some((b) => b.slot === n)) continue;
      // A slot filled with another type (a fork's gem5.gem5EthBridge, say) does exist: whether gem5Component can
      // load it as its responder depends on that type, which the product does not know.
      const other = c.subComponents.find((s) => s.slot === n && !s.parentPath?.length);
      if (other) {
        out.push(cannotDecide('GS111', m.path, other.span,
          `ports names '${n}' and setSubComponent("${n}", "${other.type}", …) fills that slot, but ${other.type === UNKNOWN_SLOT ? 'its type is unknown to the model' : `${other.type} is not the gem5.gem5Bridge the product knows`}: cannot decide whether gem5Component loads it`));
        continue;
      }
      out.push(finding('GS111', m.path, ports.valueSpan,
        `ports names '${n}' but no setSubComponent("${n}", "gem5.gem5Bridge", 0) exists on this component: gem5Component crashes loading it`));
    }
    for (const b of bridges) {
      if (b.slot !== UNKNOWN_SLOT && !names.includes(b.slot)) {
        out.push(finding('GS111', m.path, b.span, `gem5Bridge slot '${b.slot}' is not listed in the component's ports ("${ports.value.value}"): it is never connected`));
      }
    }
    return out;
  })),
};

/** SimObject path of the bridge per board class (domain-spec §3.8, R7). */
const BRIDGE_PATHS: Record<string, string> = {
  ArmSstDMBoard: 'board.remote_memory',
  ArmComposableMemoryBoard: 'board.remote_memory.outgoing_request_bridge',
};

const GS112: Rule = {
  code: 'GS112',
  inputs: 'S,G',
  check: (ctx) => ctx.runs.filter((r) => r.kind === 'sst-node' && r.gem5Model?.board).flatMap((run) => {
    const expected = BRIDGE_PATHS[run.gem5Model!.board!.className];
    const component = run.sstModel!.components[run.cmd!.component];
    if (!expected || !component) return [];
    return component.subComponents.filter((s) => s.type === 'gem5.gem5Bridge').flatMap((s) => {
      const p = s.params.find((q) => q.key === 'response_receiver_name');
      if (!p || p.value.kind !== 'str' || p.value.value === expected) return [];
      // Replacing the string literal the value came from is valid Python; a computed value gets no edit.
      const fixes: QuickFix[] = p.literalSpan
        ? [{ title: `Set response_receiver_name to "${expected}"`, preferred: true, edits: [{ file: run.definedIn, span: p.literalSpan, newText: `"${expected}"` }] }]
        : [];
      return [finding('GS112', run.definedIn, p.valueSpan,
        `response_receiver_name is "${p.value.value}" but the ${run.gem5Model!.board!.className}'s remote-memory bridge is ${expected}: the SST bridge finds no SimObject and crashes at init`,
        { fixes, related: run.gem5Script ? [{ file: run.gem5Script, span: run.gem5Model!.board!.span, message: `${run.gem5Model!.board!.className} is built here` }] : [] })];
    });
  }),
};

export const GS1_RULES: Rule[] = [GS101, GS102, argparseRule('GS103'), argparseRule('GS104'), argparseRule('GS105'),
  argparseRule('GS106'), GS107, GS108, GS110, GS111, GS112];

