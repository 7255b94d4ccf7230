/**
 * A native stand-in for SST's Python module: `sst.Component`, `addParams`/`addParam`, `setSubComponent`,
 * `setRank`, `sst.Link`/`connect`/`setNoCut`, `UnitAlgebra`, program options, statistics (no-ops). Everything is
 * recorded with where it happened; records take part in branch joins, so a parameter set under a condition the
 * model cannot decide is unknown rather than wrong.
 */
import type { CallSite } from '../heap';
import { born, touch, type Journaled } from '../journal';
import { PyExit } from '../limits';
import type { Interpreter } from '../interpreter';
import { joinValues, NONE, UNKNOWN, bool, float, int, str, type SourceRef, type Value } from '../values';
import { module, nativeObject } from './stdlib';
import {
  addUnitValues, compareUnitValues, divUnitValues, floatOfUnitValue, invertUnitValue, mulUnitValues, negateUnitValue, parseUnitValue,
  roundedUnitValue, unitsMatch, unitValueText, type UnitValue,
} from './unitAlgebra';

export interface ParamRecord {
  key: string;
  value: Value;
  /** The key and value expressions that put it there (in the file that wrote them). */
  keySrc?: SourceRef;
  valueSrc?: SourceRef;
  /** The addParams/addParam call in the main file that set it (or that led to it). */
  at: SourceRef;
}

abstract class Record implements Journaled {
  params: ParamRecord[] = [];
  subs: SubComponentRecord[] = [];
  incomplete?: string;
  maybe = false;

  snapshot(): unknown {
    return { params: this.params.slice(), subs: this.subs.slice(), incomplete: this.incomplete, extra: this.snapshotExtra() };
  }

  restore(s: unknown): void {
    const st = s as { params: ParamRecord[]; subs: SubComponentRecord[]; incomplete?: string; extra: unknown };
    this.params = st.params.slice();
    this.subs = st.subs.slice();
    this.incomplete = st.incomplete;
    this.restoreExtra(st.extra);
  }

  join(a: unknown, b: unknown): void {
    const sa = a as { params: ParamRecord[]; subs: SubComponentRecord[]; incomplete?: string; extra: unknown };
    const sb = b as typeof sa;
    const out: ParamRecord[] = [];
    for (const p of sa.params) {
      const q = sb.params.find((x) => x.key === p.key);
      out.push({ ...p, value: q ? joinValues(p.value, q.value) : UNKNOWN });
    }
    for (const q of sb.params) if (!sa.params.some((p) => p.key === q.key)) out.push({ ...q, value: UNKNOWN });
    this.params = out;
    this.subs = [...sa.subs, ...sb.subs.filter((s) => !sa.subs.includes(s))];
    this.incomplete = sa.incomplete ?? sb.incomplete;
    this.joinExtra(sa.extra, sb.extra);
  }

  protected snapshotExtra(): unknown {
    return null;
  }
  protected restoreExtra(_s: unknown): void {}
  protected joinExtra(_a: unknown, _b: unknown): void {}

  /** Code the model cannot follow got hold of this object: what it did is unknown. */
  escaped(why: string): void {
    touch(this);
    this.incomplete ??= why;
  }

  setParam(p: ParamRecord): void {
    touch(this);
    const i = this.params.findIndex((q) => q.key === p.key);
    if (i >= 0) this.params[i] = p;
    else this.params.push(p);
  }
}

export class ComponentRecord extends Record {
  rank: { rank: Value; thread: Value } | null = null;

  constructor(
    readonly order: number,
    readonly name: Value,
    readonly type: Value,
    /** The `sst.Component(...)` call, and where in the main file it happened. */
    readonly site: SourceRef,
    readonly anchor: SourceRef,
    /** The innermost integer loop value at creation (the node index of per-node loops). */
    readonly node: number | null,
    readonly callChain: SourceRef[],
  ) {
    super();
  }

  protected override snapshotExtra(): unknown {
    return this.rank;
  }
  protected override restoreExtra(s: unknown): void {
    this.rank = s as ComponentRecord['rank'];
  }
  protected override joinExtra(a: unknown, b: unknown): void {
    const ra = a as ComponentRecord['rank'];
    const rb = b as ComponentRecord['rank'];
    if (!ra && !rb) this.rank = null;
    else if (ra && rb) this.rank = { rank: joinValues(ra.rank, rb.rank), thread: joinValues(ra.thread, rb.thread) };
    else this.rank = { rank: UNKNOWN, thread: UNKNOWN };
  }
}

