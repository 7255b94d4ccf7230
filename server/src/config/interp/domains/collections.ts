/**
 * `collections` as config scripts use it: OrderedDict, defaultdict and Counter are dicts with a flavor (heap.ts
 * DictFlavor) that getItem, reprOf and the methods below honour; namedtuple makes a class-like object whose instances
 * are tuples with named fields; deque is deque.ts. What is not modelled (ChainMap, Counter arithmetic) is unknown, and a method
 * the model does not know marks its receiver incomplete (interpreter getAttr), so nothing is silently wrong.
 */
import type { DictFlavor, DictObject, ListObject, NamedTupleType } from '../heap';
import { touch } from '../journal';
import type { Interpreter } from '../interpreter';
import { NONE, UNKNOWN, int, str, type Value } from '../values';
import { dequeConstructor } from './deque';
import { module, nativeObject } from './stdlib';

type Fn = (args: Value[], kw: Map<string, Value>) => Value;

export function collectionsModule(interp: Interpreter) {
  const fn = (n: string, f: Fn) => interp.nativeFn(n, (a, kw) => f(a, kw));
  /** dict(*args, **kw) as the builtin builds it, given a flavor. */
  const flavoredDict = (flavor: DictFlavor, args: Value[], kw: Map<string, Value>): Value => {
    const dictFn = interp.builtin('dict');
    const d = dictFn ? interp.callValue(dictFn, args, kw, null) : UNKNOWN;
    if (d.kind === 'ref' && d.obj.type === 'dict') d.obj.flavor = flavor;
    return d;
  };
  return module('collections', {
    OrderedDict: fn('OrderedDict', (args, kw) => (args.length > 1 ? UNKNOWN : flavoredDict({ kind: 'ordered' }, args, kw))),
    defaultdict: fn('defaultdict', ([factory, ...rest], kw) => {
      if (rest.length > 1) return UNKNOWN;
      const f = factory ?? NONE;
      if (f.kind === 'unknown') return UNKNOWN;
      return flavoredDict({ kind: 'default', factory: f }, rest, kw);
    }),
    Counter: fn('Counter', (args, kw) => {
      if (args.length > 1) return UNKNOWN;
      const d = interp.dict([]);
      const obj = (d as { obj: DictObject }).obj;
      obj.flavor = { kind: 'counter' };
      addCounts(interp, obj, args[0], kw, 1n);
      return d;
    }),
    deque: dequeConstructor(interp),
    namedtuple: fn('namedtuple', ([typeName, fieldNames], kw) => {
      if ([...kw.keys()].some((k) => k !== 'defaults')) return UNKNOWN;
      const fields = fieldNamesOf(interp, fieldNames);
      if (typeName?.kind !== 'str' || !fields) return UNKNOWN;
      const defaults = kw.get('defaults');
      const defaultItems = defaults === undefined || defaults.kind === 'none' ? [] : interp.iterate(defaults);
      if (!defaultItems || defaultItems.length > fields.length) return UNKNOWN;
      return namedTupleClass(interp, { typeName: typeName.value, fields }, defaultItems);
    }),
  });
}

/** `namedtuple("P", "a b")`, `"a, b"` or `["a", "b"]`; null for names the model does not know or Python refuses. */
function fieldNamesOf(interp: Interpreter, v: Value | undefined): string[] | null {
  if (!v) return null;
  const names = v.kind === 'str' ? v.value.replace(/,/g, ' ').split(/\s+/).filter(Boolean) : interp.iterate(v)?.map((x) => (x.kind === 'str' ? x.value : null));
  if (!names || names.some((n) => n === null || !/^[A-Za-z][A-Za-z0-9_]*$/.test(n))) return null;
  const list = names as string[];
  return new Set(list).size === list.length ? list : null;
}

/** A tuple of a namedtuple type. */
function makeNamedTuple(interp: Interpreter, type: NamedTupleType, items: Value[]): Value {
  const t = interp.list(items, 'tuple');
  (t as { obj: ListObject }).obj.named = type;
  return t;
}

