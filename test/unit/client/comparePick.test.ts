import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inspectCheckpoint } from '../../../server/src/checkpoint';
import { BROWSE, comparePickItems } from '../../../client/src/explorer/comparePick';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

describe('Compare with…: the known checkpoints, then Browse…', () => {
  it('lists every other known checkpoint with its tick and memory size, an unreadable one as such, and Browse… last', async () => {
    const base = await mkdtemp(join(tmpdir(), 'cmp-'));
    try {
      const a = await writeCheckpoint(join(base, 'take_a'), { memories: sstBoardLayout(2n * MiB, 0x100000000n, MiB), cpu: { count: 1, type: 'ArmAtomicSimpleCPU' } });
      const b = await writeCheckpoint(join(base, 'take_b'), { memories: sstBoardLayout(4n * MiB, 0x100000000n, 2n * MiB), cpu: { count: 1, type: 'ArmAtomicSimpleCPU' } });
      const known = [
        { dir: a.checkpointDir, summary: await inspectCheckpoint(a.checkpointDir) },
        { dir: b.checkpointDir, summary: await inspectCheckpoint(b.checkpointDir) },
        { dir: join(base, 'gone'), summary: null },
      ];
      const items = comparePickItems(a.checkpointDir, known, (d) => relative(base, d));
      assert.deepEqual(items.map((i) => i.label), ['take_b/checkpoint', 'gone', BROWSE]);
      assert.match(items[0].description, /^tick \d+ · 6 MiB in 2 stores$/);
      assert.equal(items[0].dir, b.checkpointDir);
      assert.equal(items[1].description, 'could not be read');
      assert.equal(items[2].dir, null);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
