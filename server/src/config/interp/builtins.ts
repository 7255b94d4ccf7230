/**
 * Python's operators, builtins and the str/list/dict methods config scripts use, the mutating ones included
 * (append, extend, update, setdefault, pop, …). Each returns unknown where CPython's result is not known exactly.
 */
import { namedTupleRepr } from './domains/collections';
import { enumEquals } from './domains/enums';
import { binaryOp, pyEquals } from './primitives';
import { pyFormatValue, pyPercentFormat, pyRepr } from '../pyFormat';
import { pythonFloat, pythonIntBase0, pythonIntBase10 } from '../units';
import type { PyValue } from '../types';
import type { ClassObject, DictObject, InstanceObject, ListObject, ModuleObject, NativeFunction, NativeObject } from './heap';
import { born, touch } from './journal';
import { PyExit, PyRaise } from './limits';
import type { Interpreter } from './interpreter';
import { IteratorState } from './iterators';
import { openFile } from './domains/files';
import {
  FALSE, NONE, TRUE, UNKNOWN, bool, float, int, primFromPy, primToPy, ref, shiftPieces, str, type Prim, type StrPiece, type Value,
} from './values';

/** Python truthiness; null when unknown. */
export function truthyOf(v: Value): boolean | null {
  switch (v.kind) {
    case 'int': return v.value !== 0n;
    case 'float': return v.value !== 0;
    case 'str': return v.value.length > 0;
    case 'bool': return v.value;
    case 'none': return false;
    case 'unknown': return null;
    case 'ref': {
      const o = v.obj;
      if (o.type === 'list' || o.type === 'tuple' || o.type === 'set') return o.incomplete ? (o.items.length ? true : null) : o.items.length > 0;
      if (o.type === 'dict') return o.incomplete ? (o.entries.length ? true : null) : o.entries.length > 0;
      if (o.type === 'object') return o.truth !== undefined ? o.truth : o.className === 'UnknownValue' ? null : true;
      return true;
    }
  }
}

/**
 * The value as a plain Python value (lists, dicts and primitives); null for objects without one. With `exactText`
 * tuples and sets give null, because the model's PyValue would print them as lists.
 */
export function valueToPy(v: Value, depth = 0, exactText = false): PyValue | null {
  if (v.kind !== 'ref') return primToPy(v);
  if (depth > 8) return null;
  const o = v.obj;
  if (o.type === 'list' || o.type === 'tuple' || o.type === 'set') {
    if (o.incomplete || (exactText && o.type !== 'list')) return null;
    const items: PyValue[] = [];
    for (const it of o.items) {
      const p = valueToPy(it, depth + 1, exactText);
      if (!p) return null;
      items.push(p);
    }
    return { kind: 'list', items };
  }
  if (o.type === 'dict') {
    if (o.incomplete) return null;
    const entries: [PyValue, PyValue][] = [];
    for (const e of o.entries) {
      const k = valueToPy(e.key, depth + 1, exactText);
      const x = valueToPy(e.value, depth + 1, exactText);
      if (!k || !x) return null;
      entries.push([k, x]);
    }
    return { kind: 'dict', entries };
  }
  return null;
}

/**
 * `repr(v)` as CPython prints it, or null when the model cannot know it exactly (a set of several items: its order
 * follows string hashing, which is randomised per process; an object without its own __repr__).
 */
export function reprOf(interp: Interpreter, v: Value, depth = 0): string | null {
  if (v.kind !== 'ref') return pyRepr(primToPy(v));
  if (depth > 8) return null;
  const o = v.obj;
  const items = (xs: Value[]): string | null => {
    const parts = xs.map((x) => reprOf(interp, x, depth + 1));
    return parts.some((p) => p === null) ? null : parts.join(', ');
  };
  if (o.type === 'list' || o.type === 'tuple' || o.type === 'set') {
    if (o.incomplete) return null;
    const inner = items(o.items);
    if (inner === null) return null;
    if (o.type === 'list') return `[${inner}]`;
    if (o.type === 'tuple' && o.named) return namedTupleRepr(o, (x) => reprOf(interp, x, depth + 1));
    if (o.type === 'tuple') return o.items.length === 1 ? `(${inner},)` : `(${inner})`;
    if (o.frozen) return o.items.length === 0 ? 'frozenset()' : o.items.length === 1 ? `frozenset({${inner}})` : null;
    return o.items.length === 0 ? 'set()' : o.items.length === 1 ? `{${inner}}` : null;
  }
  if (o.type === 'dict') {
    // OrderedDict's repr changed between Python versions; defaultdict's names its factory's class.
    if (o.incomplete || o.flavor) return null;
    const parts = o.entries.map((e) => {
      const k = reprOf(interp, e.key, depth + 1);
      const x = reprOf(interp, e.value, depth + 1);
      return k === null || x === null ? null : `${k}: ${x}`;
    });
    return parts.some((p) => p === null) ? null : `{${parts.join(', ')}}`;
  }
  return interp.reprOfObject(v);
}

/** Python comparison of two primitives; null when unknown. */
export function pyCompare(op: string, a: Value, b: Value): boolean | null {
  if (a.kind === 'ref' || b.kind === 'ref') return null;
  const r = binaryOp(op, primToPy(a), primToPy(b));
  return r.kind === 'bool' ? r.value : null;
}

function listItems(v: Value): Value[] | null {
  if (v.kind !== 'ref') return null;
  const o = v.obj;
  if ((o.type === 'list' || o.type === 'tuple' || o.type === 'set') && !o.incomplete) return o.items;
  return null;
}

/** Equality of any two values (lists by content, objects by identity); null when unknown. */
export function valueEquals(interp: Interpreter, a: Value, b: Value, depth = 0): boolean | null {
  if (a.kind === 'unknown' || b.kind === 'unknown') return null;
  const asEnums = enumEquals(interp, a, b);
  if (asEnums !== undefined) return asEnums;
  if (a.kind === 'ref' && b.kind === 'ref') {
    if (a.obj === b.obj) return true;
    const x = listItems(a);
    const y = listItems(b);
    if (x && y && a.obj.type === 'set' && b.obj.type === 'set') return setEquals(interp, x, y, depth);
    if (x && y && a.obj.type === b.obj.type) {
      if (x.length !== y.length) return false;
      let unknown = false;
      for (let i = 0; i < x.length; i++) {
        const e = depth > 8 ? null : valueEquals(interp, x[i], y[i], depth + 1);
        if (e === false) return false;
        if (e === null) unknown = true;
      }
      return unknown ? null : true;
    }
    if ((a.obj.type === 'dict' || b.obj.type === 'dict')) {
      // Two OrderedDicts are equal only in the same order.
      if (a.obj.type === 'dict' && b.obj.type === 'dict' && a.obj.flavor?.kind === 'ordered' && b.obj.flavor?.kind === 'ordered') {
        if (a.obj.incomplete || b.obj.incomplete) return null;
        if (a.obj.entries.length !== b.obj.entries.length) return false;
        const orderSame = a.obj.entries.map((e, i) => valueEquals(interp, e.key, (b.obj as DictObject).entries[i].key, depth + 1));
        if (orderSame.includes(false)) return false;
        if (orderSame.includes(null)) return null;
      }
      const pa = valueToPy(a);
      const pb = valueToPy(b);
      return pa && pb ? pyEquals(pa, pb) : null;
    }
    if (a.obj.type === 'instance' && b.obj.type === 'instance' && a.obj.cls === b.obj.cls && a.obj.cls.dataclassEq) return dataclassEquals(interp, a.obj, b.obj, depth);
    if (a.obj.type === 'object' || b.obj.type === 'object' || a.obj.type === 'instance' || b.obj.type === 'instance') return null;
    return false;
  }
  if (a.kind === 'ref' || b.kind === 'ref') {
    const o = (a.kind === 'ref' ? a : b) as { obj: { type: string } };
    return o.obj.type === 'object' || o.obj.type === 'instance' ? null : false;
  }
  return pyEquals(primToPy(a), primToPy(b));
}

