/**
 * The pure parts of Python's library config scripts reach for: `copy` (copy, deepcopy), `itertools` (product,
 * combinations, permutations, chain, islice, zip_longest, repeat) and `functools` (reduce, partial). None of them
 * changes its arguments, so an argument never becomes "passed to code the model cannot follow". Iterators are
 * objects that only iterate (their str() is CPython's address, unknown here); results past the budget are unknown.
 */
import type { DictObject, HeapObject, InstanceObject, ListObject } from '../heap';
import type { Interpreter } from '../interpreter';
import { NONE, UNKNOWN, type Value } from '../values';
import { module } from './stdlib';

export function pyLibModule(name: string, interp: Interpreter) {
  const fn = (n: string, f: (a: Value[], kw: Map<string, Value>) => Value) => interp.nativeFn(n, (a, kw) => f(a, kw));
  switch (name) {
    case 'copy': return module('copy', {
      copy: fn('copy', ([v]) => (v ? shallowCopy(interp, v) : UNKNOWN)),
      deepcopy: fn('deepcopy', ([v]) => (v ? deepCopy(interp, v, new Map()) : UNKNOWN)),
    });
    case 'itertools': return module('itertools', itertools(interp, fn));
    case 'functools': return module('functools', {
      reduce: fn('reduce', ([f, it, init]) => {
        const items = it ? interp.iterate(it) : null;
        if (!f || !items) return UNKNOWN;
        let acc = init;
        for (const x of items) acc = acc === undefined ? x : interp.callValue(f, [acc, x], new Map(), null);
        return acc ?? UNKNOWN;
      }),
      partial: fn('partial', ([f, ...bound], boundKw) => (f ? interp.nativeFn('partial', (a, kw) => interp.callValue(f, [...bound, ...a], new Map([...boundKw, ...kw]), null)) : UNKNOWN)),
    });
    default: return undefined;
  }
}

/** A copy of an OrderedDict/defaultdict/Counter is one too (a defaultdict's factory is shared, as in CPython). */
function withFlavor(copy: Value, of: DictObject): Value {
  if (copy.kind === 'ref' && copy.obj.type === 'dict' && of.flavor) copy.obj.flavor = of.flavor;
  return copy;
}

function shallowCopy(interp: Interpreter, v: Value): Value {
  if (v.kind !== 'ref') return v;
  const o = v.obj;
  switch (o.type) {
    case 'list': case 'set': return o.incomplete ? UNKNOWN : interp.list(o.items.slice(), o.type);
    case 'tuple': return v;
    // A dict subclass's copy is an instance of that class (copy uses __reduce_ex__): not modelled.
    case 'dict': return o.incomplete || o.cls ? UNKNOWN : withFlavor(interp.dict(o.entries.map((e) => ({ ...e }))), o);
    case 'instance': return copyInstance(interp, o, (x) => x);
    case 'function': case 'class': case 'module': return v;
    default: return UNKNOWN;
  }
}

function deepCopy(interp: Interpreter, v: Value, memo: Map<HeapObject, Value>): Value {
  if (v.kind !== 'ref') return v;
  const o = v.obj;
  const seen = memo.get(o);
  if (seen) return seen;
  if (memo.size > interp.meter.budget.sequence) return UNKNOWN;
  const copyOf = (x: Value) => deepCopy(interp, x, memo);
  switch (o.type) {
    case 'list': case 'set': case 'tuple': {
      if (o.incomplete) return UNKNOWN;
      const out = interp.list([], o.type);
      if (o.type === 'tuple' && o.named) (out as { obj: ListObject }).obj.named = o.named;
      memo.set(o, out);
      (out as { obj: { items: Value[] } }).obj.items.push(...o.items.map(copyOf));
      return out;
    }
    case 'dict': {
      if (o.incomplete || o.cls) return UNKNOWN;
      const out = withFlavor(interp.dict([]), o);
      memo.set(o, out);
      (out as { obj: { entries: unknown[] } }).obj.entries.push(...o.entries.map((e) => ({ ...e, key: copyOf(e.key), value: copyOf(e.value) })));
      return out;
    }
    case 'instance': return copyInstance(interp, o, copyOf, (c) => memo.set(o, c));
    case 'function': case 'class': case 'module': return v;
    default: return UNKNOWN; // domain objects (SST components, …) are not plain Python objects
  }
}

