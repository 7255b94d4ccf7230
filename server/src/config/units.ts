/**
 * Unit strings as gem5 and SST read them. The two simulators disagree on prefixes (gem5 sizes are binary for both
 * `G` and `Gi`; SST UnitAlgebra `G` is 10^9), and SST reads some integer params with `std::stoull`, which silently
 * stops at the first non-digit. Every parser returns a value or a precise error and never throws.
 */

export type UnitResult<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): UnitResult<T> => ({ ok: true, value });
const err = <T>(error: string): UnitResult<T> => ({ ok: false, error });

// ---------------------------------------------------------------------------------------------------------------
// gem5 (src/python/m5/util/convert.py)

const KI = 1024n;
/** gem5 `binary_prefixes`: note `k` (lower case) and `Ki`; there is no `K` and no `ki`. */
const GEM5_BINARY_PREFIXES: Record<string, bigint> = {
  Ei: KI ** 6n, E: KI ** 6n, Pi: KI ** 5n, P: KI ** 5n, Ti: KI ** 4n, T: KI ** 4n,
  Gi: KI ** 3n, G: KI ** 3n, Mi: KI ** 2n, M: KI ** 2n, Ki: KI, k: KI,
};

/** gem5 `metric_prefixes` (frequencies, latencies). */
const GEM5_METRIC_PREFIXES: Record<string, number> = {
  Ei: 2 ** 60, E: 1e18, Pi: 2 ** 50, P: 1e15, Ti: 2 ** 40, T: 1e12, Gi: 2 ** 30, G: 1e9, M: 1e6, Ki: 1024, k: 1e3,
  Mi: 2 ** 20, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15, a: 1e-18,
};

function splitSuffix(value: string, suffixes: readonly string[]): [string, string] {
  const matches = suffixes.filter((s) => value.endsWith(s));
  if (matches.length === 0) return [value, ''];
  // gem5 asserts a single match; the longest is what it would pick when its tables allow only one.
  const m = matches.sort((a, b) => b.length - a.length)[0];
  return [value.slice(0, value.length - m.length), m];
}

/** Python `int(x, 0)`: optional sign and whitespace, 0x/0o/0b prefixes, underscores between digits, no leading zeros. */
export function pythonIntBase0(text: string): bigint | null {
  const s = text.trim();
  const m = /^([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?0)*|[1-9](?:_?[0-9])*)$/.exec(s);
  if (!m) return null;
  const v = BigInt(m[2].replace(/_/g, '')); // BigInt reads 0x/0o/0b (either case) as Python does
  return m[1] === '-' ? -v : v;
}

/** Python `int(x)` (base 10). */
export function pythonIntBase10(text: string): bigint | null {
  const s = text.trim();
  if (!/^[+-]?[0-9](?:_?[0-9])*$/.test(s)) return null;
  return BigInt(s.replace(/_/g, ''));
}

/** Python `float(x)`. */
export function pythonFloat(text: string): number | null {
  const s = text.trim().replace(/(?<=\d)_(?=\d)/g, '');
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  return Number(s);
}

/** gem5 `toMemorySize`: "2GiB" = "2GB" = 2^31; a prefix needs the `B` ("2G" fails); `KB` is not a gem5 prefix. */
export function parseGem5Size(text: string): UnitResult<bigint> {
  const [magPrefix, unit] = splitSuffix(text, ['B']);
  let magnitude = magPrefix;
  let scale = 1n;
  if (unit) {
    const [mag, prefix] = splitSuffix(magPrefix, Object.keys(GEM5_BINARY_PREFIXES));
    magnitude = mag;
    if (prefix) scale = GEM5_BINARY_PREFIXES[prefix];
  }
  const n = pythonIntBase0(magnitude);
  if (n === null) {
    let hint = '';
    if (/[KMGTPE]i?$/.test(text.trim()) || /^\s*\d+\s*[kKMGTPE]i?\s*$/.test(text)) hint = ' (a size prefix needs the unit: write e.g. "2GiB")';
    else if (/\dKB$/.test(text)) hint = ' ("K" is not a gem5 prefix: write "kB" or "KiB")';
    else if (/\d\.\d/.test(magnitude)) hint = ' (gem5 sizes must be whole numbers)';
    return err(`gem5 cannot convert '${text}' to memory size${hint}`);
  }
  return ok(n * scale);
}