/** The __eq__ @dataclass generates: the fields compared in order, as tuples are. */
function dataclassEquals(interp: Interpreter, a: InstanceObject, b: InstanceObject, depth: number): boolean | null {
  if (a.incomplete || b.incomplete || depth > 8) return null;
  let unknown = false;
  for (const f of a.cls.dataclassFields ?? []) {
    const x = a.attrs.get(f.name);
    const y = b.attrs.get(f.name);
    const e = x && y ? valueEquals(interp, x, y, depth + 1) : null;
    if (e === false) return false;
    if (e === null) unknown = true;
  }
  return unknown ? null : true;
}

/**
 * round(x, n) as CPython computes it: on the exact binary value of x (2.675 is 2.67499…, so 2.67), an exact tie to
 * even. toFixed(100) is exact for |x| ≥ 1e-5 (at most 70 fraction digits); smaller non-zero values are left unknown.
 */
export function roundFloatToDigits(x: number, digits: number): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return x;
  if (Math.abs(x) < 1e-5 || Math.abs(x) >= 1e21) return null;
  // Past 60 digits the rounding moves x by far less than half its ulp: the nearest double is x.
  if (digits > 60) return x;
  const exact = Math.abs(x).toFixed(100);
  const [whole, frac] = exact.split('.');
  const kept = whole + frac.slice(0, digits);
  const rest = frac.slice(digits);
  const up = rest[0] > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1))) || (rest[0] === '5' && Number(kept[kept.length - 1]) % 2 === 1);
  const n = BigInt(kept) + (up ? 1n : 0n);
  const text = n.toString().padStart(digits + 1, '0');
  const value = Number(`${text.slice(0, text.length - digits)}.${text.slice(text.length - digits) || '0'}`);
  return x < 0 ? -value : value;
}

/** Two sets are equal when each has the other's items, whatever their order. */
function setEquals(interp: Interpreter, x: Value[], y: Value[], depth: number): boolean | null {
  if (x.length !== y.length) return false;
  if (depth > 8) return null;
  return allOf(x.map((a) => memberOf(interp, a, y, depth + 1)));
}

/** Whether `items` holds a value equal to `x`; null when a comparison is unknown and none is certainly equal. */
function memberOf(interp: Interpreter, x: Value, items: readonly Value[], depth = 0): boolean | null {
  const hits = items.map((y) => valueEquals(interp, x, y, depth));
  return hits.includes(true) ? true : hits.includes(null) ? null : false;
}

/** Three-valued `all`: false if any is false, else null if any is unknown. */
function allOf(results: (boolean | null)[]): boolean | null {
  return results.includes(false) ? false : results.includes(null) ? null : true;
}

