/** The edges of each unit parser, as gem5 (convert.py), Python (int/float), SST (UnitAlgebra, std::stoull) read them. */
import assert from 'node:assert/strict';
import {
  formatBytes, parseGem5Frequency, parseGem5Latency, parseGem5Size, parseSstSize, parseSstUnitAlgebra, parseStoull,
  pythonFloat, pythonIntBase0, pythonIntBase10,
} from '../../../server/src/config';

const near = (a: unknown, b: number) => assert.ok(typeof a === 'number' && Math.abs(a - b) <= Math.abs(b) * 1e-12, `${String(a)} ≉ ${b}`);
const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T | string => (r.ok ? r.value : `error: ${r.error}`);
const sst = (t: string) => {
  const r = parseSstUnitAlgebra(t);
  return r.ok ? { rounded: r.value.rounded, unit: r.value.unit, prefix: r.value.prefix, decimal: r.value.decimalPrefix } : 'error';
};

describe('unit parsers at their edges', () => {
  it('gem5 sizes: every binary prefix, lower-case k, and a plain or hex byte count', () => {
    assert.equal(value(parseGem5Size('1kB')), 1024n);
    assert.equal(value(parseGem5Size('1KiB')), 1024n);
    assert.equal(value(parseGem5Size('3MB')), 3n << 20n);
    assert.equal(value(parseGem5Size('1TB')), 1n << 40n);
    assert.equal(value(parseGem5Size('1TiB')), 1n << 40n);
    assert.equal(value(parseGem5Size('1PiB')), 1n << 50n);
    assert.equal(value(parseGem5Size('2EiB')), 2n << 60n);
    assert.equal(value(parseGem5Size('1E')), 'error: gem5 cannot convert \'1E\' to memory size (a size prefix needs the unit: write e.g. "2GiB")');
    assert.equal(value(parseGem5Size('0x10B')), 16n);
    assert.equal(value(parseGem5Size('16')), 16n);
    assert.equal(value(parseGem5Size('16B')), 16n);
  });

  it('gem5 sizes: errors say why (prefix without unit, capital K, fractions, nothing)', () => {
    assert.match(String(value(parseGem5Size('2G'))), /needs the unit/);
    assert.match(String(value(parseGem5Size(' 4 Gi '))), /needs the unit/);
    assert.match(String(value(parseGem5Size('2KB'))), /"K" is not a gem5 prefix/);
    assert.match(String(value(parseGem5Size('1.5GiB'))), /whole numbers/);
    assert.equal(value(parseGem5Size('B')), "error: gem5 cannot convert 'B' to memory size");
    assert.equal(value(parseGem5Size('1kiB')), "error: gem5 cannot convert '1kiB' to memory size");
  });

  it("Python int(x, 0): prefixes, underscores, signs, and no leading zeros", () => {
    assert.equal(pythonIntBase0('0x_1f'), 31n);
    assert.equal(pythonIntBase0('0X1F'), 31n);
    assert.equal(pythonIntBase0('0o17'), 15n);
    assert.equal(pythonIntBase0('0O17'), 15n);
    assert.equal(pythonIntBase0('0b101'), 5n);
    assert.equal(pythonIntBase0('00'), 0n);
    assert.equal(pythonIntBase0('-5'), -5n);
    assert.equal(pythonIntBase0('+5'), 5n);
    assert.equal(pythonIntBase0(' 1_000 '), 1000n);
    for (const bad of ['007', '1__0', '_1', '0x', '0o8', '0b2', '', '1.0']) assert.equal(pythonIntBase0(bad), null, bad);
  });

  it('Python int(x): base 10 only, leading zeros allowed', () => {
    assert.equal(pythonIntBase10('007'), 7n);
    assert.equal(pythonIntBase10(' -3 '), -3n);
    assert.equal(pythonIntBase10('+1_000'), 1000n);
    for (const bad of ['1__0', '', '0x10', '1_', '1.0', '- 1']) assert.equal(pythonIntBase10(bad), null, bad);
  });

  it('Python float(x): exponents, inf/nan, underscores between digits, leading or trailing dot', () => {
    assert.equal(pythonFloat('1e3'), 1000);
    assert.equal(pythonFloat('-2.5E-1'), -0.25);
    assert.equal(pythonFloat('inf'), Infinity);
    assert.equal(pythonFloat('-Infinity'), -Infinity);
    assert.ok(Number.isNaN(pythonFloat('nan')));
    assert.equal(pythonFloat('1_0.5'), 10.5);
    assert.equal(pythonFloat('.5'), 0.5);
    assert.equal(pythonFloat('5.'), 5);
    for (const bad of ['abc', '1e', '.', '', '1..2']) assert.equal(pythonFloat(bad), null, bad);
  });

  it('gem5 frequencies: Hz with metric prefixes, or a period in seconds; a bare number is ambiguous', () => {
    near(value(parseGem5Frequency('3GHz')), 3e9);
    assert.equal(value(parseGem5Frequency('2.5kHz')), 2500);
    near(value(parseGem5Frequency('1ns')), 1e9);
    assert.match(String(value(parseGem5Frequency('0s'))), /cannot convert '0s' to frequency/);
    assert.match(String(value(parseGem5Frequency('3'))), /needs a valid unit/);
    assert.match(String(value(parseGem5Frequency('3G'))), /cannot convert '3G' to frequency/);
  });

  it('gem5 latencies: seconds with metric prefixes, or a frequency whose period is taken', () => {
    near(value(parseGem5Latency('250ns')), 250e-9);
    near(value(parseGem5Latency('1GHz')), 1e-9);
    near(value(parseGem5Latency('2ms')), 2e-3);
    assert.match(String(value(parseGem5Latency('0Hz'))), /cannot convert '0Hz' to clock period/);
    assert.match(String(value(parseGem5Latency('5'))), /needs a valid unit/);
    assert.match(String(value(parseGem5Latency('xs'))), /cannot convert 'xs' to latency/);
  });

  it('SST UnitAlgebra: decimal k/K/M/G/T/P/E, binary ki/Ki…, bits, small prefixes, spaces, rounding half away from zero', () => {
    assert.deepEqual(sst('1KiB'), { rounded: 1024n, unit: 'B', prefix: 'Ki', decimal: false });
    assert.deepEqual(sst('1kiB'), { rounded: 1024n, unit: 'B', prefix: 'ki', decimal: false });
    assert.deepEqual(sst('2kB'), { rounded: 2000n, unit: 'B', prefix: 'k', decimal: true });
    assert.deepEqual(sst('2KB'), { rounded: 2000n, unit: 'B', prefix: 'K', decimal: true });
    assert.deepEqual(sst('1TB'), { rounded: 10n ** 12n, unit: 'B', prefix: 'T', decimal: true });
    assert.deepEqual(sst('1PiB'), { rounded: 1n << 50n, unit: 'B', prefix: 'Pi', decimal: false });
    assert.deepEqual(sst('1EB'), { rounded: 10n ** 18n, unit: 'B', prefix: 'E', decimal: true });
    assert.deepEqual(sst('8Gb'), { rounded: 8n * 10n ** 9n, unit: 'b', prefix: 'G', decimal: true });
    assert.deepEqual(sst('5mB'), { rounded: 0n, unit: 'B', prefix: 'm', decimal: false });
    assert.deepEqual(sst('2.4GHz'), { rounded: 2_400_000_000n, unit: 'Hz', prefix: 'G', decimal: false });
    assert.deepEqual(sst('  5 GiB '), { rounded: 5n << 30n, unit: 'B', prefix: 'Gi', decimal: false });
    assert.deepEqual(sst('10'), { rounded: 10n, unit: '', prefix: '', decimal: false });
    assert.deepEqual(sst('1.5B'), { rounded: 2n, unit: 'B', prefix: '', decimal: false });
    assert.deepEqual(sst('-1.5B'), { rounded: -2n, unit: 'B', prefix: '', decimal: false });
    assert.deepEqual(sst('1.4B'), { rounded: 1n, unit: 'B', prefix: '', decimal: false });
    assert.deepEqual(sst('1e3B'), { rounded: 1000n, unit: 'B', prefix: '', decimal: false });
    assert.deepEqual(sst('25e-1B'), { rounded: 3n, unit: 'B', prefix: '', decimal: false });
    assert.deepEqual(sst('1events'), { rounded: 1n, unit: 'events', prefix: '', decimal: false });
    const ns = parseSstUnitAlgebra('1ns');
    assert.ok(ns.ok && ns.value.num === 1n && ns.value.den === 10n ** 9n && ns.value.approx === 1e-9);
    for (const bad of ['2G', 'GiB', '5XB', '1e500B', '', '1.2.3B']) assert.equal(sst(bad), 'error', bad);
  });

  it('SST sizes need the B unit', () => {
    assert.equal((value(parseSstSize('6GiB')) as { rounded: bigint }).rounded, 6n << 30n);
    assert.match(String(value(parseSstSize('6GHz'))), /has no 'B' unit/);
    assert.match(String(value(parseSstSize('6Gi'))), /invalid unit type/);
  });

  it('std::stoull(s, 0): whitespace, sign, octal by a leading 0, hex only with a digit after 0x, stops at garbage', () => {
    const r = (t: string) => {
      const x = parseStoull(t);
      return x.ok ? [x.value.value, x.value.consumed, x.value.ignored] : 'error';
    };
    assert.deepEqual(r('  42'), [42n, '  42', '']);
    assert.deepEqual(r('+7'), [7n, '+7', '']);
    assert.deepEqual(r('-1'), [2n ** 64n - 1n, '-1', '']);
    assert.deepEqual(r('-0'), [0n, '-0', '']);
    assert.deepEqual(r('017'), [15n, '017', '']);
    assert.deepEqual(r('08'), [0n, '0', '8']);
    assert.deepEqual(r('0x'), [0n, '0', 'x']);
    assert.deepEqual(r('0xG'), [0n, '0', 'xG']);
    assert.deepEqual(r('0X1f'), [31n, '0X1f', '']);
    assert.deepEqual(r('36GiB'), [36n, '36', 'GiB']);
    assert.deepEqual(r('18446744073709551615'), [2n ** 64n - 1n, '18446744073709551615', '']);
    assert.equal(r('18446744073709551616'), 'error');
    assert.equal(r('0x10000000000000000'), 'error');
    assert.equal(r('abc'), 'error');
    assert.equal(r(''), 'error');
    assert.equal(r('-'), 'error');
  });

  it('gem5 size hints: only a number followed by a bare prefix gets the "needs the unit" hint', () => {
    for (const t of ['2k', '20k', ' 2 k', 'x2G', 'x2G ']) assert.match(String(value(parseGem5Size(t))), /needs the unit/, t);
    assert.equal(value(parseGem5Size('a2k')), "error: gem5 cannot convert 'a2k' to memory size");
    assert.equal(value(parseGem5Size('2KBx')), "error: gem5 cannot convert '2KBx' to memory size");
  });

  it('Python float: surrounding whitespace is fine, anything around inf/nan is not', () => {
    assert.equal(pythonFloat(' 2.5 '), 2.5);
    assert.equal(pythonFloat('.55'), 0.55);
    assert.equal(pythonFloat('1e10'), 1e10);
    assert.ok(Number.isNaN(pythonFloat('+nan')));
    for (const bad of ['xinf', 'infx', 'infinityx', 'nanx', 'xnan']) assert.equal(pythonFloat(bad), null, bad);
  });

  it('SST UnitAlgebra: the number ends at the last digit; the error names the unit part it could not read', () => {
    assert.equal(sst('5.B'), 'error');
    assert.deepEqual(sst('9B'), { rounded: 9n, unit: 'B', prefix: '', decimal: false });
    assert.deepEqual(sst('1.25KiB'), { rounded: 1280n, unit: 'B', prefix: 'Ki', decimal: false });
    assert.deepEqual(sst('1e10B'), { rounded: 10n ** 10n, unit: 'B', prefix: '', decimal: false });
    assert.deepEqual(sst('1e400B'), { rounded: 10n ** 400n, unit: 'B', prefix: '', decimal: false });
    assert.match(String(value(parseSstUnitAlgebra('5k'))), /invalid unit type 'k'/);
    assert.match(String(value(parseSstUnitAlgebra('5XB'))), /invalid unit type 'XB'/);
  });

  it('std::stoull: only a leading 0 can start 0x', () => {
    const x = parseStoull('1x5');
    assert.ok(x.ok && x.value.value === 1n && x.value.ignored === 'x5');
  });

  it('formatBytes: trailing zeros of the decimals are dropped, inner ones kept', () => {
    const n = (1n << 30n) + (1n << 30n) / 20n + 1n; // just above 1.05 GiB: decimals "050"
    assert.equal(formatBytes(n), `1.05 GiB (${n} B, 0x${n.toString(16)})`);
  });

  it('formatBytes: below 1 KiB plain, each binary unit, up to 3 truncated decimals, ~ for a tiny remainder, negatives', () => {
    assert.equal(formatBytes(0n), '0 B (0x0)');
    assert.equal(formatBytes(1023n), '1023 B (0x3ff)');
    assert.equal(formatBytes(1024n), '1 KiB (1024 B, 0x400)');
    assert.equal(formatBytes(1536n << 20n), '1.5 GiB (1610612736 B, 0x60000000)');
    assert.equal(formatBytes((5n << 20n) / 4n), '1.25 MiB (1310720 B, 0x140000)');
    assert.equal(formatBytes((1n << 30n) + 1n), '~1 GiB (1073741825 B, 0x40000001)');
    const almost2 = (1n << 40n) * 1999n / 1000n;
    assert.equal(formatBytes(almost2), `1.998 TiB (${almost2} B, 0x${almost2.toString(16)})`);
    assert.equal(formatBytes(1n << 50n), '1 PiB (1125899906842624 B, 0x4000000000000)');
    assert.equal(formatBytes(3n << 60n), '3 EiB (3458764513820540928 B, 0x3000000000000000)');
    assert.equal(formatBytes(-2048n), '-2 KiB (-2048 B, -0x800)');
  });
});
