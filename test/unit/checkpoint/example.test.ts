import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCheckpoint, openCheckpoint } from '../../../server/src/checkpoint';
import { generateExample } from '../../support/generate-example';

describe('npm run example (generated example checkpoint)', () => {
  let dir: string;
  before(async () => { dir = join(await mkdtemp(join(tmpdir(), 'example-')), 'take_0'); });
  after(async () => { await rm(join(dir, '..'), { recursive: true, force: true }); });

  it('writes the documented layout with the known bytes, and is idempotent', async () => {
    assert.equal(await generateExample(dir), true);
    assert.equal(await generateExample(dir), false, 'second run skips');
    const s = await inspectCheckpoint(join(dir, 'checkpoint'));
    assert.deepEqual(s.problems, []);
    assert.deepEqual(s.stores.map((x) => [x.role, x.start, x.end]), [
      ['remote', '0x100000000', '0x140000000'], ['local', '0x80000000', '0xc0000000']]);
    const cpt = await openCheckpoint(join(dir, 'checkpoint'));
    assert.equal((await cpt.readBytes({ addr: 0x100000000n }, 44)).toString(), 'gem5 remote memory: written by the take run\n');
    assert.equal((await cpt.readBytes({ addr: 0x80000000n }, 12)).toString(), 'local memory');
    const page = await cpt.nextNonZero({ addr: 0x100001000n });
    assert.equal(page?.offset, 0x200000n);
  });
});