export function pyBinary(interp: Interpreter, op: string, a: Value, b: Value): Value {
  const dunder = COMPARE_DUNDERS[op];
  if (dunder && a.kind === 'ref' && a.obj.type === 'object') {
    // A domain object that compares itself (UnitAlgebra); the reflected form is not modelled.
    const m = a.obj.getAttr(dunder, a.obj);
    if (m) return interp.callValue(m, [b], new Map(), null);
  }
  if (op === '==' || op === '!=') {
    const e = valueEquals(interp, a, b);
    return e === null ? UNKNOWN : bool(op === '==' ? e : !e);
  }
  if (op === 'is' || op === 'is not') {
    if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
    let same: boolean | null = null;
    if (a.kind === 'ref' && b.kind === 'ref') same = a.obj === b.obj;
    else if (a.kind === 'none' || b.kind === 'none') same = a.kind === b.kind;
    else if (a.kind === 'bool' && b.kind === 'bool') same = a.value === b.value;
    else if (a.kind === 'ref' || b.kind === 'ref') same = false;
    if (same === null) return UNKNOWN;
    return bool(op === 'is' ? same : !same);
  }
  if ((op === '|' || op === '&' || op === '-' || op === '^') && isSet(a) && isSet(b)) return setOperator(interp, op, a, b);
  if (op === 'in' || op === 'not in') {
    const r = contains(interp, b, a);
    return r === null ? UNKNOWN : bool(op === 'in' ? r : !r);
  }
  if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
  if (op === '+' && a.kind === 'str' && b.kind === 'str') {
    return str(a.value + b.value, [...shiftPieces(a.pieces, 0), ...shiftPieces(b.pieces, a.value.length)]);
  }
  if (a.kind === 'ref' || b.kind === 'ref') {
    if (op === '<' || op === '<=' || op === '>' || op === '>=') {
      const c = orderOf(interp, a, b);
      return c === null ? UNKNOWN : bool(op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
    }
    const x = listItems(a);
    const y = listItems(b);
    if (op === '+' && x && y && a.kind === 'ref' && b.kind === 'ref' && a.obj.type === b.obj.type) return interp.list([...x, ...y], (a.obj as ListObject).type);
    if (op === '*') {
      const seq = x ? a : listItems(b) ? b : null;
      const n = x ? b : a;
      if (seq && seq.kind === 'ref' && (n.kind === 'int' || n.kind === 'bool')) {
        const times = n.kind === 'bool' ? (n.value ? 1 : 0) : n.value < 0n ? 0 : Number(n.value);
        const items = listItems(seq)!;
        if (times * items.length > interp.meter.budget.sequence) return UNKNOWN;
        return interp.list(Array.from({ length: times }, () => items).flat(), (seq.obj as ListObject).type);
      }
    }
    if (op === '%' && a.kind === 'str') {
      const tuple = b.kind === 'ref' && b.obj.type === 'tuple' ? listItems(b) : null;
      const items = tuple?.map((t) => valueToPy(t, 0, true));
      const single = tuple ? null : valueToPy(b, 0, true);
      if (items ? items.some((p) => !p) : !single) return UNKNOWN;
      const r = pyPercentFormat(a.value, items ? { tuple: items as PyValue[] } : { single: single! });
      return r === null ? UNKNOWN : str(r);
    }
    if (b.kind === 'ref' && b.obj.type === 'object') {
      const m = b.obj.getAttr('__r' + opName(op) + '__', b.obj);
      if (m) return interp.callValue(m, [a], new Map(), null);
    }
    if (a.kind === 'ref' && a.obj.type === 'object') {
      const m = a.obj.getAttr('__' + opName(op) + '__', a.obj);
      if (m) return interp.callValue(m, [b], new Map(), null);
    }
    return UNKNOWN;
  }
  if ((op === '/' || op === '//' || op === '%') && isNumber(a) && isNumber(b) && Number(b.value) === 0) throw new PyRaise('ZeroDivisionError');
  const r = binaryOp(op, primToPy(a), primToPy(b));
  return fromPy(r);
}

function isNumber(v: Value): v is Value & { kind: 'int' | 'float' | 'bool' } {
  return v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
}

/** Text CPython's int()/float() would refuse for certain: printable ASCII (other digits and spaces it may accept). */
function surelyInvalidNumber(text: string): boolean {
  return /^[\x20-\x7e\t\n\r\v\f]*$/.test(text);
}

const COMPARE_DUNDERS: Partial<Record<string, string>> = { '<': '__lt__', '<=': '__le__', '>': '__gt__', '>=': '__ge__', '==': '__eq__', '!=': '__ne__' };

function opName(op: string): string {
  return ({ '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod' } as Record<string, string>)[op] ?? 'op';
}

function fromPy(p: PyValue): Value {
  return primFromPy(p) ?? UNKNOWN;
}

function contains(interp: Interpreter, container: Value, item: Value): boolean | null {
  if (container.kind === 'str') return item.kind === 'str' ? container.value.includes(item.value) : null;
  if (container.kind !== 'ref') return null;
  const o = container.obj;
  let keys: Value[] | null = null;
  if (o.type === 'dict') {
    // Through the dict's key index: `if name not in links` per link of a mesh must not scan every key.
    const at = interp.findEntry(o, item);
    return at === null ? null : at >= 0 ? true : o.incomplete ? null : false;
  }
  else if (o.type === 'list' || o.type === 'tuple' || o.type === 'set') keys = o.items;
  else if (o.type === 'object') {
    // A domain object answers through its __contains__, or else is searched through __iter__, as Python does.
    const has = o.getAttr('__contains__', o);
    if (has) return truthyOf(interp.callValue(has, [item], new Map(), null));
    keys = interp.iterate(container);
  }
  if (!keys) return null;
  let unknown = false;
  for (const k of keys) {
    const e = valueEquals(interp, k, item);
    if (e === true) return true;
    if (e === null) unknown = true;
  }
  if (o.type !== 'object' && (o as { incomplete?: string }).incomplete) return null;
  return unknown ? null : false;
}

// ---------------------------------------------------------------------------------------------------------------
// methods of str, list, dict

type Method = (interp: Interpreter, self: Value, args: Value[], kw: Map<string, Value>) => Value;

/** Line boundaries str.splitlines also splits on besides \n, \r and \r\n (\v \f \x1c-\x1e \x85 \u2028 \u2029). */
// eslint-disable-next-line no-control-regex -- these control characters are what CPython splits on
const RARE_LINE_BREAKS = /[\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** The methods that read their keyword arguments (str.format, str.split, list.sort, dict.update). */
const METHODS_WITH_KEYWORDS = new Set(['format', 'split', 'sort', 'update']);

const strOnly = (v: Value | undefined): string | null => (v?.kind === 'str' ? v.value : null);

/** A str method whose answer for non-ASCII text follows Unicode tables the model does not carry: unknown there. */
function asciiTest(re: RegExp): Method {
  return (_i, self) => {
    const s = (self as { value: string }).value;
    return /^[\x20-\x7e\t\n\r\v\f]*$/.test(s) ? bool(re.test(s)) : UNKNOWN;
  };
}

/** Whether JavaScript's UTF-16 indices are Python's code-point indices for this text. */
const sameIndices = (s: string): boolean => !/[\ud800-\udfff]/.test(s);

/** str.find/rfind/index/rindex without start/end; index/rindex raise when absent (unknown here). */
function finder(kind: 'find' | 'rfind' | 'index' | 'rindex'): Method {
  return (_i, self, args) => {
    const s = (self as { value: string }).value;
    const x = strOnly(args[0]);
    if (x === null || args.length > 1 || !sameIndices(s)) return UNKNOWN;
    const at = kind === 'find' || kind === 'index' ? s.indexOf(x) : s.lastIndexOf(x);
    return at < 0 && (kind === 'index' || kind === 'rindex') ? UNKNOWN : int(BigInt(at));
  };
}

/** str.ljust/rjust/center; center puts the odd pad character where CPython's pad() does. */
function padder(kind: 'ljust' | 'rjust' | 'center'): Method {
  return (_i, self, args) => {
    const s = (self as { value: string }).value;
    const fill = args[1] === undefined ? ' ' : strOnly(args[1]);
    if (args[0]?.kind !== 'int' || fill === null || [...fill].length !== 1 || !sameIndices(s)) return UNKNOWN;
    const width = Number(args[0].value);
    const margin = width - s.length;
    if (margin <= 0) return str(s);
    const left = kind === 'ljust' ? 0 : kind === 'rjust' ? margin : Math.floor(margin / 2) + (margin & width & 1);
    return str(fill.repeat(left) + s + fill.repeat(margin - left));
  };
}

function partitioner(kind: 'partition' | 'rpartition'): Method {
  return (interp, self, args) => {
    const s = (self as { value: string }).value;
    const sep = strOnly(args[0]);
    if (sep === null || sep === '') return UNKNOWN;
    const at = kind === 'partition' ? s.indexOf(sep) : s.lastIndexOf(sep);
    const parts = at < 0 ? (kind === 'partition' ? [s, '', ''] : ['', '', s]) : [s.slice(0, at), sep, s.slice(at + sep.length)];
    return interp.list(parts.map((p) => str(p)), 'tuple');
  };
}

const STR_METHODS: Record<string, Method> = {
  join(interp, self, args) {
    const s = self as Prim & { kind: 'str' };
    const items = args[0] ? interp.iterate(args[0]) : null;
    if (!items) return UNKNOWN;
    let out = '';
    const pieces: StrPiece[] = [];
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (it.kind !== 'str') return UNKNOWN;
      if (i > 0) {
        pieces.push(...shiftPieces(s.pieces, out.length));
        out += s.value;
      }
      pieces.push(...shiftPieces(it.pieces, out.length));
      out += it.value;
    }
    return str(out, pieces);
  },
  split(interp, self, args, kw) {
    const s = (self as { value: string }).value;
    const sep = args[0] ?? kw.get('sep');
    const maxArg = args[1] ?? kw.get('maxsplit');
    if (maxArg && maxArg.kind !== 'int') return UNKNOWN;
    const max = maxArg?.kind === 'int' ? Number(maxArg.value) : -1;
    let parts: string[];
    if (!sep || sep.kind === 'none') {
      parts = s.trim().split(/\s+/).filter((p) => p.length > 0);
      if (max >= 0 && parts.length > max + 1) {
        const re = /\S+/g;
        const out: string[] = [];
        let m: RegExpExecArray | null;
        while (out.length < max && (m = re.exec(s))) out.push(m[0]);
        out.push(s.slice(re.lastIndex).trimStart());
        parts = out;
      }
    } else {
      if (sep.kind !== 'str' || sep.value === '') return UNKNOWN;
      parts = s.split(sep.value);
      if (max >= 0 && parts.length > max + 1) parts = [...parts.slice(0, max), parts.slice(max).join(sep.value)];
    }
    return interp.list(parts.map((p) => str(p)));
  },
  strip: stripper('both'),
  lstrip: stripper('left'),
  rstrip: stripper('right'),
  lower: (_i, self) => str((self as { value: string }).value.toLowerCase()),
  upper: (_i, self) => str((self as { value: string }).value.toUpperCase()),
  title: (_i, self) => str((self as { value: string }).value.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase())),
  capitalize: (_i, self) => {
    const s = (self as { value: string }).value;
    return str(s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase());
  },
  replace(_i, self, args) {
    const x = strOnly(args[0]);
    const y = strOnly(args[1]);
    if (x === null || y === null || args[2]) return UNKNOWN;
    const s = (self as { value: string }).value;
    return x === '' ? UNKNOWN : str(s.split(x).join(y));
  },
  startswith: (_i, self, args) => affix(self, args, true),
  endswith: (_i, self, args) => affix(self, args, false),
  find: finder('find'),
  rfind: finder('rfind'),
  index: finder('index'),
  rindex: finder('rindex'),
  ljust: padder('ljust'),
  rjust: padder('rjust'),
  center: padder('center'),
  isalpha: asciiTest(/^[A-Za-z]+$/),
  isalnum: asciiTest(/^[A-Za-z0-9]+$/),
  isspace: asciiTest(/^[ \t\n\r\v\f]+$/),
  isupper: asciiTest(/^[^a-z]*[A-Z][^a-z]*$/),
  islower: asciiTest(/^[^A-Z]*[a-z][^A-Z]*$/),
  rsplit(interp, self, args, kw) {
    const s = (self as { value: string }).value;
    const sep = args[0] ?? kw.get('sep');
    const maxArg = args[1] ?? kw.get('maxsplit');
    if (!sep || sep.kind !== 'str' || sep.value === '' || (maxArg && maxArg.kind !== 'int')) return UNKNOWN;
    const parts = s.split(sep.value);
    const max = maxArg?.kind === 'int' ? Number(maxArg.value) : -1;
    const out = max >= 0 && parts.length > max + 1 ? [parts.slice(0, parts.length - max).join(sep.value), ...parts.slice(parts.length - max)] : parts;
    return interp.list(out.map((p) => str(p)));
  },
  partition: partitioner('partition'),
  rpartition: partitioner('rpartition'),
  removeprefix(_i, self, args) {
    const s = (self as { value: string }).value;
    const x = strOnly(args[0]);
    return x === null ? UNKNOWN : str(x && s.startsWith(x) ? s.slice(x.length) : s);
  },
  removesuffix(_i, self, args) {
    const s = (self as { value: string }).value;
    const x = strOnly(args[0]);
    return x === null ? UNKNOWN : str(x && s.endsWith(x) ? s.slice(0, -x.length) : s);
  },
  count(_i, self, args) {
    const x = strOnly(args[0]);
    if (x === null || x === '') return UNKNOWN;
    return int(BigInt((self as { value: string }).value.split(x).length - 1));
  },
  isdigit: asciiTest(/^[0-9]+$/),
  isnumeric: asciiTest(/^[0-9]+$/),
  zfill(_i, self, args) {
    if (args[0]?.kind !== 'int') return UNKNOWN;
    const s = (self as { value: string }).value;
    const w = Number(args[0].value);
    const sign = s.startsWith('-') || s.startsWith('+') ? s[0] : '';
    return str(sign + s.slice(sign.length).padStart(w - sign.length, '0'));
  },
  splitlines: (interp, self, args) => {
    const text = (self as { value: string }).value;
    // keepends, and the rarer line boundaries CPython also splits on, are not modelled.
    if (args.length || RARE_LINE_BREAKS.test(text)) return UNKNOWN;
    return interp.list(text.split(/\r\n|\r|\n/).filter((_l, i, a) => i < a.length - 1 || a[i] !== '').map((l) => str(l)));
  },
  format(interp, self, args, kw) {
    const s = (self as { value: string }).value;
    // Nested fields in a spec ('{:>{w}}') and stray braces (a ValueError in Python) are not modelled.
    if (!/^(?:[^{}]|\{\{|\}\}|\{[^{}]*\})*$/.test(s)) return UNKNOWN;
    let auto = 0;
    let failed = false;
    const out = s.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, inner: string | undefined) => {
      if (whole === '{{') return '{';
      if (whole === '}}') return '}';
      const [field, spec = ''] = (inner ?? '').split(/:(.*)/s);
      let v: Value | undefined;
      if (field === '') v = args[auto++];
      else if (/^\d+$/.test(field)) v = args[Number(field)];
      else v = kw.get(field);
      if (!v) {
        failed = true;
        return '';
      }
      const py = valueToPy(v, 0, true);
      const r = py ? pyFormatValue(py, spec) : spec === '' ? interp.strOf(v) : null;
      if (r === null) failed = true;
      return r ?? '';
    });
    return failed ? UNKNOWN : str(out);
  },
  encode: () => UNKNOWN,
};

