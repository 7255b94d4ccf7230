/** Python's int(x, 0) on zeros, the case gem5's toMemorySize meets in "0B" (expectations: CPython 3.11). */
import assert from 'node:assert/strict';
import { parseGem5Size, pythonIntBase0 } from '../../../server/src/config';

describe('int(x, 0) on zeros', () => {
  it('reads one zero, repeated zeros and zeros split by single underscores as 0', () => {
    for (const zero of ['0', '000', '0_0', '00_0', '-0', '+00']) assert.equal(pythonIntBase0(zero), 0n, zero);
  });

  it('rejects an underscore at either end of the zeros', () => {
    for (const bad of ['0_', '_0', '0__0']) assert.equal(pythonIntBase0(bad), null, bad);
  });

  it('gem5 reads "0B" and "00B" as zero bytes', () => {
    assert.deepEqual(parseGem5Size('0B'), { ok: true, value: 0n });
    assert.deepEqual(parseGem5Size('00B'), { ok: true, value: 0n });
  });
});
