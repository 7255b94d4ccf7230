/**
 * Python's string conversions that config scripts rely on when building paths and command lines:
 * `str()`/`repr()` of values, `format()` specs (f-strings, `.format`) and printf-style `%`. Each returns null when
 * the exact Python result is not known, so the interpreter yields `unknown` instead of a guess.
 */
import type { PyValue } from './types';

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16 on. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp >= -4 && exp < 16) { // repr switches to exponent form below 1e-4 and from 1e16
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1);
      out = intPart + '.' + (frac.length ? frac : '0');
    } else {
      out = '0.' + '0'.repeat(-exp - 1) + digits;
    }
  } else {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const e = Math.abs(exp);
    out = m + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
  }
  return (neg ? '-' : '') + out;
}

function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  return q + out + q;
}

/** `str(v)`; null when unknown. */
export function pyStr(v: PyValue): string | null {
  switch (v.kind) {
    case 'str': return v.value;
    default: return pyRepr(v);
  }
}

/** `repr(v)`; null when unknown. */
export function pyRepr(v: PyValue): string | null {
  switch (v.kind) {
    case 'str': return pyStrRepr(v.value);
    case 'int': return v.value.toString();
    case 'float': return pyFloatRepr(v.value);
    case 'bool': return v.value ? 'True' : 'False';
    case 'none': return 'None';
    case 'list': {
      const parts = v.items.map(pyRepr);
      return parts.some((p) => p === null) ? null : '[' + parts.join(', ') + ']';
    }
    case 'dict': {
      const parts = v.entries.map(([k, x]) => {
        const a = pyRepr(k);
        const b = pyRepr(x);
        return a === null || b === null ? null : `${a}: ${b}`;
      });
      return parts.some((p) => p === null) ? null : '{' + parts.join(', ') + '}';
    }
    default: return null;
  }
}

interface Spec {
  /** The fill character when one was written before the alignment, or the '0' flag's; null for the default. */
  fill: string | null;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | null;
  type: string;
}

function parseSpec(spec: string): Spec | null {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su.exec(spec);
  if (!m) return null;
  return {
    // CPython: the '0' flag sets the fill only when none was written (and '=' only for numbers: see pad()).
    fill: m[1] ?? (m[5] ? '0' : null),
    align: m[2] ?? '',
    sign: m[3] ?? '',
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? Number(m[6]) : 0,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Number(m[8]) : null,
    type: m[9] ?? '',
  };
}