function stripper(side: 'both' | 'left' | 'right'): Method {
  return (_i, self, args) => {
    const a0 = args[0];
    if (a0 && a0.kind !== 'str' && a0.kind !== 'none') return UNKNOWN;
    const chars = a0?.kind === 'str' ? a0.value : null;
    const s = (self as { value: string }).value;
    const isStrip = (c: string) => (chars === null ? /\s/.test(c) : chars.includes(c));
    let a = 0;
    let b = s.length;
    if (side !== 'right') while (a < b && isStrip(s[a])) a++;
    if (side !== 'left') while (b > a && isStrip(s[b - 1])) b--;
    const p = (self as { pieces?: readonly StrPiece[] }).pieces;
    return str(s.slice(a, b), p?.length === 1 && p[0].exact && p[0].start === 0 ? [{ ...p[0], length: b - a, src: { ...p[0].src, from: p[0].src.from + a, to: p[0].src.from + b } }] : undefined);
  };
}

function affix(self: Value, args: Value[], start: boolean): Value {
  const s = (self as { value: string }).value;
  const a = args[0];
  const test = (x: string) => (start ? s.startsWith(x) : s.endsWith(x));
  if (a?.kind === 'str') return bool(test(a.value));
  const items = a ? listItems(a) : null;
  if (items && items.every((i) => i.kind === 'str')) return bool(items.some((i) => test((i as { value: string }).value)));
  return UNKNOWN;
}

function mutableList(self: Value): ListObject | null {
  return self.kind === 'ref' && self.obj.type === 'list' ? self.obj : null;
}

const LIST_METHODS: Record<string, Method> = {
  append(_i, self, args) {
    const l = mutableList(self);
    if (!l) return UNKNOWN;
    touch(l);
    l.items.push(args[0] ?? UNKNOWN);
    return NONE;
  },
  extend(interp, self, args) {
    const l = mutableList(self);
    if (!l) return UNKNOWN;
    touch(l);
    const items = args[0] ? interp.iterate(args[0]) : null;
    if (items) l.items.push(...items);
    else l.incomplete = 'it was extended with something the model cannot list';
    return NONE;
  },
  insert(_i, self, args) {
    const l = mutableList(self);
    if (!l) return UNKNOWN;
    touch(l);
    const at = args[0];
    if (at?.kind !== 'int' || l.incomplete) {
      l.incomplete = 'an item was inserted at a place the model does not know';
      return NONE;
    }
    let i = Number(at.value);
    if (i < 0) i = Math.max(0, l.items.length + i);
    l.items.splice(Math.min(i, l.items.length), 0, args[1] ?? UNKNOWN);
    return NONE;
  },
  pop(_i, self, args) {
    const l = mutableList(self);
    if (!l) return UNKNOWN;
    touch(l);
    if (l.incomplete || l.items.length === 0) {
      l.incomplete ??= 'an item was popped';
      return UNKNOWN;
    }
    const at = args[0];
    if (at && at.kind !== 'int') {
      l.incomplete = 'an item was popped at an index the model does not know';
      return UNKNOWN;
    }
    let i = at ? Number(at.value) : l.items.length - 1;
    if (i < 0) i += l.items.length;
    if (i < 0 || i >= l.items.length) return UNKNOWN;
    return l.items.splice(i, 1)[0];
  },
  remove(interp, self, args) {
    const l = mutableList(self);
    if (!l) return UNKNOWN;
    touch(l);
    const i = l.items.findIndex((x) => valueEquals(interp, x, args[0] ?? UNKNOWN) === true);
    if (i >= 0 && !l.items.slice(0, i).some((x) => valueEquals(interp, x, args[0] ?? UNKNOWN) === null)) l.items.splice(i, 1);
    else l.incomplete = 'an item the model cannot find was removed';
    return NONE;
  },
  index(interp, self, args) {
    const items = listItems(self);
    if (!items) return UNKNOWN;
    for (let i = 0; i < items.length; i++) {
      const e = valueEquals(interp, items[i], args[0] ?? UNKNOWN);
      if (e === true) return int(BigInt(i));
      if (e === null) return UNKNOWN;
    }
    return UNKNOWN;
  },
  count(interp, self, args) {
    const items = listItems(self);
    if (!items) return UNKNOWN;
    let n = 0;
    for (const it of items) {
      const e = valueEquals(interp, it, args[0] ?? UNKNOWN);
      if (e === null) return UNKNOWN;
      if (e) n++;
    }
    return int(BigInt(n));
  },
  reverse(_i, self) {
    const l = mutableList(self);
    if (!l) return UNKNOWN;
    touch(l);
    l.items.reverse();
    return NONE;
  },
  sort(interp, self, args, kw) {
    const l = mutableList(self);
    if (!l) return UNKNOWN;
    touch(l);
    const sorted = sortValues(interp, l.items, kw);
    if (sorted) l.items = sorted;
    else l.incomplete = 'it was sorted in an order the model does not know';
    void args;
    return NONE;
  },
  copy: (interp, self) => {
    const items = listItems(self);
    return items ? interp.list(items.slice()) : UNKNOWN;
  },
  clear(_i, self) {
    const l = mutableList(self);
    if (!l) return UNKNOWN;
    touch(l);
    l.items = [];
    l.incomplete = undefined;
    return NONE;
  },
};

function mutableDict(self: Value): DictObject | null {
  return self.kind === 'ref' && self.obj.type === 'dict' ? self.obj : null;
}

