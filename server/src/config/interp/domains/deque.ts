/**
 * `collections.deque`: a native object around a list the journal tracks (so branch joins undo its changes), with
 * the methods scripts use to walk topologies breadth-first (append/appendleft, pop/popleft, extend/extendleft,
 * rotate, maxlen dropping from the other end). An empty pop raises IndexError as CPython does; what the model cannot
 * know (an item it cannot compare, contents passed to code it cannot follow) makes the contents unknown.
 */
import type { ListObject } from '../heap';
import type { Escapable, Interpreter } from '../interpreter';
import { touch } from '../journal';
import { PyRaise } from '../limits';
import { NONE, UNKNOWN, int, str, type Value } from '../values';
import { reprOf, valueEquals } from '../builtins';
import { nativeObject } from './stdlib';

class DequeData implements Escapable {
  constructor(readonly list: ListObject, readonly maxlen: number | null) {}
  escaped(why: string): void {
    this.list.incomplete ??= why;
  }
}

type Fn = (args: Value[], kw: Map<string, Value>) => Value;

export function dequeConstructor(interp: Interpreter): Value {
  return interp.nativeFn('deque', ([iterable, maxArg], kw) => {
    const maxlen = maxArg ?? kw.get('maxlen') ?? NONE;
    if ([...kw.keys()].some((k) => k !== 'maxlen' && k !== 'iterable')) return UNKNOWN;
    const src = iterable ?? kw.get('iterable');
    if (maxlen.kind !== 'none' && (maxlen.kind !== 'int' || maxlen.value < 0n)) return UNKNOWN;
    const items = src ? interp.iterate(src) : [];
    const list = (interp.list(items ?? []) as { obj: ListObject }).obj;
    if (!items) list.incomplete = 'it was filled from something the model cannot list';
    const data = new DequeData(list, maxlen.kind === 'int' ? Number(maxlen.value) : null);
    trim(data, 'left');
    return makeDeque(interp, data);
  });
}

/** Drops items beyond maxlen from the given end. */
function trim(d: DequeData, end: 'left' | 'right'): void {
  if (d.maxlen === null || d.list.items.length <= d.maxlen) return;
  const extra = d.list.items.length - d.maxlen;
  if (end === 'left') d.list.items.splice(0, extra);
  else d.list.items.splice(d.maxlen, extra);
}