function group(intDigits: string, sep: string): string {
  if (!sep) return intDigits;
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/**
 * `lead` (sign and 0x-style prefix) and `body` padded to the width. Numbers default to right alignment, and the
 * '0' flag without an alignment means '=' (fill between the lead and the digits); text defaults to left.
 */
function pad(body: string, lead: string, s: Spec, isNumber: boolean): string | null {
  const align = s.align || (isNumber ? (s.zero ? '=' : '>') : '<');
  const fill = s.fill ?? ' ';
  const total = lead.length + body.length;
  if (total >= s.width) return lead + body;
  // Zero padding of grouped digits gets separators too ('010,' → '00,001,234'): not modelled.
  if (align === '=' && s.grouping && fill === '0') return null;
  const n = s.width - total;
  switch (align) {
    case '<': return lead + body + fill.repeat(n);
    case '^': {
      const left = n >> 1;
      return fill.repeat(left) + lead + body + fill.repeat(n - left);
    }
    case '=': return lead + fill.repeat(n) + body;
    default: return fill.repeat(n) + lead + body;
  }
}

/**
 * The digits of |x| to `precision` places as Python prints them; null at an exact tie (Python rounds the binary value
 * half to even, JavaScript's toFixed half up), past 1e21 (toFixed switches to exponent form) or past 40 places.
 */
function fixed(x: number, precision: number): string | null {
  const a = Math.abs(x);
  if (a >= 1e21 || precision > 40) return null;
  const exact = a.toFixed(precision + 60);
  if (/^50*$/.test(exact.slice(exact.indexOf('.') + 1 + precision))) return null;
  return a.toFixed(precision);
}

function expForm(x: number, precision: number, upper: boolean): string | null {
  if (precision > 40) return null;
  const exact = Math.abs(x).toExponential(precision + 50).split('e')[0];
  if (/^50*$/.test(exact.slice((exact.indexOf('.') < 0 ? exact.length : exact.indexOf('.') + 1) + precision))) return null; // a tie: see fixed()
  const [m, e] = Math.abs(x).toExponential(precision).split('e');
  const n = Number(e);
  const out = m + 'e' + (n < 0 ? '-' : '+') + String(Math.abs(n)).padStart(2, '0');
  return upper ? out.toUpperCase() : out;
}

/**
 * The 'g' presentation: the exponent it would have in 'e' form with precision-1 digits decides between fixed
 * (-4 <= exp < precision) and exponent form; trailing zeros go unless '#'. null at a tie (see fixed()).
 */
function generalForm(x: number, precision: number, alt: boolean, upper: boolean): string | null {
  const p = precision === 0 ? 1 : precision;
  const e = expForm(x, p - 1, false);
  if (e === null) return null;
  const exp = Number(e.slice(e.indexOf('e') + 1));
  const strip = (digits: string) => (alt || !digits.includes('.') ? digits : digits.replace(/\.?0+$/, ''));
  if (exp >= -4 && exp < p) {
    const f = fixed(x, p - 1 - exp);
    if (f === null) return null;
    return strip(alt && !f.includes('.') ? f + '.' : f);
  }
  const [m, tail] = e.split('e');
  const out = strip(alt && !m.includes('.') ? m + '.' : m) + 'e' + tail;
  return upper ? out.toUpperCase() : out;
}

const RADIX: { readonly [type: string]: number } = { x: 16, X: 16, o: 8, b: 2 };

/** Python `format(value, spec)` for str, int, float and bool; null when not supported or when Python raises. */
export function pyFormatValue(v: PyValue, spec: string): string | null {
  if (spec === '') return pyStr(v);
  const s = parseSpec(spec);
  if (!s) return null;
  if (v.kind === 'str') return formatText(v.value, s);
  if (v.kind === 'bool') return formatInt(v.value ? 1n : 0n, s, spec);
  if (v.kind === 'int') return formatInt(v.value, s, spec);
  if (v.kind === 'float') return formatFloat(v.value, s);
  return null;
}

/** str.__format__: no sign, '#', '=' or grouping (each a ValueError in CPython). */
function formatText(text: string, s: Spec): string | null {
  if ((s.type !== '' && s.type !== 's') || s.sign || s.alt || s.align === '=' || s.grouping) return null;
  const body = s.precision !== null ? [...text].slice(0, s.precision).join('') : text;
  return pad(body, '', s, false);
}

function signOf(neg: boolean, s: Spec): string {
  return neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
}

/** int.__format__: no precision; 'n' takes no grouping; float presentations convert to float. */
function formatInt(value: bigint, s: Spec, spec: string): string | null {
  if ('eEfFgG%'.includes(s.type) && s.type !== '') return pyFormatValue({ kind: 'float', value: Number(value) }, spec);
  if (s.precision !== null) return null;
  const neg = value < 0n;
  const abs = neg ? -value : value;
  let digits: string;
  let prefix = '';
  switch (s.type) {
    case '': case 'd': digits = group(abs.toString(), s.grouping); break;
    // 'n' is 'd' in the C locale Python starts in; it refuses ',' and '_'.
    case 'n': if (s.grouping) return null; digits = abs.toString(); break;
    case 'x': case 'X': case 'o': case 'b':
      if (s.grouping) return null; // ',' raises; '_' groups by four digits: not modelled
      digits = abs.toString(RADIX[s.type]);
      if (s.alt) prefix = '0' + s.type;
      if (s.type === 'X') digits = digits.toUpperCase();
      break;
    default: return null;
  }
  return pad(digits, signOf(neg, s) + prefix, s, true);
}

function formatFloat(x: number, s: Spec): string | null {
  if (!Number.isFinite(x)) return null;
  const neg = x < 0 || Object.is(x, -0);
  let body: string;
  const p = s.precision ?? 6;
  switch (s.type) {
    case 'f': case 'F': {
      const digits = fixed(x, p);
      if (digits === null) return null;
      const [i, f] = digits.split('.');
      body = group(i, s.grouping) + (f !== undefined ? '.' + f : s.alt ? '.' : '');
      break;
    }
    case 'e': case 'E': {
      const e = s.grouping ? null : expForm(x, p, s.type === 'E');
      if (e === null) return null;
      body = s.alt && p === 0 ? e.replace(/e/i, (c) => '.' + c) : e;
      break;
    }
    case '%': {
      const digits = s.grouping ? null : fixed(x * 100, p);
      if (digits === null) return null;
      body = (s.alt && p === 0 ? digits + '.' : digits) + '%';
      break;
    }
    case 'g': case 'G': {
      const g = s.grouping ? null : generalForm(x, p, s.alt, s.type === 'G');
      if (g === null) return null;
      body = g;
      break;
    }
    case '': {
      if (s.precision !== null || s.grouping || s.alt) return null;
      body = pyFloatRepr(Math.abs(x));
      break;
    }
    default: return null;
  }
  return pad(body, signOf(neg, s), s, true);
}

/**
 * What stands right of `%`: a tuple's items, or one value (a list, a dict, a str, … is ONE argument; a dict is
 * also the mapping `%(name)s` reads from).
 */
export type PercentArgs = { tuple: PyValue[] } | { single: PyValue };

const PERCENT_SPEC = /%(?:\(([^)]*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?[hlL]?(.)?/gs;

/** printf-style `fmt % args` as CPython's str.__mod__ does it; null when the model cannot know the text. */
export function pyPercentFormat(fmt: string, args: PercentArgs): string | null {
  const named = /%\(/.test(fmt);
  const mapping = 'single' in args && args.single.kind === 'dict' ? args.single.entries : null;
  if (named && !mapping) return null;
  const items = 'tuple' in args ? args.tuple : mapping && named ? [] : [args.single];
  let idx = 0;
  let failed = false;
  const next = (key: string | undefined): PyValue | undefined => {
    if (key === undefined) return named ? undefined : items[idx++];
    const hit = mapping?.find(([k]) => k.kind === 'str' && k.value === key);
    return hit?.[1];
  };
  const out = fmt.replace(PERCENT_SPEC, (_m, key: string | undefined, flags: string, width?: string, prec?: string, conv?: string) => {
    if (conv === '%' && key === undefined && !flags && !width && prec === undefined) return '%';
    // `*` widths read extra arguments, unknown conversions raise in Python: neither is followed.
    if (!conv || width === '*' || prec === '*' || !/[diouxXeEfFgGcrsa]/.test(conv)) {
      failed = true;
      return '';
    }
    const v = next(key);
    if (!v || v.kind === 'unknown') {
      failed = true;
      return '';
    }
    const r = percentConversion(v, conv, flags, width, prec);
    if (r === null) failed = true;
    return r ?? '';
  });
  // Python raises when arguments are left over ("not all arguments converted"), except for a mapping.
  if (failed || (!named && idx !== items.length && !(mapping && idx === 0 && 'single' in args))) return null;
  return out;
}

/** printf integer conversions: the precision is a minimum digit count, '#' adds 0x/0X/0o, '0' pads after the sign. */
function printfInt(value: bigint, conv: string, flags: string, width: string | undefined, prec: string | undefined): string {
  const neg = value < 0n;
  const base = conv === 'x' || conv === 'X' ? 16 : conv === 'o' ? 8 : 10;
  let digits = (neg ? -value : value).toString(base);
  if (conv === 'X') digits = digits.toUpperCase();
  if (prec !== undefined) digits = digits.padStart(Number(prec), '0');
  const prefix = flags.includes('#') && base !== 10 ? '0' + (conv === 'o' ? 'o' : conv) : '';
  const lead = (neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + prefix;
  const n = Math.max(0, Number(width ?? 0) - lead.length - digits.length);
  if (flags.includes('-')) return lead + digits + ' '.repeat(n);
  if (flags.includes('0')) return lead + '0'.repeat(n) + digits;
  return ' '.repeat(n) + lead + digits;
}

function percentConversion(v: PyValue, conv: string, flags: string, width: string | undefined, prec: string | undefined): string | null {
  let spec = '';
  if (flags.includes('-')) spec += '<';
  if (flags.includes('+')) spec += '+';
  else if (flags.includes(' ')) spec += ' ';
  if (flags.includes('#')) spec += '#';
  if (flags.includes('0') && !flags.includes('-')) spec += '0';
  if (width) spec += width;
  // printf right-aligns text unless '-' (format() would left-align it); '+', ' ', '#' and '0' do not apply to text.
  const textSpec = (flags.includes('-') ? '<' : '>') + (width ?? '');
  switch (conv) {
    case 's': case 'r': case 'a': {
      const text = conv === 's' ? pyStr(v) : pyRepr(v);
      if (text === null || (conv === 'a' && [...text].some((ch) => ch.codePointAt(0)! > 0x7f))) return null;
      return pyFormatValue({ kind: 'str', value: prec === undefined ? text : [...text].slice(0, Number(prec)).join('') }, textSpec);
    }
    case 'c': {
      const ch = v.kind === 'int' && v.value >= 0n && v.value <= 0x10ffffn ? String.fromCodePoint(Number(v.value)) : v.kind === 'str' && [...v.value].length === 1 ? v.value : null;
      return ch === null ? null : pyFormatValue({ kind: 'str', value: ch }, textSpec);
    }
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
      // %d takes a float's integer part; %x and %o require an int (TypeError for a float).
      const n = v.kind === 'int' ? v.value : v.kind === 'bool' ? (v.value ? 1n : 0n) : v.kind === 'float' && 'diu'.includes(conv) && Number.isFinite(v.value) ? BigInt(Math.trunc(v.value)) : null;
      return n === null ? null : printfInt(n, conv, flags, width, prec);
    }
    default:
      if (v.kind === 'str') return null;
      return pyFormatValue(v, spec + (prec !== undefined ? '.' + prec : '') + conv);
  }
}
