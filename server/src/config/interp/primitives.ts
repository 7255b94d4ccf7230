/**
 * Python's operators on primitive values (int, float, str, bool, None and plain lists/dicts of them): equality,
 * comparisons, arithmetic with Python's floor division and modulo, `%` formatting. Unknown in, unknown out.
 */
import { pyPercentFormat } from '../pyFormat';
import type { PyValue } from '../types';

const UNKNOWN: PyValue = { kind: 'unknown' };
const intV = (value: bigint): PyValue => ({ kind: 'int', value });
const floatV = (value: number): PyValue => ({ kind: 'float', value });
const strV = (value: string): PyValue => ({ kind: 'str', value });
const boolV = (value: boolean): PyValue => ({ kind: 'bool', value });

/** Python `==`; null when unknown. */
export function pyEquals(a: PyValue, b: PyValue): boolean | null {
  if (a.kind === 'unknown' || b.kind === 'unknown') return null;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) return typeof na === 'bigint' && typeof nb === 'bigint' ? na === nb : Number(na) === Number(nb);
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'str': return a.value === (b as { value: string }).value;
    case 'none': return true;
    case 'list': {
      const bi = (b as { items: PyValue[] }).items;
      if (a.items.length !== bi.length) return false;
      let unknown = false;
      for (let i = 0; i < bi.length; i++) {
        const e = pyEquals(a.items[i], bi[i]);
        if (e === false) return false;
        if (e === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'dict': {
      const be = (b as { entries: [PyValue, PyValue][] }).entries;
      if (a.entries.length !== be.length) return false;
      for (const [k, v] of a.entries) {
        const other = be.find(([k2]) => pyEquals(k, k2) === true);
        if (!other) return null;
        const e = pyEquals(v, other[1]);
        if (e !== true) return e;
      }
      return true;
    }
    default: return null;
  }
}

export function numeric(v: PyValue): bigint | number | null {
  if (v.kind === 'int') return v.value;
  if (v.kind === 'bool') return v.value ? 1n : 0n;
  if (v.kind === 'float') return v.value;
  return null;
}

function pyFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
function pyMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

/** Python binary operators on known values. */
export function binaryOp(op: string, a: PyValue, b: PyValue): PyValue {
  if (op === '==' || op === '!=') {
    const e = pyEquals(a, b);
    if (e === null) return UNKNOWN;
    return boolV(op === '==' ? e : !e);
  }
  if (op === 'is' || op === 'is not') {
    if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
    if (a.kind !== 'none' && b.kind !== 'none' && a.kind !== 'bool' && b.kind !== 'bool') return UNKNOWN;
    const same = a.kind === b.kind && (a.kind === 'none' || (a as { value: boolean }).value === (b as { value: boolean }).value);
    return boolV(op === 'is' ? same : !same);
  }
  if (op === 'in' || op === 'not in') {
    let r: boolean | null = null;
    if (b.kind === 'str' && a.kind === 'str') r = b.value.includes(a.value);
    else if (b.kind === 'list' || b.kind === 'dict') {
      const items = b.kind === 'list' ? b.items : b.entries.map(([k]) => k);
      let unknown = false;
      r = false;
      for (const it of items) {
        const e = pyEquals(a, it);
        if (e === true) {
          r = true;
          break;
        }
        if (e === null) unknown = true;
      }
      if (!r && unknown) r = null;
    }
    if (r === null) return UNKNOWN;
    return boolV(op === 'in' ? r : !r);
  }
  if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
  if (op === '<' || op === '>' || op === '<=' || op === '>=') {
    let c: number | null = null;
    const na = numeric(a);
    const nb = numeric(b);
    if (na !== null && nb !== null) c = typeof na === 'bigint' && typeof nb === 'bigint' ? (na < nb ? -1 : na > nb ? 1 : 0) : Math.sign(Number(na) - Number(nb));
    else if (a.kind === 'str' && b.kind === 'str') c = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    if (c === null) return UNKNOWN;
    return boolV(op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0);
  }
  if (op === '+') {
    if (a.kind === 'str' && b.kind === 'str') return strV(a.value + b.value);
    if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', items: [...a.items, ...b.items] };
  }
  if (op === '*') {
    const rep = (s: PyValue, n: PyValue): PyValue | null => {
      if (n.kind !== 'int' || (s.kind !== 'str' && s.kind !== 'list')) return null;
      const times = n.value < 0n ? 0 : Number(n.value);
      if (times > 100_000) return UNKNOWN;
      if (s.kind === 'str') return strV(s.value.repeat(times));
      if (s.kind === 'list') return { kind: 'list', items: Array.from({ length: times }, () => s.items).flat() };
      return null;
    };
    const r = rep(a, b) ?? rep(b, a);
    if (r) return r;
  }
  if (op === '%' && a.kind === 'str') {
    // Lists and tuples are one kind here: a list right of `%` is read as a tuple (as the literal evaluator always did).
    const s = pyPercentFormat(a.value, b.kind === 'list' ? { tuple: b.items } : { single: b });
    return s === null ? UNKNOWN : strV(s);
  }
  const na = numeric(a);
  const nb = numeric(b);
  if (na === null || nb === null) return UNKNOWN;
  if (typeof na === 'bigint' && typeof nb === 'bigint') {
    switch (op) {
      case '+': return intV(na + nb);
      case '-': return intV(na - nb);
      case '*': return intV(na * nb);
      case '//': return nb === 0n ? UNKNOWN : intV(pyFloorDiv(na, nb));
      case '%': return nb === 0n ? UNKNOWN : intV(pyMod(na, nb));
      case '/': return nb === 0n ? UNKNOWN : floatV(Number(na) / Number(nb));
      case '**': return nb < 0n ? floatV(Number(na) ** Number(nb)) : nb > 4096n ? UNKNOWN : intV(na ** nb);
      case '<<': return nb < 0n || nb > 4096n ? UNKNOWN : intV(na << nb);
      case '>>': return nb < 0n ? UNKNOWN : intV(na >> nb);
      case '&': return intV(na & nb);
      case '|': return intV(na | nb);
      case '^': return intV(na ^ nb);
    }
    return UNKNOWN;
  }
  const x = Number(na);
  const y = Number(nb);
  switch (op) {
    case '+': return floatV(x + y);
    case '-': return floatV(x - y);
    case '*': return floatV(x * y);
    case '/': return y === 0 ? UNKNOWN : floatV(x / y);
    case '//': return y === 0 ? UNKNOWN : floatV(Math.floor(x / y));
    case '%': return y === 0 ? UNKNOWN : floatV(x - Math.floor(x / y) * y);
    case '**': return floatV(x ** y);
  }
  return UNKNOWN;
}

