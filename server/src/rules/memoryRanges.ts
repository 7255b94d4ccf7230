/** GS2xx — address ranges and sizes: SST covers every remote window, units mean the same on both sides, stores match. */
import { explicitRemoteWindow, memorySizes, storeLayout, type StoreLayout } from '../config/storeLayout';
import type { Span, SstComponent, SstParam, SstScriptModel } from '../config/types';
import { formatBytes, parseGem5Size, parseSstUnitAlgebra, parseStoull, pythonIntBase10 } from '../config/units';
import type { CheckpointSummary } from '../protocol/checkpoint';
import type { ResolvedRun, RunArg } from '../workspace/types';
import { cannotDecide, finding, lineSpan, type Rule, type RuleContext } from './context';
import { argSite, restoresCheckpoint, runLabel, siteOfExpr, str } from './runArgs';
import type { Finding, QuickFix } from './types';

const GiB = 1n << 30n;

/** The remote window of a run: from the script's remote memory AddrRange evaluated with the run's values. */
export function remoteWindow(run: ResolvedRun): { start: bigint; end: bigint } | null {
  const layout = layoutOf(run);
  if (layout?.remote) return { start: layout.remote.start, end: layout.remote.end };
  // A board the model cannot place still gets the window the script states as an AddrRange.
  return !layout && run.gem5Model ? explicitRemoteWindow(run.gem5Model, run.args) : null;
}