const DICT_METHODS: Record<string, Method> = {
  get(interp, self, args) {
    const d = mutableDict(self)!;
    const i = interp.findEntry(d, args[0] ?? UNKNOWN);
    if (i === null) return UNKNOWN;
    if (i >= 0) return d.entries[i].value;
    return d.incomplete ? UNKNOWN : args[1] ?? NONE;
  },
  keys: (interp, self) => view(interp, self, (e) => e.key),
  values: (interp, self) => view(interp, self, (e) => e.value),
  items: (interp, self) => view(interp, self, (e) => interp.list([e.key, e.value], 'tuple')),
  update(interp, self, args, kw) {
    const d = mutableDict(self)!;
    const src = args[0];
    if (src) {
      if (src.kind === 'ref' && src.obj.type === 'dict') {
        for (const e of src.obj.entries) interp.putEntry(d, e.key, e.value, e.keySrc, e.valueSrc);
        if (src.obj.incomplete) d.incomplete = src.obj.incomplete;
      } else {
        const pairs = interp.iterate(src);
        if (!pairs) d.incomplete = 'it was updated from something the model cannot read';
        else for (const p of pairs) {
          const kv = listItems(p);
          if (kv?.length === 2) interp.putEntry(d, kv[0], kv[1]);
          else d.incomplete = 'it was updated from something the model cannot read';
        }
      }
    }
    for (const [k, v] of kw) interp.putEntry(d, str(k), v);
    return NONE;
  },
  setdefault(interp, self, args) {
    const d = mutableDict(self)!;
    const key = args[0] ?? UNKNOWN;
    const i = interp.findEntry(d, key);
    if (i === null) {
      d.incomplete = 'setdefault with a key the model does not know';
      return UNKNOWN;
    }
    if (i >= 0) return d.entries[i].value;
    if (d.incomplete) return UNKNOWN;
    const v = args[1] ?? NONE;
    interp.putEntry(d, key, v);
    return v;
  },
  pop(interp, self, args) {
    const d = mutableDict(self)!;
    touch(d);
    const i = interp.findEntry(d, args[0] ?? UNKNOWN);
    if (i === null) {
      d.incomplete = 'an entry the model cannot find was popped';
      return UNKNOWN;
    }
    if (i >= 0) return d.entries.splice(i, 1)[0].value;
    return d.incomplete ? UNKNOWN : args[1] ?? UNKNOWN;
  },
  copy: (interp, self) => {
    const d = mutableDict(self)!;
    const c = interp.dict(d.entries.map((e) => ({ ...e })));
    if (d.incomplete) (c as { obj: DictObject }).obj.incomplete = d.incomplete;
    return c;
  },
  popitem(interp, self) {
    const d = mutableDict(self)!;
    if (d.incomplete) return UNKNOWN;
    touch(d);
    const e = d.entries.pop();
    if (!e) throw new PyRaise('KeyError');
    return interp.list([e.key, e.value], 'tuple');
  },
  clear(_i, self) {
    const d = mutableDict(self)!;
    touch(d);
    d.entries = [];
    d.incomplete = undefined;
    return NONE;
  },
};

/** dict.keys()/values()/items(): a snapshot list (scripts iterate or list() them right away). */
function view(interp: Interpreter, self: Value, f: (e: DictObject['entries'][number]) => Value): Value {
  const d = mutableDict(self)!;
  const v = interp.list(d.entries.map(f));
  if (d.incomplete) (v as { obj: ListObject }).obj.incomplete = d.incomplete;
  return v;
}

/** A bound method of a str/list/tuple/dict value, or undefined. */
export function callBuiltinMethod(interp: Interpreter, base: Value, name: string): Value | undefined {
  let table: Record<string, Method> | null = null;
  if (base.kind === 'str') table = STR_METHODS;
  else if (base.kind === 'ref') {
    const t = base.obj.type;
    if (t === 'list') table = LIST_METHODS;
    else if (t === 'tuple') table = { index: LIST_METHODS.index, count: LIST_METHODS.count };
    else if (t === 'set') table = base.obj.type === 'set' && base.obj.frozen ? FROZENSET_METHODS : SET_METHODS;
    else if (t === 'dict') table = DICT_METHODS;
  }
  const m = table && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (!m) return undefined;
  const takesKeywords = METHODS_WITH_KEYWORDS.has(name);
  // A keyword a method does not read would be silently ignored: the result is unknown instead of wrong.
  return ref(born<NativeFunction>({ type: 'native', name, call: (args, kw) => (kw.size && !takesKeywords ? UNKNOWN : m(interp, base, args, kw)) }));
}

const SET_METHODS: Record<string, Method> = {
  add(interp, self, args) {
    const l = mutableSet(self);
    if (!l) return UNKNOWN;
    addToSet(interp, l, args[0] ?? UNKNOWN);
    return NONE;
  },
  update(interp, self, args) {
    const l = mutableSet(self);
    if (!l) return UNKNOWN;
    for (const other of args) {
      const items = interp.members(other);
      if (!items) l.incomplete ??= 'it was updated from something the model cannot list';
      else for (const x of items) addToSet(interp, l, x);
    }
    return NONE;
  },
  discard: (interp, self, args) => removeFromSet(interp, self, args[0] ?? UNKNOWN, false),
  remove: (interp, self, args) => removeFromSet(interp, self, args[0] ?? UNKNOWN, true),
  clear(_interp, self) {
    const l = mutableSet(self);
    if (!l) return UNKNOWN;
    touch(l);
    l.items = [];
    l.incomplete = undefined;
    l.removed = undefined;
    return NONE;
  },
  copy: (interp, self) => setAlgebra(interp, self, [], 'union'),
  union: (interp, self, args) => setAlgebra(interp, self, args, 'union'),
  intersection: (interp, self, args) => setAlgebra(interp, self, args, 'intersection'),
  difference: (interp, self, args) => setAlgebra(interp, self, args, 'difference'),
  issubset: (interp, self, args) => setRelation(interp, self, args[0], 'subset'),
  issuperset: (interp, self, args) => setRelation(interp, self, args[0], 'superset'),
  isdisjoint: (interp, self, args) => setRelation(interp, self, args[0], 'disjoint'),
};

/** A frozenset has the set methods that make a new set, none that change it. */
const FROZENSET_METHODS: Record<string, Method> = Object.fromEntries(
  ['copy', 'union', 'intersection', 'difference', 'issubset', 'issuperset', 'isdisjoint'].map((n) => [n, SET_METHODS[n]]),
);

function isSet(v: Value): boolean {
  return v.kind === 'ref' && v.obj.type === 'set';
}

/** a | b, a & b, a - b, a ^ b on two sets: a new set, as the methods make it. */
function setOperator(interp: Interpreter, op: '|' | '&' | '-' | '^', a: Value, b: Value): Value {
  if (op === '|') return setAlgebra(interp, a, [b], 'union');
  if (op === '&') return setAlgebra(interp, a, [b], 'intersection');
  if (op === '-') return setAlgebra(interp, a, [b], 'difference');
  // a ^ b: what is in exactly one of them (a's first, then b's).
  const left = setAlgebra(interp, a, [b], 'difference');
  const right = setAlgebra(interp, b, [a], 'difference');
  if (left.kind === 'unknown' || right.kind === 'unknown') return UNKNOWN;
  const out = setAlgebra(interp, left, [right], 'union');
  if (out.kind === 'ref' && out.obj.type === 'set') out.obj.removed = true; // CPython builds it by copy and discard
  return out;
}

function mutableSet(v: Value): ListObject | null {
  return v.kind === 'ref' && v.obj.type === 'set' ? v.obj : null;
}

function addToSet(interp: Interpreter, l: ListObject, x: Value): void {
  touch(l);
  const has = memberOf(interp, x, l.items);
  if (has === null) l.incomplete = 'an item the model cannot compare was added';
  else if (!has) l.items.push(x);
}

function removeFromSet(interp: Interpreter, self: Value, x: Value, mustExist: boolean): Value {
  const l = mutableSet(self);
  if (!l) return UNKNOWN;
  touch(l);
  const has = l.items.map((i) => valueEquals(interp, i, x));
  if (has.includes(null)) {
    l.incomplete = 'an item the model cannot compare was removed';
    return NONE;
  }
  const i = has.indexOf(true);
  if (i >= 0) {
    l.items.splice(i, 1);
    l.removed = true;
  } else if (mustExist && !l.incomplete) throw new PyRaise('KeyError');
  return NONE;
}

/** a.union(b, …), a.intersection(…), a.difference(…): a new set, in the order CPython adds the items. */
function setAlgebra(interp: Interpreter, self: Value, others: Value[], op: 'union' | 'intersection' | 'difference'): Value {
  const base = mutableSet(self);
  const lists = others.map((o) => interp.members(o));
  if (!base || base.incomplete || lists.some((x) => !x)) return UNKNOWN;
  const out = interp.list([], 'set');
  const target = (out as { obj: ListObject }).obj;
  const inAll = (x: Value) => allOf((lists as Value[][]).map((l1) => memberOf(interp, x, l1)));
  const inAny = (x: Value) => memberOf(interp, x, (lists as Value[][]).flat());
  for (const x of base.items) {
    const inOthers = op === 'union' ? true : op === 'intersection' ? inAll(x) : inAny(x);
    if (inOthers === null) return UNKNOWN;
    if (op === 'union' || inOthers === (op === 'intersection')) addToSet(interp, target, x);
  }
  if (op === 'union') for (const l1 of lists as Value[][]) for (const x of l1) addToSet(interp, target, x);
  // CPython may make a difference by copying and discarding: its table can hold dummies.
  if (op === 'difference') target.removed = true;
  // The result has the left operand's type (frozenset | set is a frozenset).
  if (base.frozen) target.frozen = true;
  return target.incomplete ? UNKNOWN : out;
}