function gem5MetricFloat(text: string, target: string, units: readonly string[]): UnitResult<{ magnitude: number; unit: string }> {
  const [magPrefix, unit] = splitSuffix(text, units);
  let magnitude = magPrefix;
  let scale = 1;
  if (unit) {
    const [mag, prefix] = splitSuffix(magPrefix, Object.keys(GEM5_METRIC_PREFIXES));
    magnitude = mag;
    if (prefix) scale = GEM5_METRIC_PREFIXES[prefix];
  }
  const n = pythonFloat(magnitude);
  if (n === null) return err(`gem5 cannot convert '${text}' to ${target}`);
  return ok({ magnitude: n * scale, unit });
}

/** gem5 `anyToFrequency` (Param.Frequency / Param.Clock strings): Hz, or a period in s. */
export function parseGem5Frequency(text: string): UnitResult<number> {
  const r = gem5MetricFloat(text, 'frequency', ['Hz', 's']);
  if (!r.ok) return r;
  if (r.value.unit === 'Hz') return ok(r.value.magnitude);
  if (r.value.unit === 's') return r.value.magnitude === 0 ? err(`cannot convert '${text}' to frequency`) : ok(1 / r.value.magnitude);
  return err(`'${text}' needs a valid unit to be unambiguous (e.g. "3GHz")`);
}

/** gem5 `anyToLatency` (Param.Latency strings): seconds, or a frequency whose period is taken. */
export function parseGem5Latency(text: string): UnitResult<number> {
  const r = gem5MetricFloat(text, 'latency', ['Hz', 's']);
  if (!r.ok) return r;
  if (r.value.unit === 's') return ok(r.value.magnitude);
  if (r.value.unit === 'Hz') return r.value.magnitude === 0 ? err(`cannot convert '${text}' to clock period`) : ok(1 / r.value.magnitude);
  return err(`'${text}' needs a valid unit to be unambiguous (e.g. "1ns")`);
}

// ---------------------------------------------------------------------------------------------------------------
// SST (sst-core src/sst/core/unitAlgebra.cc, from_string.h)

/** SST SI prefixes: k/K/M/G/T/P/E are decimal, the `i` forms binary. Value = [numerator, denominator]. */
const SST_PREFIXES: Record<string, [bigint, bigint]> = {
  a: [1n, 10n ** 18n], f: [1n, 10n ** 15n], p: [1n, 10n ** 12n], n: [1n, 10n ** 9n], u: [1n, 10n ** 6n], m: [1n, 1000n],
  k: [1000n, 1n], K: [1000n, 1n], ki: [KI, 1n], Ki: [KI, 1n], M: [10n ** 6n, 1n], Mi: [KI ** 2n, 1n],
  G: [10n ** 9n, 1n], Gi: [KI ** 3n, 1n], T: [10n ** 12n, 1n], Ti: [KI ** 4n, 1n], P: [10n ** 15n, 1n], Pi: [KI ** 5n, 1n],
  E: [10n ** 18n, 1n], Ei: [KI ** 6n, 1n],
};
const SST_BASE_UNITS = new Set(['s', 'B', 'b', 'events', 'event', 'Hz', 'hz', 'Bps', 'bps']);

export interface SstQuantity {
  /** Exact value as a fraction (numerator / denominator), in the base unit. */
  num: bigint;
  den: bigint;
  /** Base unit after the prefix: "B", "s", "Hz", "" for unitless. */
  unit: string;
  /** The prefix as written ("G", "Gi", "" …). */
  prefix: string;
  /** True for a decimal size prefix (k, K, M, G, T…) on a byte unit: differs from gem5's binary meaning. */
  decimalPrefix: boolean;
  /** `getRoundedValue()`: llround of the value. */
  rounded: bigint;
  /** Value as a JavaScript number (may be inexact above 2^53). */
  approx: number;
}

function parseDecimal(text: string): [bigint, bigint] | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  const digits = (m[2] || '') + (m[3] || '');
  let num = BigInt(digits || '0');
  let den = 10n ** BigInt((m[3] || '').length);
  const e = m[4] ? Number(m[4]) : 0;
  if (Math.abs(e) > 400) return null;
  if (e > 0) num *= 10n ** BigInt(e);
  else if (e < 0) den *= 10n ** BigInt(-e);
  if (m[1] === '-') num = -num;
  return [num, den];
}

function roundHalfAway(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const a = neg ? -num : num;
  const r = (2n * a + den) / (2n * den);
  return neg ? -r : r;
}

