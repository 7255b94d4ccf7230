import assert from 'node:assert/strict';
import {
  addUnitValues, compareUnitValues, divUnitValues, invertUnitValue, parseUnitValue, roundedUnitValue, unitValueText,
} from '../../../server/src/config/interp/domains/unitAlgebra';

// sst.UnitAlgebra's arithmetic (sst-core semantics); the differential samples check the same against the recorder.
const ua = (text: string) => {
  const v = parseUnitValue(text);
  assert.ok(v, `SST reads ${text}`);
  return v;
};

describe('UnitAlgebra arithmetic (sst-core semantics)', () => {
  it('getRoundedValue rounds halves away from zero, as llround does', () => {
    assert.equal(roundedUnitValue(ua('2.5B')), 3n);
    assert.equal(roundedUnitValue(ua('-2.5B')), -3n);
    assert.equal(roundedUnitValue(ua('2.4999B')), 2n);
  });

  it('binary and decimal prefixes scale exactly (6GiB is 6442450944 B, 6GB is 6000000000 B)', () => {
    assert.equal(unitValueText(ua('6GiB')), '6442450944 B');
    assert.equal(unitValueText(ua('6GB')), '6000000000 B');
    assert.equal(unitValueText(ua('1.2GHz')), '1200000000 Hz');
  });

  it('adding or comparing values of different units is not a value (SST raises)', () => {
    assert.equal(addUnitValues(ua('1GiB'), ua('1ns'), '+'), null);
    assert.equal(compareUnitValues(ua('1GiB'), ua('1ns')), null);
  });

  it('a quotient is truncated at 24 fractional digits, as sst_big_num holds it', () => {
    const third = divUnitValues(ua('1B'), ua('3B'));
    assert.ok(third);
    assert.equal(unitValueText(third), '0.333333333333333333333333 ');
  });

  it('dividing by zero or inverting zero is not a value', () => {
    assert.equal(divUnitValues(ua('1B'), ua('0B')), null);
    assert.equal(invertUnitValue(ua('0s')), null);
  });

  it('units SST does not define, and malformed numbers, are rejected', () => {
    assert.equal(parseUnitValue('4 GiBs'), null);
    assert.equal(parseUnitValue('four GiB'), null);
    assert.equal(parseUnitValue('1.2.3GHz'), null);
  });

  it('prints small values in exponent notation only below 0.0001 (0.001 s, 5e-13 s)', () => {
    assert.equal(unitValueText(ua('1ms')), '0.001 s');
    assert.equal(unitValueText(ua('0.5ps')), '5e-13 s');
    assert.equal(unitValueText(ua('100us')), '0.0001 s');
    assert.equal(unitValueText(ua('10us')), '1e-05 s');
  });
});