/** SST's full name: a subcomponent is `parent:slot[n]` below its parent's full name; unknown when a part is. */
export function fullName(r: ComponentRecord | SubComponentRecord): Value {
  if (r instanceof ComponentRecord) return r.name;
  const parent = r.parent instanceof ComponentRecord || r.parent instanceof SubComponentRecord ? fullName(r.parent) : UNKNOWN;
  if (parent.kind !== 'str' || r.slot.kind !== 'str' || r.index.kind !== 'int') return UNKNOWN;
  return str(`${parent.value}:${r.slot.value}[${r.index.value}]`);
}

export class SubComponentRecord extends Record {
  constructor(
    readonly owner: ComponentRecord,
    readonly parent: Record,
    readonly slot: Value,
    readonly type: Value,
    readonly index: Value,
    readonly site: SourceRef,
    readonly anchor: SourceRef,
  ) {
    super();
  }
}

export interface LinkEndRecord {
  /** The component or subcomponent; null when the model does not know which. */
  target: ComponentRecord | SubComponentRecord | null;
  port: Value;
  latency: Value;
  at: SourceRef;
}

export class LinkRecord implements Journaled {
  ends: LinkEndRecord[] = [];
  noCut = false;
  maybe = false;
  incomplete?: string;

  constructor(readonly name: Value, readonly site: SourceRef, readonly anchor: SourceRef, readonly defaultLatency: Value = UNKNOWN) {}

  snapshot(): unknown {
    return { ends: this.ends.slice(), noCut: this.noCut, incomplete: this.incomplete };
  }
  restore(s: unknown): void {
    const st = s as { ends: LinkEndRecord[]; noCut: boolean; incomplete?: string };
    this.ends = st.ends.slice();
    this.noCut = st.noCut;
    this.incomplete = st.incomplete;
  }
  /**
   * Code the model cannot follow got hold of the link (`picked.addLink(link, …)` on an unknown component): it may
   * have connected it, so a link with an end still free gets an end the model does not know, not none.
   */
  escaped(why: string): void {
    touch(this);
    this.incomplete ??= why;
    if (this.ends.length < 2) this.ends.push({ target: null, port: UNKNOWN, latency: UNKNOWN, at: this.anchor });
  }

  join(a: unknown, b: unknown): void {
    const sa = a as { ends: LinkEndRecord[]; noCut: boolean; incomplete?: string };
    const sb = b as typeof sa;
    const same = sa.ends.length === sb.ends.length && sa.ends.every((e, i) => e.target === sb.ends[i].target);
    this.ends = same ? sa.ends.map((e, i) => ({ ...e, port: joinValues(e.port, sb.ends[i].port), latency: joinValues(e.latency, sb.ends[i].latency) })) : sa.ends.length >= sb.ends.length ? sa.ends : sb.ends;
    if (!same) this.incomplete = 'it is connected under a condition the model cannot decide';
    this.noCut = sa.noCut && sb.noCut;
  }
}

/** What an SST script built, in creation order. */
export class SstRecording implements Journaled {
  readonly components: ComponentRecord[] = [];
  readonly links: LinkRecord[] = [];
  programOptions: ParamRecord[] = [];
  /** SST calls on receivers the model could not identify (their effect is lost). */
  readonly lostCalls: { at: SourceRef; what: string }[] = [];

  snapshot(): unknown {
    return this.programOptions.slice();
  }
  restore(s: unknown): void {
    this.programOptions = (s as ParamRecord[]).slice();
  }
  join(a: unknown, b: unknown): void {
    const pa = a as ParamRecord[];
    const pb = b as ParamRecord[];
    this.programOptions = [
      ...pa.map((p) => {
        const q = pb.find((x) => x.key === p.key);
        return { ...p, value: q ? joinValues(p.value, q.value) : UNKNOWN };
      }),
      ...pb.filter((q) => !pa.some((p) => p.key === q.key)).map((q) => ({ ...q, value: UNKNOWN })),
    ];
  }
}

const MAX_COMPONENTS = 20_000;