const layouts = new WeakMap<ResolvedRun, StoreLayout | null>();
export function layoutOf(run: ResolvedRun): StoreLayout | null {
  if (!run.gem5Model) return null;
  if (!layouts.has(run)) layouts.set(run, storeLayout(run.gem5Model, run.args));
  return layouts.get(run) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// GS201: --remote-memory-addr-range syntax

const RANGE_DESTS = ['remote_memory_addr_range'];

/** `start,end` as the script's `int()` calls read it (end exclusive), or what is wrong with it. */
function parseAddrRange(value: string): { ok: true; start: bigint; end: bigint } | { ok: false; problem: string } {
  const parts = value.split(',');
  const nums = parts.map((p) => pythonIntBase10(p));
  const [start, end] = nums;
  if (parts.length !== 2 || start === null || end === null) {
    return { ok: false, problem: `"${value}" is not two decimal integers start,end (hex and units make int() fail in the script)` };
  }
  if (end <= start) return { ok: false, problem: `end ${end} is not above start ${start}: the range is start,end (end exclusive), not start,size` };
  return { ok: true, start, end };
}

const GS201: Rule = {
  code: 'GS201',
  inputs: 'G,S,T',
  check: (ctx) => ctx.runs.flatMap((run) => {
    for (const dest of RANGE_DESTS) {
      const site = argSite(run, dest);
      if (!site) continue;
      const range = parseAddrRange(site.value);
      if (!range.ok) return [finding('GS201', run.definedIn, site.valueArg.span, `--remote-memory-addr-range ${range.problem}`)];
    }
    return [];
  }),
};

// ---------------------------------------------------------------------------------------------------------------
// SST memory regions

interface SstRegion {
  component: SstComponent;
  script: SstScriptModel;
  start: bigint;
  startParam: SstParam | null;
  /** Inclusive end after clamping to mem_size. */
  effectiveEnd: bigint;
  endParam: SstParam | null;
  memSize: { bytes: bigint; text: string; decimal: boolean; param: SstParam } | null;
  /** Whether the backend's mem_size cuts the region short of addr_range_end (else addr_range_end is the end). */
  clampedByMemSize: boolean;
}

function uintParam(p: SstParam | undefined): bigint | null {
  if (!p) return null;
  if (p.value.kind === 'int') return p.value.value;
  if (p.value.kind === 'float' && Number.isInteger(p.value.value)) return BigInt(p.value.value);
  if (p.value.kind === 'str') {
    const r = parseStoull(p.value.value);
    return r.ok ? r.value.value : null;
  }
  return null;
}

/**
 * The script's memory regions. A region whose mem_size the model cannot read is left out, unless `withUnknownSize`:
 * then it is kept with its address range as an upper bound (a mem_size can only cut it shorter).
 */
export function sstRegions(m: SstScriptModel, opts: { withUnknownSize?: boolean } = {}): SstRegion[] {
  const out: SstRegion[] = [];
  for (const c of m.components.filter((x) => x.type === 'memHierarchy.MemController')) {
    const startParam = c.params.find((p) => p.key === 'addr_range_start') ?? null;
    const endParam = c.params.find((p) => p.key === 'addr_range_end') ?? null;
    const start = startParam ? uintParam(startParam) : 0n;
    const end = endParam ? uintParam(endParam) : (1n << 64n) - 1n;
    if (start === null || end === null) continue;
    const backend = c.subComponents.find((s) => s.slot === 'backend');
    const sizeParam = backend?.params.find((p) => p.key === 'mem_size') ?? c.params.find((p) => p.key === 'backend.mem_size');
    let memSize: SstRegion['memSize'] = null;
    if (sizeParam?.value.kind === 'str') {
      const q = parseSstUnitAlgebra(sizeParam.value.value);
      if (q.ok && q.value.unit === 'B') memSize = { bytes: q.value.rounded, text: sizeParam.value.value, decimal: q.value.decimalPrefix, param: sizeParam };
    }
    if (sizeParam && !memSize && !opts.withUnknownSize) continue;
    const clampedByMemSize = memSize !== null && start + memSize.bytes - 1n < end;
    const effectiveEnd = memSize && clampedByMemSize ? start + memSize.bytes - 1n : end;
    out.push({ component: c, script: m, start, startParam, effectiveEnd, endParam, memSize, clampedByMemSize });
  }
  return out;
}

const hex = (v: bigint) => '0x' + v.toString(16);

/** A gem5-style binary size text for `bytes` ("6GiB", else "6442450944B"). */
function binarySizeText(bytes: bigint): string {
  for (const [u, s] of [['TiB', GiB * 1024n], ['GiB', GiB], ['MiB', 1n << 20n]] as const) if (bytes % s === 0n) return `${bytes / s}${u}`;
  return `${bytes}B`;
}

const GS202: Rule = {
  code: 'GS202',
  inputs: 'S,G',
  check: (ctx) => ctx.runs.filter((r) => r.kind === 'sst-node').flatMap((run) => {
    const stated = remoteWindow(run) ? null : statedRemoteWindow(run);
    const window = remoteWindow(run) ?? stated;
    if (!window) return [];
    // A region of unknown mem_size may cover the window only if its address range does: then it cannot be decided
    // (silent); if even the range falls short, no mem_size can help and the finding is certain.
    const regions = sstRegions(run.sstModel!, { withUnknownSize: true });
    if (!regions.length) return [];
    if (regions.some((r) => r.start <= window.start && window.end - 1n <= r.effectiveEnd)) return [];
    const r = regions[0];
    const site = argSite(run, 'remote_memory_addr_range');
    const valueSpan = site?.valueArg.span ?? stated?.arg.span;
    const related = valueSpan ? [{ file: run.definedIn, span: valueSpan, message: `${runLabel(run)}'s remote range is [${hex(window.start)}, ${hex(window.end)})` }] : [];
    const fixes: QuickFix[] = [];
    let where = r.memSize ? r.memSize.param.valueSpan : r.component.span;
    let message: string;
    if (r.start > window.start) {
      where = r.startParam?.valueSpan ?? where;
      message = `SST memory starts at ${hex(r.start)} (addr_range_start) but ${runLabel(run)}'s remote range starts at ${hex(window.start)}: the restored remote image is dropped at init`;
    } else if (!r.clampedByMemSize && r.endParam) {
      // addr_range_end (inclusive) is what stops short; growing mem_size would not help.
      where = r.endParam.valueSpan;
      message = `SST memory ends at ${hex(r.effectiveEnd)} (addr_range_end, inclusive) but ${runLabel(run)}'s remote range ends at ${hex(window.end - 1n)} (exclusive end ${hex(window.end)}): init writes above the SST region are dropped silently and the first access is fatal`;
    } else {
      const sizeText = r.memSize ? ` (${formatBytes(r.memSize.bytes)}, from mem_size "${r.memSize.text}")` : '';
      const cause = r.memSize?.decimal ? `; "${r.memSize.text}" is decimal in SST (10^9 per G) while gem5 sizes are binary — write GiB` : '';
      message = `SST memory ends at ${hex(r.effectiveEnd)}${sizeText} but ${runLabel(run)}'s remote range ends at ${hex(window.end - 1n)} (exclusive end ${hex(window.end)}): init writes above the SST region are dropped silently and the first access is fatal${cause}`;
      if (r.memSize) {
        const needed = window.end - r.start;
        // The model knows the string literal the value came from (through variables): replacing that literal whole is
        // always valid Python; a computed value has none, and then there is no safe edit.
        const literalSpan = r.memSize.param.literalSpan;
        if (literalSpan) {
          fixes.push({ title: `Grow mem_size to "${binarySizeText(needed)}"`, preferred: true,
            edits: [{ file: run.definedIn, span: literalSpan, newText: `"${binarySizeText(needed)}"` }] });
          if (!sameSpan(literalSpan, r.memSize.param.valueSpan)) related.push({ file: run.definedIn, span: literalSpan, message: `mem_size comes from "${r.memSize.text}" here` });
        }
        if (r.endParam) related.push({ file: run.definedIn, span: r.endParam.valueSpan, message: `addr_range_end = ${uintParam(r.endParam)}` });
      }
    }
    if (stated) message += ` (remote range read from --remote-memory-addr-range ${window.start},${window.end} in cmd: ${run.gem5Model ? 'the gem5 script builds it in a way the model cannot follow' : 'the gem5 script could not be read'})`;
    return [finding('GS202', run.definedIn, where, message, { related, fixes })];
  }),
};

const spanKey = (s: Span) => `${s.start.line}:${s.start.character}-${s.end.line}:${s.end.character}`;
const sameSpan = (a: Span, b: Span) => spanKey(a) === spanKey(b);

/**
 * The remote range as the SST side states it (`--remote-memory-addr-range start,end` in cmd), for runs whose gem5
 * side the model cannot read: the value is what gem5 would be given, whatever it then does with it.
 */
function statedRemoteWindow(run: ResolvedRun): { start: bigint; end: bigint; arg: RunArg } | null {
  for (let i = run.argv.length - 1; i >= 0; i--) {
    const t = run.argv[i].text;
    const flag = '--remote-memory-addr-range';
    const arg = t === flag ? run.argv[i + 1] : t.startsWith(flag + '=') ? run.argv[i] : null;
    if (!arg) continue;
    const value = arg === run.argv[i] ? t.slice(flag.length + 1) : arg.text;
    const range = parseAddrRange(value);
    return range.ok ? { start: range.start, end: range.end, arg } : null;
  }
  return null;
}

const sstScripts = (ctx: RuleContext) => [...ctx.scripts.values()].filter((m): m is SstScriptModel => m.kind === 'sst');

const GS203: Rule = {
  code: 'GS203',
  inputs: 'S',
  check: (ctx) => sstScripts(ctx).flatMap((m) => m.components.filter((c) => c.type === 'memHierarchy.MemController').flatMap((c) =>
    c.params.filter((p) => (p.key === 'addr_range_end' || p.key === 'addr_range_start') && p.value.kind === 'str').flatMap((p) => {
      const text = (p.value as { value: string }).value;
      const r = parseStoull(text);
      if (r.ok && r.value.ignored.trim() === '') return [];
      const read = r.ok ? `${r.value.value}` : 'an error';
      // UnitAlgebra is the way out only for a size it can read ("6GiB"), not for any text.
      const way = parseSstUnitAlgebra(text).ok ? ` (e.g. UnitAlgebra("${text}").getRoundedValue())` : '';
      return [finding('GS203', m.path, p.valueSpan,
        `${p.key} is "${text}": SST reads it with stoull, which gives ${read}; write a byte address${way}`)];
    }))),
};

/** SST parameters that hold byte sizes. */
const SST_SIZE_KEYS = /(^|\.)(mem_size|cache_size|size)$/;

/**
 * Components on a gem5 node's data path: those a gem5Component reaches over links (its bridges' links count as its
 * own). Only there does an SST size have to agree with a gem5 size; plain SST parts of a script are SST's business.
 */
export function gem5DataPath(m: SstScriptModel): Set<number> {
  const next = new Map<number, number[]>();
  for (const l of m.links) {
    if (l.ends.length !== 2) continue;
    const [a, b] = l.ends.map((e) => e.component);
    next.set(a, [...(next.get(a) ?? []), b]);
    next.set(b, [...(next.get(b) ?? []), a]);
  }
  const seen = new Set(m.components.filter((c) => c.type === 'gem5.gem5Component').map((c) => c.order));
  const todo = [...seen];
  while (todo.length) {
    for (const n of next.get(todo.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
    }
  }
  return seen;
}

const GS204: Rule = {
  code: 'GS204',
  inputs: 'S',
  check: (ctx) => sstScripts(ctx).flatMap((m) => {
    const path = gem5DataPath(m);
    // gem5's own components and bridges take no part: the bridge's mem_size is not read by anything (§4.2).
    const onPath = m.components.filter((c) => path.has(c.order) && !c.type.startsWith('gem5.'));
    return onPath.flatMap((c) => [...c.params, ...c.subComponents.filter((s) => !s.type.startsWith('gem5.')).flatMap((s) => s.params)])
      .filter((p) => SST_SIZE_KEYS.test(p.key) && p.value.kind === 'str').flatMap((p) => {
        const text = (p.value as { value: string }).value;
        const q = parseSstUnitAlgebra(text);
        if (!q.ok || !q.value.decimalPrefix) return [];
        const binary = text.replace(/([kKMGTPE])B\s*$/, (_, pre: string) => `${pre === 'k' ? 'K' : pre}iB`);
        const span = p.literalSpan ?? p.valueSpan;
        // The model knows the string literal the value came from; a computed value has none, and no safe edit.
        const fixes: QuickFix[] = p.literalSpan
          ? [{ title: `Use "${binary}"`, preferred: true, edits: [{ file: m.path, span: p.literalSpan, newText: JSON.stringify(binary) }] }]
          : [];
        const gem5 = parseGem5Size(text);
        return [finding('GS204', m.path, span,
          `${p.key} "${text}" is ${q.value.rounded} bytes in SST (decimal prefix) but ${gem5.ok ? formatBytes(gem5.value) : 'binary'} in gem5, whose nodes this memory serves: write "${binary}"`, { fixes })];
      });
  }),
};

/** gem5 size options of a run: the memory size expressions evaluated with its values. */
const GS205: Rule = {
  code: 'GS205',
  inputs: 'G,S,T',
  check: (ctx) => ctx.runs.flatMap((run) => (run.gem5Model?.memories ?? []).flatMap((m) => {
    if (!m.size) return [];
    const text = str(m.size.evaluate(run.args));
    if (text === null) return [];
    const r = parseGem5Size(text);
    if (r.ok) return [];
    const where = siteOfExpr(run, m.size);
    return [finding('GS205', where.file, where.span, `${m.className} size: ${r.error}`)];
  })),
};

const GS206: Rule = {
  code: 'GS206',
  inputs: 'S',
  // The gem5Bridge's mem_size goes to an interface that never reads it (§4.2): only SST's own subcomponents count.
  check: (ctx) => sstScripts(ctx).flatMap((m) => m.components.flatMap((c) => c.subComponents).filter((s) => !s.type.startsWith('gem5.')).flatMap((s) =>
    s.params.filter((p) => p.key === 'mem_size').flatMap((p) => {
      // SST hands every parameter over as text: a Python int arrives as bare digits, without the unit.
      const text = p.value.kind === 'str' ? p.value.value : p.value.kind === 'int' ? String(p.value.value) : null;
      if (text === null) return [];
      const q = parseSstUnitAlgebra(text);
      if (q.ok && q.value.unit === 'B') return [];
      return [finding('GS206', m.path, p.valueSpan,
        `backend mem_size "${text}" has no B unit: memHierarchy stops with "definition has CHANGED! Now requires units in 'B'"`)];
    }))),
};

// ---------------------------------------------------------------------------------------------------------------
// restore configuration vs checkpoint stores

function restoreRunsWithCheckpoint(ctx: RuleContext) {
  return ctx.runs.filter((r) => r.mode === 'restore' && r.checkpoint && r.checkpoint.stores.length && layoutOf(r));
}

function storeRelated(cp: CheckpointSummary, id: number, what: string) {
  const s = cp.stores.find((x) => x.id === id);
  return s ? [{ file: `${cp.path}/m5.cpt`, span: lineSpan(s.line), message: what }] : [];
}

function sizeRule(code: 'GS207' | 'GS208', role: 'remote' | 'local'): Rule {
  return {
    code,
    inputs: 'G,C,O',
    // Sizes need no address map: a board the model cannot place still has its memories' sizes compared by role.
    check: (ctx) => ctx.runs.filter((r) => r.mode === 'restore' && r.checkpoint?.stores.length && r.gem5Model).flatMap((run) => {
      const layout = layoutOf(run);
      const cp = run.checkpoint!;
      const mine = layout?.stores.find((s) => s.role === role);
      const sizes = layout ? null : memorySizes(run.gem5Model!, run.args);
      const mySize = layout ? mine?.size ?? null : sizes?.[role]?.size ?? null;
      if (mySize === null) return [];
      // The checkpoint's store of that role (from config.ini); else the one gem5 itself compares — the same index —
      // when config.ini does not say what that store holds (a store of the other role is GS211's swap).
      const byRole = cp.stores.find((s) => s.role === role);
      const theirs = byRole ?? (mine ? cp.stores.find((s) => s.id === mine.index && s.role === null) : undefined);
      if (!theirs || !/^\d+$/.test(theirs.rangeSize)) return [];
      const size = BigInt(theirs.rangeSize);
      if (size === mySize) return [];
      const decl = layout ? (role === 'remote' ? layout.remote?.decl : layout.local?.decl) : sizes?.[role]?.decl;
      const expr = role === 'remote' ? decl?.addrRange?.end ?? decl?.addrRange?.start ?? decl?.size : decl?.size;
      const where = expr ? siteOfExpr(run, expr) : { file: run.definedIn, span: run.span };
      return [finding(code, where.file, where.span,
        `${role} memory of ${runLabel(run)} is ${formatBytes(mySize)} but ${byRole ? `the checkpoint's ${role} store (store${theirs.id})` : `store${theirs.id}, the store gem5 loads it from (config.ini does not say what it holds),`} has range_size ${formatBytes(size)}: gem5 stops with "Memory range size has changed!"`,
        { related: storeRelated(cp, theirs.id, `store${theirs.id} range_size=${theirs.rangeSize}`) })];
    }),
  };
}

const GS209: Rule = {
  code: 'GS209',
  inputs: 'G,S,T',
  check: (ctx) => ctx.runs.flatMap((run) => {
    const layout = layoutOf(run);
    if (!layout?.local || !layout.remote) return [];
    const out: Finding[] = [];
    const { local, remote } = layout;
    const localSize = local.end - local.start;
    const where = local.decl.size ? siteOfExpr(run, local.decl.size) : { file: run.definedIn, span: run.span };
    const { localLimit, limitReason } = layout.board;
    if (localLimit !== null && localSize > localLimit) {
      out.push(finding('GS209', where.file, where.span, `local memory ${formatBytes(localSize)} ${limitReason}`));
    }
    if (remote.start < local.end && local.start < remote.end) {
      const rw = remote.decl.addrRange ? siteOfExpr(run, remote.decl.addrRange.start) : where;
      out.push(finding('GS209', rw.file, rw.span,
        `remote range [${hex(remote.start)}, ${hex(remote.end)}) overlaps local memory [${hex(local.start)}, ${hex(local.end)}): remote must start at or above ${hex(local.end)}`));
    }
    return out;
  }),
};

/**
 * A restore into a board whose memories the model cannot lay out (an unknown board class, a size past what the board
 * is known to place in one range): the local/remote overlap (GS209), the store count and roles (GS210, GS211) cannot
 * be checked. Said once per board line, at information level.
 */
function unknownLayout(ctx: RuleContext): Finding[] {
  return ctx.runs.filter((r) => r.mode === 'restore' && r.checkpoint?.stores.length && r.gem5Model?.board && r.gem5Script && !layoutOf(r)).map((run) =>
    cannotDecide('GS210', run.gem5Script!, run.gem5Model!.board!.span,
      `cannot decide whether the checkpoint's stores fit this board: the model cannot lay out the memories of ${run.gem5Model!.board!.className}, so the local/remote overlap, store count and order (GS209–GS211) are not checked`));
}

const GS210: Rule = {
  code: 'GS210',
  inputs: 'G,C',
  check: (ctx) => [...unknownLayout(ctx), ...restoreRunsWithCheckpoint(ctx).flatMap((run) => {
    const cp = run.checkpoint!;
    const n = layoutOf(run)!.stores.length;
    if (cp.nbrOfStores === null || cp.nbrOfStores === n) return [];
    return [finding('GS210', run.definedIn, run.span,
      `checkpoint has nbr_of_stores=${cp.nbrOfStores} but ${runLabel(run)}'s configuration creates ${n} stores: gem5 does not check this and restores into the wrong memories or crashes`,
      // restoreRunsWithCheckpoint keeps only checkpoints with store sections.
      { related: [{ file: `${cp.path}/m5.cpt`, span: lineSpan(cp.stores[0].line), message: 'store sections' }] })];
  })],
};

const GS211: Rule = {
  code: 'GS211',
  inputs: 'G,C,O',
  check: (ctx) => restoreRunsWithCheckpoint(ctx).flatMap((run) => {
    const cp = run.checkpoint!;
    const out: Finding[] = [];
    for (const mine of layoutOf(run)!.stores) {
      const theirs = cp.stores.find((s) => s.id === mine.index);
      if (!theirs?.role || !mine.role || theirs.role === mine.role) continue;
      out.push(finding('GS211', run.definedIn, run.span,
        `checkpoint store${theirs.id} is the ${theirs.role} memory (${theirs.memories.join(', ') || 'from config.ini'}) but ${runLabel(run)} loads store${mine.index} into its ${mine.role} memory: the images are swapped (was the checkpoint taken on another board?)`,
        { related: storeRelated(cp, theirs.id, `store${theirs.id}: ${theirs.role}`) }));
    }
    return out;
  }),
};

const GS212: Rule = {
  code: 'GS212',
  inputs: 'G,S',
  check: (ctx) => ctx.runs.filter((r) => r.kind === 'sst-node').flatMap((run) => {
    const w = remoteWindow(run);
    if (!w) return [];
    const size = w.end - w.start;
    if (size > 0n && size % GiB === 0n) return [];
    // The phases carry the restored image at init: a node that restores nothing has no image to lose.
    const restores = restoresCheckpoint(run);
    if (restores === false) return [];
    const site = argSite(run, 'remote_memory_addr_range');
    const span = site?.valueArg.span ?? run.span;
    if (restores === null) {
      return [cannotDecide('GS212', run.definedIn, span,
        `remote size ${formatBytes(size)} is not a whole number of GiB, and whether ${runLabel(run)} restores a checkpoint cannot be decided (its checkpoint call sits under a condition the model cannot decide): if it does, the SST bridge sends the image in 1 GiB phases and the tail is lost`)];
    }
    return [finding('GS212', run.definedIn, span,
      `remote size ${formatBytes(size)} is not a whole number of GiB: the SST bridge sends remote memory in 1 GiB phases`)];
  }),
};

const GS213: Rule = {
  code: 'GS213',
  inputs: 'S,G',
  check: (ctx) => {
    const out: Finding[] = [];
    const byScript = new Map<string, ResolvedRun[]>();
    for (const r of ctx.runs.filter((x) => x.kind === 'sst-node')) byScript.set(r.definedIn, [...(byScript.get(r.definedIn) ?? []), r]);
    for (const runs of byScript.values()) {
      const windows = runs.map((r) => ({ r, w: remoteWindow(r) })).filter((x) => x.w);
      for (let i = 0; i < windows.length; i++) {
        for (let j = 0; j < i; j++) {
          const a = windows[i].w!;
          const b = windows[j].w!;
          if (a.start < b.end && b.start < a.end) {
            const site = argSite(windows[i].r, 'remote_memory_addr_range');
            out.push(finding('GS213', windows[i].r.definedIn, site?.valueArg.span ?? windows[i].r.span,
              `${runLabel(windows[i].r)}'s remote window [${hex(a.start)}, ${hex(a.end)}) overlaps ${runLabel(windows[j].r)}'s [${hex(b.start)}, ${hex(b.end)}): both write the same SST memory`));
          }
        }
      }
    }
    return out;
  },
};

export const GS2_RULES: Rule[] = [GS201, GS202, GS203, GS204, GS205, GS206, sizeRule('GS207', 'remote'), sizeRule('GS208', 'local'),
  GS209, GS210, GS211, GS212, GS213];