function setRelation(interp: Interpreter, self: Value, other: Value | undefined, rel: 'subset' | 'superset' | 'disjoint'): Value {
  const a = mutableSet(self);
  const b = other ? interp.members(other) : null;
  if (!a || a.incomplete || !b) return UNKNOWN;
  const results = rel === 'superset' ? b.map((x) => memberOf(interp, x, a.items)) : a.items.map((x) => memberOf(interp, x, b));
  const answer = rel === 'disjoint' ? allOf(results.map((r) => (r === null ? null : !r))) : allOf(results);
  return answer === null ? UNKNOWN : bool(answer);
}

function sortValues(interp: Interpreter, items: Value[], kw: Map<string, Value>): Value[] | null {
  const reverse = kw.get('reverse');
  if (reverse && reverse.kind !== 'bool') return null;
  const descending = reverse?.kind === 'bool' && reverse.value;
  const keyed = keysOf(interp, items, kw.get('key'));
  if (!keyed) return null;
  let unknown = false;
  // Stable, and reverse=True reverses each comparison (equal items keep their order), as list.sort does.
  keyed.sort((a, b) => {
    const c = descending ? orderOf(interp, b.key, a.key) : orderOf(interp, a.key, b.key);
    if (c === null) unknown = true;
    return c ?? 0;
  });
  return unknown ? null : keyed.map((k) => k.item);
}

/** Each item with its sort key (`key=` called on it once, as CPython does); null when a key is unknown. */
function keysOf(interp: Interpreter, items: Value[], key: Value | undefined): { item: Value; key: Value }[] | null {
  if (!key || key.kind === 'none') return items.map((item) => ({ item, key: item }));
  const out: { item: Value; key: Value }[] = [];
  for (const item of items) {
    const k = interp.callValue(key, [item], new Map(), null);
    if (k.kind === 'unknown') return null;
    out.push({ item, key: k });
  }
  return out;
}

/** -1, 0 or 1 as Python's `<` orders two values (tuples and lists lexicographically); null when unknown or a TypeError. */
export function orderOf(interp: Interpreter, a: Value, b: Value, depth = 0): number | null {
  if (a.kind !== 'ref' || b.kind !== 'ref') {
    const lt = pyCompare('<', a, b);
    const gt = pyCompare('>', a, b);
    return lt === null || gt === null ? null : lt ? -1 : gt ? 1 : 0;
  }
  const x = a.obj;
  const y = b.obj;
  if (depth > 8 || x.type !== y.type || (x.type !== 'list' && x.type !== 'tuple') || x.incomplete || (y as ListObject).incomplete) return null;
  const xs = x.items;
  const ys = (y as ListObject).items;
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const same = valueEquals(interp, xs[i], ys[i]);
    if (same === null) return null;
    if (!same) return orderOf(interp, xs[i], ys[i], depth + 1);
  }
  return Math.sign(xs.length - ys.length);
}

// ---------------------------------------------------------------------------------------------------------------
// builtins

