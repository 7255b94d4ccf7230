import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCheckpoint } from '../../../server/src/checkpoint';
import { checkpointChildren, checkpointDescription } from '../../../client/src/tree/checkpointNodes';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

describe('checkpoint tree nodes', () => {
  it('lists stores with size and role, CPUs, disks and m5.cpt for a generated checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tree-'));
    try {
      const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(2n * MiB, 0x100000000n, MiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' }, disk: true, caches: [{ section: 'board.l3', bad: true }] });
      const s = await inspectCheckpoint(w.checkpointDir);
      const nodes = checkpointChildren(s);
      assert.deepEqual(nodes.map((n) => n.label), ['Memory stores', 'CPUs', 'Disks', 'Problems', 'm5.cpt']);
      assert.deepEqual(nodes[0].children!.map((c) => c.description), ['1 MiB · remote', '2 MiB · local']);
      assert.equal(nodes[1].description, '4 (4 active)');
      assert.match(nodes[3].children![0].label, /^GS406/);
      assert.match(checkpointDescription(s), /tick 54273915864000 · 1 problem$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
