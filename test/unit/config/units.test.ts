import assert from 'node:assert/strict';
import { formatBytes, parseGem5Size, parseSstUnitAlgebra, parseStoull } from '../../../server/src/config';

describe('units (gem5 sizes, SST UnitAlgebra, stoull)', () => {
  it('gem5 sizes are binary for both GB and GiB', () => {
    assert.deepEqual(parseGem5Size('2GiB'), { ok: true, value: 2n ** 31n });
    assert.deepEqual(parseGem5Size('2GB'), { ok: true, value: 2n ** 31n });
    assert.deepEqual(parseGem5Size('512MiB'), { ok: true, value: 512n * 2n ** 20n });
    assert.deepEqual(parseGem5Size('4096'), { ok: true, value: 4096n });
  });

  it('gem5 rejects KB and a prefix without B, with a hint', () => {
    const kb = parseGem5Size('2KB');
    assert.equal(kb.ok, false);
    const g = parseGem5Size('2G');
    assert.equal(g.ok, false);
    if (!g.ok) assert.match(g.error, /needs the unit/);
  });

  it('SST UnitAlgebra: GB is decimal, GiB binary, float text accepted', () => {
    const dec = parseSstUnitAlgebra('6GB');
    const bin = parseSstUnitAlgebra('6GiB');
    const flt = parseSstUnitAlgebra('32.0GiB');
    assert.ok(dec.ok && bin.ok && flt.ok);
    if (dec.ok && bin.ok && flt.ok) {
      assert.equal(dec.value.rounded, 6_000_000_000n);
      assert.equal(dec.value.decimalPrefix, true);
      assert.equal(bin.value.rounded, 6n * 2n ** 30n);
      assert.equal(bin.value.decimalPrefix, false);
      assert.equal(flt.value.rounded, 32n * 2n ** 30n);
    }
  });

  it('stoull: hex works, trailing garbage ignored ("36GiB" is 36)', () => {
    const hex = parseStoull('0x1c0000000');
    const garbage = parseStoull('36GiB');
    assert.ok(hex.ok && garbage.ok);
    if (hex.ok && garbage.ok) {
      assert.equal(hex.value.value, 0x1c0000000n);
      assert.equal(garbage.value.value, 36n);
    }
    assert.equal(parseStoull('GiB').ok, false);
  });

  it('formats a byte count with binary unit, decimal and hex', () => {
    assert.equal(formatBytes(6n * 2n ** 30n), '6 GiB (6442450944 B, 0x180000000)');
  });
});