function makeDeque(interp: Interpreter, d: DequeData): Value {
  const l = d.list;
  const method = (name: string, f: Fn) => interp.nativeFn(name, (a, kw) => (kw.size ? UNKNOWN : f(a, kw)));
  const change = (f: () => Value): Value => {
    touch(l);
    return f();
  };
  const add = (x: Value, end: 'left' | 'right') => {
    if (end === 'right') l.items.push(x);
    else l.items.unshift(x);
    trim(d, end === 'right' ? 'left' : 'right');
  };
  const take = (end: 'left' | 'right'): Value => {
    if (l.incomplete) return UNKNOWN;
    if (!l.items.length) throw new PyRaise('IndexError');
    return change(() => (end === 'right' ? l.items.pop()! : l.items.shift()!));
  };
  const extendFrom = (it: Value | undefined, end: 'left' | 'right'): Value => {
    const items = it ? interp.iterate(it) : null;
    return change(() => {
      if (!items) l.incomplete ??= 'it was extended from something the model cannot list';
      else for (const x of items) add(x, end);
      return NONE;
    });
  };
  /** The index of the first item equal to x; null when an equality is unknown, -1 when none is equal. */
  const find = (x: Value): number | null => {
    if (l.incomplete) return null;
    for (let i = 0; i < l.items.length; i++) {
      const eq = valueEquals(interp, l.items[i], x);
      if (eq === null) return null;
      if (eq) return i;
    }
    return -1;
  };
  const at = (key: Value): number | null => {
    if (key.kind !== 'int' || l.incomplete) return null;
    const i = Number(key.value < 0n ? key.value + BigInt(l.items.length) : key.value);
    if (i < 0 || i >= l.items.length) throw new PyRaise('IndexError');
    return i;
  };
  const methods: Record<string, Fn> = {
    append: ([x]) => change(() => (add(x ?? UNKNOWN, 'right'), NONE)),
    appendleft: ([x]) => change(() => (add(x ?? UNKNOWN, 'left'), NONE)),
    pop: () => take('right'),
    popleft: () => take('left'),
    extend: ([it]) => extendFrom(it, 'right'),
    extendleft: ([it]) => extendFrom(it, 'left'),
    clear: () => change(() => {
      l.items = [];
      l.incomplete = undefined;
      return NONE;
    }),
    rotate: ([n]) => {
      const by = n === undefined ? 1n : n.kind === 'int' ? n.value : null;
      if (by === null || l.incomplete) return change(() => ((l.incomplete ??= 'it was rotated by an amount the model does not know'), NONE));
      return change(() => {
        const len = BigInt(l.items.length);
        if (len > 0n) {
          const k = Number(((by % len) + len) % len);
          l.items = [...l.items.slice(l.items.length - k), ...l.items.slice(0, l.items.length - k)];
        }
        return NONE;
      });
    },
    reverse: () => change(() => (l.items.reverse(), NONE)),
    insert: ([i, x]) => {
      if (i?.kind !== 'int' || l.incomplete) return change(() => ((l.incomplete ??= 'an item was inserted where the model does not know'), NONE));
      if (d.maxlen !== null && l.items.length >= d.maxlen) throw new PyRaise('IndexError');
      const len = BigInt(l.items.length);
      const at = i.value < 0n ? (i.value + len < 0n ? 0n : i.value + len) : i.value > len ? len : i.value;
      return change(() => (l.items.splice(Number(at), 0, x ?? UNKNOWN), NONE));
    },
    remove: ([x]) => {
      const i = find(x ?? UNKNOWN);
      if (i === null) return change(() => ((l.incomplete ??= 'an item the model cannot compare was removed'), NONE));
      if (i < 0) throw new PyRaise('ValueError');
      return change(() => (l.items.splice(i, 1), NONE));
    },
    count: ([x]) => {
      if (l.incomplete) return UNKNOWN;
      let n = 0;
      for (const item of l.items) {
        const eq = valueEquals(interp, item, x ?? UNKNOWN);
        if (eq === null) return UNKNOWN;
        if (eq) n++;
      }
      return int(BigInt(n));
    },
    index: ([x, ...range]) => {
      if (range.length) return UNKNOWN;
      const i = find(x ?? UNKNOWN);
      if (i === null) return UNKNOWN;
      if (i < 0) throw new PyRaise('ValueError');
      return int(BigInt(i));
    },
    copy: () => {
      const copy = (interp.list(l.items.slice()) as { obj: ListObject }).obj;
      if (l.incomplete) copy.incomplete = l.incomplete;
      return makeDeque(interp, new DequeData(copy, d.maxlen));
    },
    __len__: () => (l.incomplete ? UNKNOWN : int(BigInt(l.items.length))),
    __iter__: () => {
      const snapshot = (interp.list(l.items.slice()) as { obj: ListObject }).obj;
      if (l.incomplete) snapshot.incomplete = l.incomplete;
      return { kind: 'ref', obj: snapshot };
    },
    // A slice is a TypeError for a deque: unknown rather than a list.
    __getitem__: ([key]) => {
      const i = at(key ?? UNKNOWN);
      return i === null ? UNKNOWN : l.items[i];
    },
    __setitem__: ([key, v]) => {
      const i = key?.kind === 'int' && !l.incomplete ? at(key) : null;
      return change(() => {
        if (i === null) l.incomplete ??= 'an item was set at an index the model does not know';
        else l.items[i] = v ?? UNKNOWN;
        return NONE;
      });
    },
    __repr__: () => {
      const inner = l.incomplete ? null : reprOf(interp, interp.list(l.items));
      if (inner === null) return UNKNOWN;
      return str(d.maxlen === null ? `deque(${inner})` : `deque(${inner}, maxlen=${d.maxlen})`);
    },
  };
  methods.__str__ = methods.__repr__;
  const obj = nativeObject('deque', d, (name) => {
    if (name === 'maxlen') return d.maxlen === null ? NONE : int(BigInt(d.maxlen));
    const f = Object.prototype.hasOwnProperty.call(methods, name) ? methods[name] : undefined;
    if (f) return method(name, f);
    // Whatever else is not modelled may change the contents.
    if (!name.startsWith('__')) {
      touch(l);
      l.incomplete ??= `deque.${name} is not modelled`;
    }
    return undefined;
  });
  // bool(dq) follows its contents.
  Object.defineProperty((obj as { obj: object }).obj, 'truth', { get: () => (l.incomplete ? null : l.items.length > 0) });
  return obj;
}
