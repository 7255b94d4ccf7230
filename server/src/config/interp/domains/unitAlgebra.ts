/**
 * sst.UnitAlgebra's arithmetic as sst-core does it (src/sst/core/unitAlgebra.cc, model/python/pymodel_unitalgebra.cc):
 * a value is a decimal held with 24 fractional digits (sst_big_num = decimal_fixedpoint<3,3>), every result
 * truncated there; units are sorted lists of base-unit ids (s, B, b, events) above and below the line, reduced.
 * Pure values: the interpreter's sst domain wraps them as Python objects. Anything SST would reject is null here
 * (the model says unknown rather than guess what an exception would do to the script).
 */

const FRACTION_DIGITS = 24;
const SCALE = 10n ** BigInt(FRACTION_DIGITS);

/** Base units in sst-core's registration order: their ids order the unit lists, as sst-core sorts them. */
const BASE_UNITS: Record<string, number> = { s: 1, B: 2, b: 3, events: 4 };
const UNIT_NAMES = ['', 's', 'B', 'b', 'events'];
const COMPOUND_UNITS: Record<string, [number[], number[]]> = {
  Hz: [[], [1]], hz: [[], [1]], Bps: [[2], [1]], bps: [[3], [1]], event: [[4], []],
};
/** Prefix → multiplier as numerator/denominator. */
const PREFIXES: Record<string, [bigint, bigint]> = {
  a: [1n, 10n ** 18n], f: [1n, 10n ** 15n], p: [1n, 10n ** 12n], n: [1n, 10n ** 9n], u: [1n, 10n ** 6n], m: [1n, 1000n],
  k: [1000n, 1n], K: [1000n, 1n], M: [10n ** 6n, 1n], G: [10n ** 9n, 1n], T: [10n ** 12n, 1n], P: [10n ** 15n, 1n],
  E: [10n ** 18n, 1n], ki: [1n << 10n, 1n], Ki: [1n << 10n, 1n], Mi: [1n << 20n, 1n], Gi: [1n << 30n, 1n],
  Ti: [1n << 40n, 1n], Pi: [1n << 50n, 1n], Ei: [1n << 60n, 1n],
};

export interface Units {
  readonly num: readonly number[];
  readonly den: readonly number[];
}

export interface UnitValue {
  /** The value × 10^24, truncated toward zero (what sst_big_num holds). */
  readonly scaled: bigint;
  readonly units: Units;
}

function reduce(num: number[], den: number[]): Units {
  const n = [...num].sort((a, b) => a - b);
  const d = [...den].sort((a, b) => a - b);
  for (const u of [...n]) {
    const i = d.indexOf(u);
    if (i >= 0) {
      d.splice(i, 1);
      n.splice(n.indexOf(u), 1);
    }
  }
  return { num: n, den: d };
}

/** The value p/q as sst_big_num holds it: × 10^24, truncated toward zero. */
function fixed(p: bigint, q: bigint): bigint {
  if (q < 0n) return fixed(-p, -q);
  return (p * SCALE) / q; // bigint division truncates toward zero
}

/** One unit token such as "GiB" or "ns": its base units and multiplier; null when SST has no such unit. */
function parseUnitToken(token: string): { num: number[]; den: number[]; mult: [bigint, bigint] } | null {
  if (token === '1') return { num: [], den: [], mult: [1n, 1n] };
  let prefix = '';
  if (!(token in BASE_UNITS) && !(token in COMPOUND_UNITS)) {
    if (token.length > 2 && token.slice(0, 2) in PREFIXES) prefix = token.slice(0, 2);
    else if (token.slice(0, 1) in PREFIXES) prefix = token.slice(0, 1);
  }
  const name = token.slice(prefix.length);
  const mult = prefix ? PREFIXES[prefix] : ([1n, 1n] as [bigint, bigint]);
  if (Object.prototype.hasOwnProperty.call(BASE_UNITS, name)) return { num: [BASE_UNITS[name]], den: [], mult };
  if (Object.prototype.hasOwnProperty.call(COMPOUND_UNITS, name)) {
    const [num, den] = COMPOUND_UNITS[name];
    return { num: [...num], den: [...den], mult };
  }
  return null;
}

/** "GiB/s", "B-s", "" → units and the multiplier the prefixes give; null on a unit SST rejects. */
export function parseUnits(text: string): { units: Units; mult: [bigint, bigint] } | null {
  const slash = text.indexOf('/');
  const parts: [string, boolean][] = slash < 0 ? [[text, false]] : [[text.slice(0, slash), false], [text.slice(slash + 1), true]];
  const num: number[] = [];
  const den: number[] = [];
  let [mp, mq] = [1n, 1n];
  for (const [tokens, invert] of parts) {
    if (!tokens) continue;
    for (const token of tokens.split('-')) {
      const u = parseUnitToken(token);
      if (!u) return null;
      (invert ? num : den).push(...u.den);
      (invert ? den : num).push(...u.num);
      if (invert) [mp, mq] = [mp * u.mult[1], mq * u.mult[0]];
      else [mp, mq] = [mp * u.mult[0], mq * u.mult[1]];
    }
  }
  return { units: reduce(num, den), mult: [mp, mq] };
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal number as p/q, or null. */
function parseNumber(text: string): [bigint, bigint] | null {
  const m = DECIMAL.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  const frac = m[3] ?? '';
  let p = BigInt((m[2] || '0') + frac);
  let q = 10n ** BigInt(frac.length);
  const exp = m[4] ? Number(m[4]) : 0;
  if (Math.abs(exp) > 400) return null;
  if (exp >= 0) p *= 10n ** BigInt(exp);
  else q *= 10n ** BigInt(-exp);
  return [m[1] === '-' ? -p : p, q];
}

/** `UnitAlgebra(text)`: the number ends at the last digit, the rest is the units. */
export function parseUnitValue(text: string): UnitValue | null {
  const s = text.trim();
  let split = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      split = i + 1;
      break;
    }
  }
  const n = parseNumber(s.slice(0, split).trim());
  const u = parseUnits(s.slice(split).trim());
  if (!n || !u) return null;
  return { scaled: fixed(n[0] * u.mult[0], n[1] * u.mult[1]), units: u.units };
}