/** Methods every component/subcomponent has that only affect statistics or naming: recorded as no-ops. */
const NO_OPS = new Set([
  'enableAllStatistics', 'enableStatistics', 'setStatistic', 'setStatisticLoadLevel', 'setCoordinates',
  'addGlobalParamSet', 'addSharedParamSet', 'addPortModule', 'reuseStatistic', 'setWeight',
]);

/**
 * What SST's command line tells a script about its run (pymodel.cc): getMPIRankCount() is MPI_COMM_WORLD's size,
 * getThreadCount() the --num-threads value, getMyMPIRank() this process's rank. Without --parallel-load only rank 0
 * runs the script, so its rank is 0 whatever the world size; with it every rank runs it and the rank is unknown.
 * A count is null when the run is not known (no sst task says how SST is launched).
 */
export interface SstRun {
  ranks: number | null;
  threads: number | null;
  parallelLoad: boolean;
}

export const UNKNOWN_SST_RUN: SstRun = { ranks: null, threads: null, parallelLoad: false };

export function sstModule(interp: Interpreter, rec: SstRecording, run: SstRun = UNKNOWN_SST_RUN) {
  let threadCount: Value = run.threads === null ? UNKNOWN : int(BigInt(run.threads));
  /** pushNamePrefix's stack; null for a prefix the model does not know. */
  const prefixes: (string | null)[] = [];
  const fn = (name: string, f: (args: Value[], kw: Map<string, Value>, site: CallSite) => Value) => interp.nativeFn(name, f);
  const where = (site: CallSite) => interp.anchor(site.node, site.module);
  const callChain = (): SourceRef[] => interp.frames.map((f) => interp.src(f.site.node, f.site.module));

  /** SST turns a parameter into its str() at the call (pymodel_comp.cc): an object mutated later must not change it. */
  const atCall = (v: Value): Value => {
    if (v.kind !== 'ref') return v;
    const text = interp.strOf(v);
    return text === null ? UNKNOWN : str(text);
  };

  const paramsFrom = (target: Record, v: Value | undefined, site: CallSite): void => {
    const at = where(site);
    if (v?.kind === 'ref' && v.obj.type === 'dict') {
      for (const e of v.obj.entries) {
        // SST stores a key's str() (compAddParams), so 1 is "1" and True is "True".
        const key = e.key.kind === 'str' ? e.key.value : e.key.kind === 'unknown' ? null : interp.strOf(e.key);
        if (key === null) {
          markIncomplete(target, `a parameter with a key the model does not know (line ${lineOf(interp, at)})`);
          continue;
        }
        target.setParam({ key, value: atCall(e.value), keySrc: e.keySrc, valueSrc: e.valueSrc, at });
      }
      if (v.obj.incomplete) markIncomplete(target, `its parameters (line ${lineOf(interp, at)}): ${v.obj.incomplete}`);
      return;
    }
    markIncomplete(target, `addParams with a value the model does not know (line ${lineOf(interp, at)})`);
  };

  const addParam = (target: Record, args: Value[], site: CallSite): void => {
    const at = where(site);
    const k = args[0];
    if (k?.kind !== 'str') return markIncomplete(target, `addParam with a key the model does not know (line ${lineOf(interp, at)})`);
    target.setParam({ key: k.value, value: atCall(args[1] ?? UNKNOWN), keySrc: site.argSrc[0], valueSrc: site.argSrc[1], at });
  };

  const setSub = (owner: ComponentRecord, parent: Record, args: Value[], kw: Map<string, Value>, site: CallSite): Value =>
    interp.reuse(`${site.module.path}:${site.node.from}:${parent === owner ? owner.order : 'sub'}`, () => {
      const sub = new SubComponentRecord(owner, parent, args[0] ?? kw.get('slot_name') ?? UNKNOWN, args[1] ?? kw.get('type') ?? UNKNOWN,
        args[2] ?? kw.get('slot_num') ?? int(0n), interp.src(site.node, site.module), where(site));
      born(sub);
      sub.maybe = interp.inForkNow();
      touch(parent);
      parent.subs.push(sub);
      return objectFor(sub);
    });

  const recordMethods = (r: Record, owner: ComponentRecord) => (name: string): Value | undefined => {
    switch (name) {
      case 'addParams': return fn(name, ([d], _kw, site) => (paramsFrom(r, d, site), NONE));
      case 'addParam': return fn(name, (a, _kw, site) => (addParam(r, a, site), NONE));
      case 'setSubComponent': return fn(name, (a, kw, site) => setSub(owner, r, a, kw, site));
      case 'setRank': return fn(name, (a, _kw, site) => {
        if (!(r instanceof ComponentRecord)) return NONE;
        touch(r);
        r.rank = { rank: a[0] ?? UNKNOWN, thread: a[1] ?? int(0n) };
        void site;
        return NONE;
      });
      case 'addLink': return fn(name, ([l, port, lat], _kw, site) => {
        const link = l?.kind === 'ref' && l.obj.type === 'object' && l.obj.data instanceof LinkRecord ? l.obj.data : null;
        if (!link) {
          rec.lostCalls.push({ at: where(site), what: 'addLink with a link the model does not know' });
          return NONE;
        }
        touch(link);
        link.ends.push({ target: r as ComponentRecord | SubComponentRecord, port: port ?? UNKNOWN, latency: lat ? latencyText(lat) : link.defaultLatency, at: where(site) });
        return NONE;
      });
      case 'getFullName': return fn(name, () => fullName(r as ComponentRecord | SubComponentRecord));
      case 'getType': return fn(name, () => (r as ComponentRecord | SubComponentRecord).type);
      default:
        if (NO_OPS.has(name)) return fn(name, () => NONE);
        return undefined;
    }
  };

  const objects = new WeakMap<object, Value>();
  const objectFor = (r: ComponentRecord | SubComponentRecord | LinkRecord): Value => {
    let v = objects.get(r);
    if (v) return v;
    if (r instanceof LinkRecord) {
      v = nativeObject('Link', r, (name) => {
        if (name === 'connect') return fn(name, (ends, _kw, site) => (connect(r, ends, site), NONE));
        if (name === 'setNoCut') return fn(name, () => {
          touch(r);
          r.noCut = true;
          return NONE;
        });
        // A parallel load's link to another rank: nothing the graph holds changes.
        if (name === 'setNonLocal') return fn(name, () => NONE);
        return undefined;
      });
    } else {
      const owner = r instanceof ComponentRecord ? r : r.owner;
      v = nativeObject(r instanceof ComponentRecord ? 'Component' : 'SubComponent', r, recordMethods(r, owner));
    }
    objects.set(r, v);
    return v;
  };

  /** linkInit/linkConnect keep a latency's str() (pymodel_link.cc, "s|O" and "O!s|O"): a UnitAlgebra is accepted. */
  const latencyText = (v: Value): Value => {
    if (v.kind === 'str' || v.kind === 'unknown') return v;
    const text = interp.strOf(v);
    return text === null ? UNKNOWN : str(text);
  };

  const connect = (link: LinkRecord, ends: Value[], site: CallSite): void => {
    touch(link);
    for (const end of ends) {
      const items = end.kind === 'ref' && (end.obj.type === 'tuple' || end.obj.type === 'list') && !end.obj.incomplete ? end.obj.items : null;
      const t = items?.[0];
      const target = t?.kind === 'ref' && t.obj.type === 'object' && (t.obj.data instanceof ComponentRecord || t.obj.data instanceof SubComponentRecord) ? t.obj.data : null;
      if (!target) link.incomplete = `an end the model does not know (line ${lineOf(interp, where(site))})`;
      link.ends.push({ target, port: items?.[1] ?? UNKNOWN, latency: items?.[2] ? latencyText(items[2]) : link.defaultLatency, at: where(site) });
    }
  };

  /** sst-core's addNamePrefix: component AND link names get the pushed prefixes, joined by '.'. */
  const prefixed = (name: Value): Value => {
    if (!prefixes.length) return name;
    return name.kind === 'str' && !prefixes.includes(null) ? str(prefixes.join('.') + '.' + name.value) : UNKNOWN;
  };

  const component = fn('Component', (args, kw, site) => interp.reuse(`${site.module.path}:${site.node.from}`, () => {
    if (rec.components.length >= MAX_COMPONENTS) return UNKNOWN;
    const name = prefixed(args[0] ?? kw.get('name') ?? UNKNOWN);
    const r = new ComponentRecord(rec.components.length, name, args[1] ?? kw.get('type') ?? UNKNOWN, interp.src(site.node, site.module), where(site), interp.innermostLoopInt(), callChain());
    born(r);
    r.maybe = interp.inForkNow();
    rec.components.push(r);
    return objectFor(r);
  }));

  const link = fn('Link', (args, kw, site) => interp.reuse(`${site.module.path}:${site.node.from}`, () => {
    const lat = args[1] ?? kw.get('latency');
    const r = new LinkRecord(prefixed(args[0] ?? kw.get('name') ?? UNKNOWN), interp.src(site.node, site.module), where(site), lat ? latencyText(lat) : UNKNOWN);
    born(r);
    r.maybe = interp.inForkNow();
    rec.links.push(r);
    return objectFor(r);
  }));

  /** `sst.findComponentByName`: the component of that name, None when the model knows there is none. */
  const findComponent = (n: Value | undefined): Value => {
    if (n?.kind !== 'str') return UNKNOWN;
    let unsure = false;
    for (const c of rec.components) {
      if (c.name.kind !== 'str') unsure = true;
      else if (c.name.value === n.value) return c.maybe ? UNKNOWN : objectFor(c);
    }
    return unsure || interp.inForkNow() ? UNKNOWN : NONE;
  };
  /** Statistics groups and outputs: their methods change nothing the graph holds. */
  const statisticsNoOp = (name: string): Value | undefined => (name.startsWith('__') ? undefined : fn(name, () => NONE));

  const setProgramOption = fn('setProgramOption', (args, _kw, site) => {
    const k = args[0];
    if (k?.kind !== 'str') return NONE;
    touch(rec);
    const at = where(site);
    const p: ParamRecord = { key: k.value, value: args[1] ?? UNKNOWN, keySrc: site.argSrc[0], valueSrc: site.argSrc[1], at };
    const i = rec.programOptions.findIndex((q) => q.key === p.key);
    if (i >= 0) rec.programOptions[i] = p;
    else rec.programOptions.push(p);
    return NONE;
  });

  const attrs: { [k: string]: Value } = {
    Component: component,
    Link: link,
    UnitAlgebra: fn('UnitAlgebra', ([v]) => unitAlgebra(interp, v)),
    setProgramOption,
    setProgramOptions: fn('setProgramOptions', ([d], _kw, site) => {
      if (d?.kind === 'ref' && d.obj.type === 'dict') {
        for (const e of d.obj.entries) interp.callValue(setProgramOption, [e.key, e.value], new Map(), { ...site, argSrc: [e.keySrc, e.valueSrc] });
      }
      return NONE;
    }),
    getProgramOptions: fn('getProgramOptions', () => UNKNOWN),
    getMPIRankCount: fn('getMPIRankCount', () => (run.ranks === null ? UNKNOWN : int(BigInt(run.ranks)))),
    getThreadCount: fn('getThreadCount', () => threadCount),
    // setSSTThreadCount: the new count for the rest of the script; it returns the old one.
    setThreadCount: fn('setThreadCount', ([n]) => {
      const old = threadCount;
      threadCount = n?.kind === 'int' && !interp.inForkNow() ? n : UNKNOWN;
      return old;
    }),
    getMyMPIRank: fn('getMyMPIRank', () => (run.parallelLoad && run.ranks !== 1 ? UNKNOWN : int(0n))),
    pushNamePrefix: fn('pushNamePrefix', ([p]) => {
      prefixes.push(p?.kind === 'str' ? p.value : null);
      return NONE;
    }),
    popNamePrefix: fn('popNamePrefix', () => {
      prefixes.pop();
      return NONE;
    }),
    // pymodel.cc exitsst: exit(-1) — SST ends there, before building anything.
    exit: fn('exit', () => {
      throw new PyExit(-1n);
    }),
    findComponentByName: fn('findComponentByName', ([n]) => findComponent(n)),
    StatisticGroup: fn('StatisticGroup', () => nativeObject('StatisticGroup', null, statisticsNoOp)),
    StatisticOutput: fn('StatisticOutput', () => nativeObject('StatisticOutput', null, statisticsNoOp)),
    getElapsedExecutionTime: fn('getElapsedExecutionTime', () => UNKNOWN),
    getLocalMemoryUsage: fn('getLocalMemoryUsage', () => UNKNOWN),
  };
  for (const n of [
    'setStatisticLoadLevel', 'setStatisticOutput', 'setStatisticOutputOption', 'setStatisticOutputOptions',
    'enableAllStatisticsForAllComponents', 'enableAllStatisticsForComponentType', 'enableAllStatisticsForComponentName',
    'enableStatisticForComponentType', 'enableStatisticForComponentName', 'enableStatisticsForComponentType',
    'enableStatisticsForComponentName', 'addGlobalParam', 'addGlobalParams', 'addStatisticOutputParameter',
    'addStatisticOutputParameters', 'setStatisticLoadLevelForComponentName', 'setStatisticLoadLevelForComponentType',
    'setCallPythonFinalize',
  ]) attrs[n] = fn(n, () => NONE);
  const m = module('sst', attrs);
  return m;
}