/** SST `UnitAlgebra(text)`: "6GiB" = 6·2^30, "6GB" = 6·10^9, "32.0GiB" accepted, "2G" rejected (no unit). */
export function parseSstUnitAlgebra(text: string): UnitResult<SstQuantity> {
  const s = text.trim();
  let split = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      split = i + 1;
      break;
    }
  }
  const numberText = s.slice(0, split).trim();
  const unitText = s.slice(split).trim();
  const n = parseDecimal(numberText);
  if (!n) return err(`SST cannot read '${text}': invalid number string '${numberText}'`);
  let [num, den] = n;
  let prefix = '';
  let unit = unitText;
  if (unitText && !SST_BASE_UNITS.has(unitText)) {
    const c = unitText[0];
    if ('afpnum'.includes(c)) prefix = c;
    else if ('kKMGTPE'.includes(c)) prefix = unitText[1] === 'i' ? unitText.slice(0, 2) : c;
    unit = unitText.slice(prefix.length);
    if (!SST_BASE_UNITS.has(unit)) return err(`SST cannot read '${text}': invalid unit type '${unit || unitText}'`);
    const [pn, pd] = SST_PREFIXES[prefix];
    num *= pn;
    den *= pd;
  }
  const decimalPrefix = (unit === 'B' || unit === 'b') && prefix !== '' && !prefix.endsWith('i') && 'kKMGTPE'.includes(prefix[0]);
  return ok({ num, den, unit, prefix, decimalPrefix, rounded: roundHalfAway(num, den), approx: Number(num) / Number(den) });
}

/** A byte size for SST (`mem_size` and friends): needs the B unit, as memHierarchy's backends require. */
export function parseSstSize(text: string): UnitResult<SstQuantity> {
  const r = parseSstUnitAlgebra(text);
  if (!r.ok) return r;
  if (r.value.unit !== 'B') return err(`'${text}' has no 'B' unit; SST memory sizes must be written like "6GiB"`);
  return r;
}

export interface StoullResult {
  value: bigint;
  /** The part std::stoull read. */
  consumed: string;
  /** Trailing text std::stoull silently ignored (e.g. "GiB" in "36GiB"). */
  ignored: string;
}

/** `std::stoull(text, nullptr, 0)` as SST's `params.find<uint64_t>` uses it: hex/octal by prefix, stops at garbage. */
export function parseStoull(text: string): UnitResult<StoullResult> {
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  let neg = false;
  if (text[i] === '+' || text[i] === '-') {
    neg = text[i] === '-';
    i++;
  }
  let base = 10;
  let digitsStart = i;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
    base = 16;
    digitsStart = i + 2;
  } else if (text[i] === '0') base = 8;
  const re = base === 16 ? /[0-9a-fA-F]/ : base === 8 ? /[0-7]/ : /[0-9]/;
  let j = digitsStart;
  while (j < text.length && re.test(text[j])) j++;
  if (j === digitsStart) return err(`std::stoull cannot read a number from '${text}' (SST fails with invalid_argument)`);
  const digits = text.slice(digitsStart, j);
  let value = base === 16 ? BigInt('0x' + digits) : base === 8 ? BigInt('0o' + digits) : BigInt(digits);
  if (value >= 2n ** 64n) return err(`'${text}' is out of range for uint64 (std::stoull throws out_of_range)`);
  if (neg && value !== 0n) value = 2n ** 64n - value; // strtoull negates in unsigned arithmetic
  return ok({ value, consumed: text.slice(0, j), ignored: text.slice(j) });
}

// ---------------------------------------------------------------------------------------------------------------
// Display

const BINARY_UNITS: [string, bigint][] = [
  ['EiB', KI ** 6n], ['PiB', KI ** 5n], ['TiB', KI ** 4n], ['GiB', KI ** 3n], ['MiB', KI ** 2n], ['KiB', KI],
];

/** "6 GiB (6442450944 B, 0x180000000)"; fractional sizes use up to 3 decimals ("1.5 GiB …"). */
export function formatBytes(n: bigint): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const hex = (neg ? '-0x' : '0x') + a.toString(16);
  for (const [name, size] of BINARY_UNITS) {
    if (a >= size) {
      const whole = a / size;
      const rem = a % size;
      let text = whole.toString();
      if (rem !== 0n) {
        // Truncated to 3 decimals; a remainder too small to show is marked with "~".
        const frac = ((rem * 1000n) / size).toString().padStart(3, '0').replace(/0+$/, '');
        text = frac ? `${whole}.${frac}` : `~${whole}`;
      }
      return `${neg ? '-' : ''}${text} ${name} (${n} B, ${hex})`;
    }
  }
  return `${n} B (${hex})`;
}