export function makeBuiltins(interp: Interpreter): ModuleObject {
  const attrs = new Map<string, Value>();
  /**
   * `keywords`: the keyword arguments the builtin takes, as the positions they stand for, or 'own' when its body reads
   * `kw` itself. Any other keyword makes the result unknown rather than silently ignored.
   */
  const def = (name: string, call: NativeFunction['call'], keywords: Readonly<Record<string, number>> | 'own' = {}) =>
    attrs.set(name, interp.nativeFn(name, (args, kw, site) => {
      if (!kw.size || keywords === 'own') return call(args, kw, site);
      const positional = [...args];
      for (const [k, v] of kw) {
        const at = keywords[k];
        if (at === undefined || at < positional.length) return UNKNOWN;
        positional[at] = v;
      }
      if (positional.includes(undefined as unknown as Value)) return UNKNOWN;
      return call(positional, new Map(), site);
    }));
  const iterOf = (v: Value | undefined) => (v ? interp.iterate(v) : null);
  /** For builtins whose result does not depend on the order of the items. */
  const membersOf = (v: Value | undefined) => (v ? interp.members(v) : null);

  def('print', () => NONE, 'own');
  def('len', ([v]) => {
    if (!v) return UNKNOWN;
    if (v.kind === 'str') return int(BigInt([...v.value].length));
    if (v.kind === 'ref') {
      const o = v.obj;
      if ((o.type === 'list' || o.type === 'tuple' || o.type === 'set') && !o.incomplete) return int(BigInt(o.items.length));
      if (o.type === 'dict' && !o.incomplete) return int(BigInt(o.entries.length));
      if (o.type === 'object') {
        const l = o.getAttr('__len__', o);
        if (l) return interp.callValue(l, [], new Map(), null);
      }
    }
    return UNKNOWN;
  });
  def('range', (args) => {
    if (args.length === 0 || args.length > 3 || args.some((x) => x.kind !== 'int' && x.kind !== 'bool')) return UNKNOWN;
    const ns = args.map((x) => (x.kind === 'bool' ? (x.value ? 1n : 0n) : (x as { value: bigint }).value));
    const [start, stop, step] = ns.length === 1 ? [0n, ns[0], 1n] : [ns[0], ns[1], ns[2] ?? 1n];
    if (step === 0n) return UNKNOWN;
    const count = step > 0n ? (stop > start ? (stop - start + step - 1n) / step : 0n) : (start > stop ? (start - stop - step - 1n) / -step : 0n);
    if (count > BigInt(interp.meter.budget.sequence)) return UNKNOWN;
    const items: Value[] = [];
    for (let i = start; step > 0n ? i < stop : i > stop; i += step) items.push(int(i));
    return interp.list(items, 'tuple');
  });
  // enumerate/zip/map/filter/reversed/iter make single-pass iterators whose items are produced when first iterated
  // (iterators.ts), as CPython's lazy ones see a list appended to before the loop and call map's function in it.
  def('enumerate', ([v, start]) => {
    if (!v || (start && start.kind !== 'int')) return UNKNOWN;
    const s = start?.kind === 'int' ? start.value : 0n;
    return interp.iteratorOf(() => iterOf(v)?.map((it, i) => interp.list([int(s + BigInt(i)), it], 'tuple')) ?? null, 'enumerate');
  }, { start: 1 });
  def('zip', (args) => interp.iteratorOf(() => {
    // zip stops at the shortest: what the longer ones would yield past it is not consumed (not modelled: unknown).
    const lists = args.map(iterOf);
    if (lists.some((l) => !l)) return null;
    const n = Math.min(...lists.map((l) => l!.length));
    return Array.from({ length: lists.length ? n : 0 }, (_, i) => interp.list(lists.map((l) => l![i]), 'tuple'));
  }, 'zip'));
  const seqCtor = (type: 'list' | 'tuple' | 'set') => ([v]: Value[]) => {
    if (!v) return interp.list([], type);
    const items = type === 'set' ? membersOf(v) : iterOf(v);
    if (!items) {
      const l = interp.list([], type);
      (l as { obj: ListObject }).obj.incomplete = 'it is made from something the model cannot list';
      return l;
    }
    if (type === 'set') {
      const out: Value[] = [];
      for (const it of items) {
        const has = out.map((o) => valueEquals(interp, o, it));
        if (has.includes(null)) return UNKNOWN;
        if (!has.includes(true)) out.push(it);
      }
      return interp.list(out, 'set');
    }
    return interp.list(items, type);
  };
  def('list', seqCtor('list'));
  def('tuple', seqCtor('tuple'));
  def('set', seqCtor('set'));
  def('frozenset', (args) => {
    const made = seqCtor('set')(args);
    if (made.kind === 'ref' && made.obj.type === 'set') made.obj.frozen = true;
    return made;
  });
  def('dict', ([v], kw) => {
    const d = interp.dict([]);
    const obj = (d as { obj: DictObject }).obj;
    if (v) DICT_METHODS.update(interp, d, [v], new Map());
    for (const [k, x] of kw) interp.putEntry(obj, str(k), x);
    return d;
  }, 'own');
  def('sorted', ([v], kw) => {
    // Equal items keep their order (stable sort): only without a key can two sort equal and differ (1 and True).
    const items = kw.size === 0 ? membersOf(v) : iterOf(v);
    const s = items ? sortValues(interp, items, kw) : null;
    return s ? interp.list(s) : UNKNOWN;
  }, 'own');
  def('reversed', ([v]) => (v ? interp.iteratorOf(() => iterOf(v)?.reverse() ?? null, 'reversed') : UNKNOWN));
  const minmax = (op: '<' | '>') => (args: Value[], kw: Map<string, Value>) => {
    if ([...kw.keys()].some((k) => k !== 'key' && k !== 'default')) return UNKNOWN;
    const items = args.length === 1 ? (kw.has('key') ? iterOf(args[0]) : membersOf(args[0])) : args;
    if (!items || items.length === 0) return kw.get('default') ?? UNKNOWN;
    const keyed = keysOf(interp, items, kw.get('key'));
    if (!keyed) return UNKNOWN;
    // The first of equal items wins, as in CPython.
    let best = keyed[0];
    for (const it of keyed.slice(1)) {
      const order = orderOf(interp, it.key, best.key);
      if (order === null) return UNKNOWN;
      if (op === '<' ? order < 0 : order > 0) best = it;
    }
    return best.item;
  };
  def('min', minmax('<'), 'own');
  def('max', minmax('>'), 'own');
  def('sum', ([v, start]) => {
    // Float sums round in order; int sums do not depend on it.
    const items = iterOf(v) ?? membersOf(v)?.filter((x) => x.kind === 'int' || x.kind === 'bool') ?? null;
    if (items && v?.kind === 'ref' && v.obj.type === 'set' && items.length !== v.obj.items.length) return UNKNOWN;
    if (!items) return UNKNOWN;
    let acc: Value = start ?? int(0n);
    for (const it of items) acc = pyBinary(interp, '+', acc, it);
    return acc;
  }, { start: 1 });
  def('any', ([v]) => {
    const items = membersOf(v);
    if (!items) return UNKNOWN;
    let unknown = false;
    for (const it of items) {
      const t = truthyOf(it);
      if (t) return TRUE;
      if (t === null) unknown = true;
    }
    return unknown ? UNKNOWN : FALSE;
  });
  def('all', ([v]) => {
    const items = membersOf(v);
    if (!items) return UNKNOWN;
    let unknown = false;
    for (const it of items) {
      const t = truthyOf(it);
      if (t === false) return FALSE;
      if (t === null) unknown = true;
    }
    return unknown ? UNKNOWN : TRUE;
  });
  def('map', ([f, ...seqs]) => {
    if (!f || seqs.length === 0) return UNKNOWN;
    return interp.iteratorOf(() => {
      const lists = seqs.map(iterOf);
      if (lists.some((l) => !l)) return null;
      const n = Math.min(...lists.map((l) => l!.length));
      return Array.from({ length: n }, (_, i) => interp.callValue(f, lists.map((l) => l![i]), new Map(), null));
    }, 'map');
  });
  def('filter', ([f, v]) => {
    if (!f || !v) return UNKNOWN;
    return interp.iteratorOf(() => {
      const items = iterOf(v);
      if (!items) return null;
      const out: Value[] = [];
      for (const it of items) {
        const t = truthyOf(f.kind === 'none' ? it : interp.callValue(f, [it], new Map(), null));
        if (t === null) return null;
        if (t) out.push(it);
      }
      return out;
    }, 'filter');
  });
  def('abs', ([v]) => (v?.kind === 'int' ? int(v.value < 0n ? -v.value : v.value) : v?.kind === 'float' ? float(Math.abs(v.value)) : UNKNOWN));
  const radix = (prefix: string, base: number) => ([v]: Value[]) => {
    if (v?.kind !== 'int') return UNKNOWN;
    const neg = v.value < 0n;
    return str((neg ? '-' : '') + prefix + (neg ? -v.value : v.value).toString(base));
  };
  def('hex', radix('0x', 16));
  def('oct', radix('0o', 8));
  def('bin', radix('0b', 2));
  def('round', ([v, nd]) => {
    if (nd && nd.kind !== 'none') {
      if (nd.kind !== 'int' || nd.value < 0n) return UNKNOWN;
      if (v?.kind === 'int') return v;
      if (v?.kind !== 'float') return UNKNOWN;
      const r = roundFloatToDigits(v.value, Number(nd.value));
      return r === null ? UNKNOWN : float(r);
    }
    if (v?.kind === 'int') return v;
    if (v?.kind !== 'float' || !Number.isFinite(v.value)) return UNKNOWN;
    const f = Math.floor(v.value);
    const diff = v.value - f;
    const r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1;
    return int(BigInt(r));
  }, { ndigits: 1 });
  def('pow', ([a, b, m]) => {
    if (!m || m.kind === 'none') return pyBinary(interp, '**', a ?? UNKNOWN, b ?? UNKNOWN);
    if (a?.kind !== 'int' || b?.kind !== 'int' || m.kind !== 'int' || b.value < 0n || m.value === 0n) return UNKNOWN;
    let result = 1n;
    let base = ((a.value % m.value) + m.value) % m.value;
    for (let e = b.value; e > 0n; e >>= 1n) {
      if (e & 1n) result = (result * base) % m.value;
      base = (base * base) % m.value;
    }
    // Python's result takes the modulus's sign.
    return int(m.value < 0n && result > 0n ? result + m.value : result);
  });
  def('divmod', ([a, b]) => {
    const q = pyBinary(interp, '//', a ?? UNKNOWN, b ?? UNKNOWN);
    const r = pyBinary(interp, '%', a ?? UNKNOWN, b ?? UNKNOWN);
    return q.kind === 'unknown' || r.kind === 'unknown' ? UNKNOWN : interp.list([q, r], 'tuple');
  });
  def('int', ([v, base]) => {
    if (!v) return int(0n);
    if (base) {
      if (v.kind !== 'str' || base.kind !== 'int') return UNKNOWN;
      if (base.value === 0n) {
        const n = pythonIntBase0(v.value);
        return n === null ? UNKNOWN : int(n);
      }
      if (base.value < 2n || base.value > 36n) return UNKNOWN;
      const t = v.value.trim().toLowerCase().replace(/_/g, '');
      const prefix = base.value === 16n ? /^0x/ : base.value === 8n ? /^0o/ : base.value === 2n ? /^0b/ : null;
      const body = prefix ? t.replace(prefix, '') : t;
      if (!body) return UNKNOWN;
      let n = 0n;
      for (const ch of body) {
        const d = parseInt(ch, 36);
        if (Number.isNaN(d) || d >= Number(base.value)) return UNKNOWN;
        n = n * base.value + BigInt(d);
      }
      return int(n);
    }
    if (v.kind === 'int') return int(v.value);
    if (v.kind === 'bool') return int(v.value ? 1n : 0n);
    if (v.kind === 'float') return Number.isFinite(v.value) ? int(BigInt(Math.trunc(v.value))) : UNKNOWN;
    if (v.kind === 'str') {
      const n = pythonIntBase10(v.value);
      if (n === null && surelyInvalidNumber(v.value)) throw new PyRaise('ValueError');
      return n === null ? UNKNOWN : int(n);
    }
    if (v.kind === 'ref' && v.obj.type === 'object') {
      const m = v.obj.getAttr('__int__', v.obj);
      if (m) return interp.callValue(m, [], new Map(), null);
    }
    return UNKNOWN;
  }, { base: 1 });
  def('float', ([v]) => {
    if (!v) return float(0);
    if (v.kind === 'int') return float(Number(v.value));
    if (v.kind === 'float') return float(v.value);
    if (v.kind === 'bool') return float(v.value ? 1 : 0);
    if (v.kind === 'str') {
      const f = pythonFloat(v.value);
      if (f === null && surelyInvalidNumber(v.value)) throw new PyRaise('ValueError');
      return f === null ? UNKNOWN : float(f);
    }
    if (v.kind === 'ref' && v.obj.type === 'object') {
      const m = v.obj.getAttr('__float__', v.obj);
      if (m) return interp.callValue(m, [], new Map(), null);
    }
    return UNKNOWN;
  });
  def('str', ([v]) => {
    if (!v) return str('');
    if (v.kind === 'str') return v;
    const s = interp.strOf(v);
    return s === null ? UNKNOWN : str(s);
  });
  def('repr', ([v]) => {
    const s = v ? reprOf(interp, v) : null;
    return s === null ? UNKNOWN : str(s);
  });
  def('bool', ([v]) => {
    if (!v) return FALSE;
    const t = truthyOf(v);
    return t === null ? UNKNOWN : bool(t);
  });
  def('isinstance', ([v, cls]) => isInstance(interp, v, cls));
  def('hasattr', ([o, n]) => {
    if (n?.kind !== 'str' || !o) return UNKNOWN;
    if (interp.lacksAttr(o, n.value)) return FALSE;
    const a = interp.getAttr(o, n.value);
    return a.kind === 'unknown' ? UNKNOWN : TRUE;
  });
  def('getattr', ([o, n, dflt]) => {
    if (n?.kind !== 'str' || !o) return UNKNOWN;
    if (dflt && interp.lacksAttr(o, n.value)) return dflt;
    const a = interp.getAttr(o, n.value);
    return a.kind === 'unknown' && dflt ? UNKNOWN : a;
  });
  def('setattr', ([o, n, v]) => {
    if (o?.kind === 'ref' && n?.kind === 'str' && (o.obj.type === 'instance' || o.obj.type === 'module' || o.obj.type === 'class')) {
      touch(o.obj.attrs);
      o.obj.attrs.set(n.value, v ?? UNKNOWN);
    } else if (o?.kind === 'ref') o.obj.incomplete ??= 'setattr with a name the model does not know';
    return NONE;
  });
  // object() makes a sentinel with its own identity; object.__setattr__ is what frozen dataclasses' __post_init__ uses.
  def('object', (args) => (args.length ? UNKNOWN : ref(born<NativeObject>({ type: 'object', className: 'object', data: null, getAttr: () => undefined }))));
  (attrs.get('object') as { obj: NativeFunction }).obj.attrs = new Map([['__setattr__', attrs.get('setattr')!]]);
  def('open', ([path, mode]) => openFile(interp, interp.options.files, path, mode), { mode: 1, encoding: 2 });
  def('input', () => UNKNOWN);
  // iter() of an iterator is the iterator itself; of a container, a live iterator over it.
  def('iter', ([v]) => (!v ? UNKNOWN : v.kind === 'ref' && v.obj.type === 'object' && v.obj.data instanceof IteratorState ? v : interp.iteratorOf(() => iterOf(v), 'iterator')));
  def('next', ([it, fallback]) => (it ? interp.nextOf(it, fallback) : UNKNOWN));
  def('type', () => UNKNOWN);
  def('id', () => UNKNOWN);
  def('hash', () => UNKNOWN);
  def('vars', ([v]) => {
    // An object that exposes its attributes as a dict (argparse's Namespace); instances are not modelled.
    const d = v?.kind === 'ref' && v.obj.type === 'object' ? v.obj.getAttr('__dict__', v.obj) : undefined;
    // What is done with an instance's or class's own dict is not followed: its attributes are no longer all known.
    if (!d && v?.kind === 'ref' && (v.obj.type === 'instance' || v.obj.type === 'class')) v.obj.incomplete ??= 'its vars() were used';
    return d ?? UNKNOWN;
  });
  def('globals', () => UNKNOWN);
  def('locals', () => UNKNOWN);
  def('exit', ([status]) => raiseExit(status));
  def('quit', ([status]) => raiseExit(status));
  def('super', (args) => interp.superOf(args));
  def('format', ([v, spec]) => {
    const py = v ? valueToPy(v, 0, true) : null;
    const s = py ? pyFormatValue(py, spec?.kind === 'str' ? spec.value : '') : null;
    return s === null ? UNKNOWN : str(s);
  });
  def('chr', ([v]) => (v?.kind === 'int' && v.value >= 0n && v.value < 0x110000n ? str(String.fromCodePoint(Number(v.value))) : UNKNOWN));
  def('ord', ([v]) => (v?.kind === 'str' && [...v.value].length === 1 ? int(BigInt(v.value.codePointAt(0)!)) : UNKNOWN));
  for (const e of ['Exception', 'ValueError', 'KeyError', 'TypeError', 'RuntimeError', 'ImportError', 'ModuleNotFoundError', 'IndexError', 'AttributeError', 'NotImplementedError', 'OSError', 'FileNotFoundError', 'SystemExit', 'AssertionError', 'StopIteration']) {
    def(e, () => UNKNOWN);
  }
  // `str.isdigit`, `str.lower`, `str.join`: str's methods taken from the type (filter(str.isdigit, s), key=str.lower)
  // take the string as their first argument; anything else is unknown (CPython raises TypeError).
  const strType = attrs.get('str');
  if (strType?.kind === 'ref' && strType.obj.type === 'native') {
    strType.obj.attrs = new Map(Object.keys(STR_METHODS).map((name) => [name, interp.nativeFn(name, ([self, ...rest], kw) => {
      const bound = self?.kind === 'str' ? callBuiltinMethod(interp, self, name) : undefined;
      return bound ? interp.callValue(bound, rest, kw, null) : UNKNOWN;
    })]));
  }
  attrs.set('__name__', str('builtins'));
  const m: ModuleObject = { type: 'module', name: 'builtins', attrs, permissive: false };
  return born(m);
}