/** A copy of an instance's attributes; a class with its own __copy__/__deepcopy__ or __reduce__ is not followed. */
function copyInstance(interp: Interpreter, o: InstanceObject, copyOf: (v: Value) => Value, remember?: (c: Value) => void): Value {
  if (o.incomplete || ['__copy__', '__deepcopy__', '__reduce__', '__reduce_ex__', '__getstate__', '__setstate__'].some((n) => interp.lookupClassAttr(o.cls, n))) return UNKNOWN;
  const c = interp.newInstance(o.cls);
  remember?.(c);
  const attrs = (c as { obj: InstanceObject }).obj.attrs;
  for (const [k, x] of o.attrs) attrs.set(k, copyOf(x));
  return c;
}

type Fn = (n: string, f: (a: Value[], kw: Map<string, Value>) => Value) => Value;

function itertools(interp: Interpreter, fn: Fn): { [name: string]: Value } {
  const limit = interp.meter.budget.sequence;
  const lists = (args: Value[]): Value[][] | null => {
    const out: Value[][] = [];
    for (const a of args) {
      const items = interp.iterate(a);
      if (!items) return null;
      out.push(items);
    }
    return out;
  };
  const tuples = (rows: Value[][] | null): Value => interp.iteratorOf(rows ? rows.map((r) => interp.list(r, 'tuple')) : null);
  const count = (v: Value | undefined): number | null => (v?.kind === 'int' && v.value >= 0n && v.value <= BigInt(limit) ? Number(v.value) : null);
  return {
    product: fn('product', (args, kw) => {
      const repeat = kw.has('repeat') ? count(kw.get('repeat')) : 1;
      const pools = lists(args);
      if (!pools || repeat === null || [...kw.keys()].some((k) => k !== 'repeat')) return UNKNOWN;
      const all = Array.from({ length: repeat }, () => pools).flat();
      let rows: Value[][] = [[]];
      for (const pool of all) {
        if (rows.length * pool.length > limit) return UNKNOWN;
        rows = rows.flatMap((r) => pool.map((x) => [...r, x]));
      }
      return tuples(rows);
    }),
    combinations: fn('combinations', ([it, r]) => {
      const pool = it ? interp.iterate(it) : null;
      const k = count(r);
      if (!pool || k === null) return UNKNOWN;
      const rows: Value[][] = [];
      const pick = (start: number, acc: Value[]): boolean => {
        if (acc.length === k) return rows.push(acc) <= limit;
        for (let i = start; i < pool.length; i++) if (!pick(i + 1, [...acc, pool[i]])) return false;
        return true;
      };
      return pick(0, []) ? tuples(rows) : UNKNOWN;
    }),
    permutations: fn('permutations', ([it, r]) => {
      const pool = it ? interp.iterate(it) : null;
      const k = r === undefined || r.kind === 'none' ? pool?.length ?? null : count(r);
      if (!pool || k === null) return UNKNOWN;
      const rows: Value[][] = [];
      const pick = (used: boolean[], acc: Value[]): boolean => {
        if (acc.length === k) return rows.push(acc) <= limit;
        for (let i = 0; i < pool.length; i++) {
          if (used[i]) continue;
          used[i] = true;
          const ok = pick(used, [...acc, pool[i]]);
          used[i] = false;
          if (!ok) return false;
        }
        return true;
      };
      return pick([], []) ? tuples(rows) : UNKNOWN;
    }),
    chain: fn('chain', (args) => {
      const parts = lists(args);
      return interp.iteratorOf(parts && parts.reduce((n, p) => n + p.length, 0) <= limit ? parts.flat() : null);
    }),
    islice: fn('islice', ([it, ...bounds]) => {
      const items = it ? interp.iterate(it) : null;
      const nums = bounds.map((b) => (b.kind === 'none' ? null : count(b)));
      if (!items || nums.some((n, i) => n === null && bounds[i].kind !== 'none') || bounds.length < 1 || bounds.length > 3) return UNKNOWN;
      const [start, stop, step] = bounds.length === 1 ? [0, nums[0], 1] : [nums[0] ?? 0, nums[1], nums[2] ?? 1];
      if (step === 0) return UNKNOWN;
      const out: Value[] = [];
      for (let i = start; i < (stop ?? items.length) && i < items.length; i += step) out.push(items[i]);
      return interp.iteratorOf(out);
    }),
    zip_longest: fn('zip_longest', (args, kw) => {
      const pools = lists(args);
      if (!pools || [...kw.keys()].some((k) => k !== 'fillvalue')) return UNKNOWN;
      const fill = kw.get('fillvalue') ?? NONE;
      const n = Math.max(0, ...pools.map((p) => p.length));
      return tuples(Array.from({ length: n }, (_, i) => pools.map((p) => (i < p.length ? p[i] : fill))));
    }),
    repeat: fn('repeat', ([x, times]) => {
      const n = count(times);
      return x && n !== null ? interp.iteratorOf(Array.from({ length: n }, () => x)) : UNKNOWN; // without times: endless
    }),
  };
}