/** `P(1, b=2)`: positional then keyword fields, trailing defaults; unknown where Python raises TypeError. */
export function constructNamedTuple(interp: Interpreter, type: NamedTupleType, defaults: Value[], args: Value[], kw: Map<string, Value>): Value {
  if (args.length > type.fields.length) return UNKNOWN;
  const items: (Value | undefined)[] = type.fields.map((_, i) => args[i]);
  for (const [k, v] of kw) {
    const i = type.fields.indexOf(k);
    if (i < 0 || items[i] !== undefined) return UNKNOWN;
    items[i] = v;
  }
  const firstDefault = type.fields.length - defaults.length;
  for (let i = 0; i < items.length; i++) if (items[i] === undefined && i >= firstDefault) items[i] = defaults[i - firstDefault];
  return items.every((x) => x !== undefined) ? makeNamedTuple(interp, type, items as Value[]) : UNKNOWN;
}

/** `_make(iterable)`: a tuple of exactly the type's fields. */
export function namedTupleMake(interp: Interpreter, type: NamedTupleType): Value {
  return interp.nativeFn('_make', ([it]) => {
    const items = it ? interp.iterate(it) : null;
    return items && items.length === type.fields.length ? makeNamedTuple(interp, type, items) : UNKNOWN;
  });
}

function namedTupleClass(interp: Interpreter, type: NamedTupleType, defaults: Value[]): Value {
  return nativeObject('type', type, (attr) => {
    switch (attr) {
      case '__call__': return interp.nativeFn(type.typeName, (a, kw) => constructNamedTuple(interp, type, defaults, a, kw));
      case '__name__': return str(type.typeName);
      case '_fields': return interp.list(type.fields.map((f) => str(f)), 'tuple');
      case '_make': return namedTupleMake(interp, type);
      default: return undefined;
    }
  });
}

/** A field or method of a namedtuple instance; undefined to fall back to the tuple's own methods. */
export function namedTupleAttr(interp: Interpreter, t: ListObject, name: string, self: Value): Value | undefined {
  const type = t.named;
  if (!type) return undefined;
  const i = type.fields.indexOf(name);
  if (i >= 0) return t.items[i];
  switch (name) {
    case '_fields': return interp.list(type.fields.map((f) => str(f)), 'tuple');
    case '_asdict': return interp.nativeFn('_asdict', () => interp.dict(type.fields.map((f, j) => ({ key: str(f), value: t.items[j] }))));
    case '_replace': return interp.nativeFn('_replace', (args, kw) => {
      if (args.length) return UNKNOWN;
      const items = t.items.slice();
      for (const [k, v] of kw) {
        const j = type.fields.indexOf(k);
        if (j < 0) return UNKNOWN;
        items[j] = v;
      }
      return makeNamedTuple(interp, type, items);
    });
    default: {
      // A typing.NamedTuple class's own methods and properties.
      const c = type.cls ? interp.lookupClassAttr(type.cls, name) : undefined;
      return c && type.cls ? interp.bindClassAttr(c, self, type.cls) : undefined;
    }
  }
}

/** `P(a=1, b='x')`: a namedtuple's repr; null when an item's repr is unknown. */
export function namedTupleRepr(t: ListObject, itemRepr: (v: Value) => string | null): string | null {
  // A NamedTuple class with its own __repr__/__str__ prints what that returns: not followed here.
  if (!t.named || t.named.cls?.attrs.has('__repr__') || t.named.cls?.attrs.has('__str__')) return null;
  const parts = t.items.map((v, i) => {
    const r = itemRepr(v);
    return r === null ? null : `${t.named!.fields[i]}=${r}`;
  });
  return parts.some((p) => p === null) ? null : `${t.named.typeName}(${parts.join(', ')})`;
}

/** What a missing key reads in a flavored dict: a defaultdict inserts the factory's value, a Counter reads 0. */
export function missingKey(interp: Interpreter, d: DictObject, key: Value): Value | undefined {
  const f = d.flavor;
  if (f?.kind === 'counter') return int(0n);
  if (f?.kind === 'default' && f.factory.kind !== 'none') {
    const v = interp.callValue(f.factory, [], new Map(), null);
    interp.putEntry(d, key, v);
    return v;
  }
  return undefined;
}