/** Whether `cls` is `target` or derives from it. */
function derivesFrom(cls: ClassObject, target: ClassObject, seen = new Set<ClassObject>()): boolean {
  if (cls === target) return true;
  if (seen.has(cls)) return false;
  seen.add(cls);
  return cls.bases.some((b) => derivesFrom(b, target, seen));
}

/** isinstance(v, int/str/float/bool/list/dict/tuple or a script class); unknown otherwise. */
function isInstance(interp: Interpreter, v: Value | undefined, cls: Value | undefined): Value {
  if (!v || !cls || v.kind === 'unknown') return UNKNOWN;
  const classes = cls.kind === 'ref' && cls.obj.type === 'tuple' ? cls.obj.items : [cls];
  let unknown = false;
  for (const c of classes) {
    if (c.kind !== 'ref') {
      unknown = true;
      continue;
    }
    const o = c.obj;
    if (o.type === 'native') {
      if (o === (interp.builtin('object') as { obj: unknown } | undefined)?.obj) return TRUE;
      const kind = v.kind === 'ref' ? v.obj.type : v.kind;
      const map: Record<string, string[]> = { int: ['int', 'bool'], float: ['float'], str: ['str'], bool: ['bool'], list: ['list'], dict: ['dict'], tuple: ['tuple'], set: ['set'] };
      const ok = map[o.name];
      if (!ok) {
        unknown = true;
        continue;
      }
      // Domain objects (SST components, …) and script instances are never ints, strs, lists, dicts or tuples.
      if (v.kind === 'ref' && (v.obj.type === 'object' || v.obj.type === 'instance')) continue;
      if (ok.includes(kind)) return TRUE;
      continue;
    }
    if (o.type === 'class') {
      // Script instances, dicts made by a script class deriving from dict, tuples made by a NamedTuple class.
      const cls = v.kind === 'ref' ? (v.obj.type === 'instance' ? v.obj.cls : v.obj.type === 'dict' ? v.obj.cls : v.obj.type === 'tuple' ? v.obj.named?.cls : undefined) : undefined;
      if (cls && derivesFrom(cls, o)) return TRUE;
      if (cls?.incomplete) unknown = true;
      continue;
    }
    unknown = true;
  }
  void interp;
  return unknown ? UNKNOWN : FALSE;
}

/** sys.exit(status) / exit(status): None and no argument are 0; a str is printed and exits with 1. */
export function raiseExit(status: Value | undefined): never {
  const code = !status || status.kind === 'none' ? 0n : status.kind === 'int' ? status.value : status.kind === 'bool' ? (status.value ? 1n : 0n) : status.kind === 'str' ? 1n : null;
  throw new PyExit(code);
}