function sameUnits(a: Units, b: Units): boolean {
  return a.num.length === b.num.length && a.den.length === b.den.length && a.num.every((u, i) => u === b.num[i]) && a.den.every((u, i) => u === b.den[i]);
}

export function addUnitValues(a: UnitValue, b: UnitValue, op: '+' | '-'): UnitValue | null {
  if (!sameUnits(a.units, b.units)) return null;
  return { scaled: op === '+' ? a.scaled + b.scaled : a.scaled - b.scaled, units: a.units };
}

export function mulUnitValues(a: UnitValue, b: UnitValue): UnitValue {
  return { scaled: fixed(a.scaled * b.scaled, SCALE * SCALE), units: reduce([...a.units.num, ...b.units.num], [...a.units.den, ...b.units.den]) };
}

export function divUnitValues(a: UnitValue, b: UnitValue): UnitValue | null {
  if (b.scaled === 0n) return null;
  return { scaled: fixed(a.scaled, b.scaled), units: reduce([...a.units.num, ...b.units.den], [...a.units.den, ...b.units.num]) };
}

export function invertUnitValue(a: UnitValue): UnitValue | null {
  if (a.scaled === 0n) return null;
  return { scaled: fixed(SCALE, a.scaled), units: { num: a.units.den, den: a.units.num } };
}

export function negateUnitValue(a: UnitValue): UnitValue {
  return { scaled: -a.scaled, units: a.units };
}

/** -1, 0 or 1; null when the units differ (SST raises). */
export function compareUnitValues(a: UnitValue, b: UnitValue): number | null {
  if (!sameUnits(a.units, b.units)) return null;
  return a.scaled < b.scaled ? -1 : a.scaled > b.scaled ? 1 : 0;
}

/** getRoundedValue(): llround, halves away from zero. */
export function roundedUnitValue(a: UnitValue): bigint {
  const mag = ((a.scaled < 0n ? -a.scaled : a.scaled) + SCALE / 2n) / SCALE;
  return a.scaled < 0n ? -mag : mag;
}

/** The exact decimal text of the held value (for a correctly rounded float). */
function exactDecimal(a: UnitValue): string {
  const mag = a.scaled < 0n ? -a.scaled : a.scaled;
  const digits = mag.toString().padStart(FRACTION_DIGITS + 1, '0');
  return `${a.scaled < 0n ? '-' : ''}${digits.slice(0, -FRACTION_DIGITS)}.${digits.slice(-FRACTION_DIGITS)}`;
}

export function floatOfUnitValue(a: UnitValue): number {
  return Number(exactDecimal(a));
}

export function unitsMatch(a: UnitValue, text: string): boolean | null {
  const u = parseUnits(text);
  return u ? sameUnits(a.units, u.units) : null;
}

/**
 * decimal_fixedpoint::toString(0): every digit held, no trailing zeros, exponent notation when more than three zeros
 * follow the point (1e-09).
 */
function numberText(a: UnitValue): string {
  if (a.scaled === 0n) return '0';
  const sign = a.scaled < 0n ? '-' : '';
  const digits = (a.scaled < 0n ? -a.scaled : a.scaled).toString();
  const first = digits.length - 1; // position of the leading digit, counted from the least significant one
  if (first >= FRACTION_DIGITS) {
    const whole = digits.slice(0, -FRACTION_DIGITS);
    const fraction = digits.slice(-FRACTION_DIGITS).replace(/0+$/, '');
    return sign + whole + (fraction ? '.' + fraction : '');
  }
  if (first > FRACTION_DIGITS - 5) return `${sign}0.${digits.padStart(FRACTION_DIGITS, '0').replace(/0+$/, '')}`;
  const mantissa = digits.replace(/0+$/, '');
  const text = mantissa[0] + (mantissa.length > 1 ? '.' + mantissa.slice(1) : '');
  return `${sign}${text}e-${String(FRACTION_DIGITS - first).padStart(2, '0')}`;
}

function unitsText(u: Units): string {
  if (!u.num.length && !u.den.length) return '';
  if (!u.num.length && u.den.length === 1 && u.den[0] === 1) return 'Hz';
  let text = u.num.length ? u.num.map((i) => UNIT_NAMES[i]).join('-') : '1';
  if (u.den.length) text += '/' + u.den.map((i) => UNIT_NAMES[i]).join('-');
  return text;
}

/** str(UnitAlgebra): "<number> <units>" (a unitless value keeps the space, as SST prints it). */
export function unitValueText(a: UnitValue): string {
  return `${numberText(a)} ${unitsText(a.units)}`;
}