/** Methods a flavored dict has beyond (or instead of) dict's; undefined for dict's own. */
export function flavorMethod(interp: Interpreter, d: DictObject, name: string): Value | undefined {
  const f = d.flavor;
  if (!f) return undefined;
  const method = (call: Fn) => interp.nativeFn(name, (a, kw) => call(a, kw));
  if (name === 'copy') return method(() => {
    const c = interp.dict(d.entries.map((e) => ({ ...e })));
    const o = (c as { obj: DictObject }).obj;
    o.flavor = f;
    if (d.incomplete) o.incomplete = d.incomplete;
    return c;
  });
  if (f.kind === 'default' && name === 'default_factory') return f.factory;
  if (f.kind === 'ordered' && name === 'move_to_end') return method(([key], kw) => {
    const last = kw.get('last');
    if (kw.size > (last ? 1 : 0) || (last && last.kind !== 'bool')) return UNKNOWN;
    const i = interp.findEntry(d, key ?? UNKNOWN);
    if (i === null || i < 0 || d.incomplete) return markLost(d, 'move_to_end of a key the model cannot find');
    touch(d);
    const [e] = d.entries.splice(i, 1);
    if (last?.kind === 'bool' && !last.value) d.entries.unshift(e);
    else d.entries.push(e);
    return NONE;
  });
  if (f.kind === 'counter') {
    switch (name) {
      case 'update': return method(([src], kw) => (addCounts(interp, d, src, kw, 1n), NONE));
      case 'subtract': return method(([src], kw) => (addCounts(interp, d, src, kw, -1n), NONE));
      case 'most_common': return method(([n]) => {
        if (d.incomplete || (n && n.kind !== 'int' && n.kind !== 'none')) return UNKNOWN;
        const counted = d.entries.map((e) => ({ e, c: e.value.kind === 'int' ? e.value.value : null }));
        if (counted.some((x) => x.c === null)) return UNKNOWN;
        // Stable: equal counts keep their insertion order, as CPython's sorted() does.
        const sorted = counted.slice().sort((a, b) => (a.c! > b.c! ? -1 : a.c! < b.c! ? 1 : 0));
        const take = n?.kind === 'int' ? sorted.slice(0, Math.max(0, Number(n.value))) : sorted;
        return interp.list(take.map(({ e }) => interp.list([e.key, e.value], 'tuple')));
      });
      case 'total': return method(() => {
        if (d.incomplete || d.entries.some((e) => e.value.kind !== 'int')) return UNKNOWN;
        return int(d.entries.reduce((s, e) => s + (e.value as { value: bigint }).value, 0n));
      });
      default: return name === 'elements' || name === 'fromkeys' ? method(() => UNKNOWN) : undefined;
    }
  }
  return undefined;
}

function markLost(d: DictObject, why: string): Value {
  d.incomplete ??= why;
  return UNKNOWN;
}

/** Counter(iterable), Counter(mapping), update()/subtract(): counts added (sign 1) or taken away (sign −1). */
function addCounts(interp: Interpreter, d: DictObject, src: Value | undefined, kw: Map<string, Value>, sign: bigint): void {
  const add = (key: Value, by: Value) => {
    if (by.kind !== 'int') return void (d.incomplete ??= 'a count the model does not know');
    const i = interp.findEntry(d, key);
    if (i === null) return void (d.incomplete ??= 'a key the model cannot compare was counted');
    const old = i >= 0 ? d.entries[i].value : int(0n);
    if (old.kind !== 'int') return void (d.incomplete ??= 'a count the model does not know');
    interp.putEntry(d, key, int(old.value + sign * by.value));
  };
  if (src && src.kind !== 'none') {
    if (src.kind === 'ref' && src.obj.type === 'dict') {
      if (src.obj.incomplete) d.incomplete ??= src.obj.incomplete;
      for (const e of src.obj.entries.slice()) add(e.key, e.value);
    } else {
      const items = interp.iterate(src);
      if (!items) d.incomplete ??= 'it counts items the model cannot list';
      else for (const x of items) add(x, int(1n));
    }
  }
  for (const [k, v] of kw) add(str(k), v);
}