function markIncomplete(r: Record, why: string): void {
  touch(r);
  r.incomplete ??= why;
}

function lineOf(interp: Interpreter, at: SourceRef): number {
  const mc = at.file === interp.main.path ? interp.main : [...interp.modules.values()].find((m) => m.path === at.file);
  return mc ? mc.lines.positionAt(at.from).line + 1 : 0;
}

/** SST's UnitAlgebra as a Python object: sst-core's arithmetic (unitAlgebra.ts); what SST would reject is unknown. */
function unitAlgebra(interp: Interpreter, v: Value | undefined): Value {
  if (v && unitValueOf(v)) return v;
  const text = v?.kind === 'str' ? v.value : v?.kind === 'int' || v?.kind === 'float' ? interp.strOf(v) : null;
  const ua = text === null ? null : parseUnitValue(text);
  return ua ? unitAlgebraObject(interp, ua) : UNKNOWN;
}

function unitValueOf(v: Value): UnitValue | null {
  return v.kind === 'ref' && v.obj.type === 'object' && v.obj.className === 'UnitAlgebra' ? (v.obj.data as UnitValue) : null;
}

const COMPARISONS: { readonly [dunder: string]: ((c: number) => boolean) | undefined } = {
  __lt__: (c) => c < 0, __le__: (c) => c <= 0, __gt__: (c) => c > 0, __ge__: (c) => c >= 0, __eq__: (c) => c === 0, __ne__: (c) => c !== 0,
};

function unitAlgebraObject(interp: Interpreter, ua: UnitValue): Value {
  const wrap = (r: UnitValue | null): Value => (r ? unitAlgebraObject(interp, r) : UNKNOWN);
  const fn = (name: string, f: (a: Value[]) => Value) => interp.nativeFn(name, (a) => f(a));
  /** A method taking another UnitAlgebra (SST raises a TypeError for anything else). */
  const withOther = (name: string, f: (o: UnitValue) => Value) => fn(name, ([o]) => {
    const other = o ? unitValueOf(o) : null;
    return other ? f(other) : UNKNOWN;
  });
  const obj = nativeObject('UnitAlgebra', ua, (name: string) => {
    const compare = COMPARISONS[name];
    if (compare) return withOther(name, (o) => {
      const c = compareUnitValues(ua, o);
      return c === null ? UNKNOWN : bool(compare(c));
    });
    switch (name) {
      case '__add__': return withOther(name, (o) => wrap(addUnitValues(ua, o, '+')));
      case '__sub__': return withOther(name, (o) => wrap(addUnitValues(ua, o, '-')));
      case '__mul__': return withOther(name, (o) => wrap(mulUnitValues(ua, o)));
      case '__truediv__': return withOther(name, (o) => wrap(divUnitValues(ua, o)));
      case '__neg__': return fn(name, () => wrap(negateUnitValue(ua)));
      case '__str__': case '__repr__': return fn(name, () => str(unitValueText(ua)));
      case '__int__': case 'getRoundedValue': return fn(name, () => int(roundedUnitValue(ua)));
      case '__float__': case 'getFloatValue': return fn(name, () => float(floatOfUnitValue(ua)));
      case 'invert': return fn(name, () => wrap(invertUnitValue(ua)));
      case 'hasUnits': return fn(name, ([u]) => {
        const m = u?.kind === 'str' ? unitsMatch(ua, u.value) : null;
        return m === null ? UNKNOWN : bool(m);
      });
      case 'isValueZero': return fn(name, () => bool(ua.scaled === 0n));
      default: return undefined;
    }
  });
  if (obj.kind === 'ref' && obj.obj.type === 'object') obj.obj.truth = ua.scaled !== 0n;
  return obj;
}

export { module };
