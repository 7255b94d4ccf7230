import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { inspectCheckpoint } from '../../../server/src/checkpoint';
import { quickCheckStore } from '../../../server/src/checkpoint/storeQuickCheck';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

describe('cheap store checks (a few bytes, no inflate)', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'quick-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('passes a healthy store, including one whose range_size is a multiple of 4 GiB (ISIZE 0)', async () => {
    const w = await writeCheckpoint(join(dir, 'ok'), { memories: sstBoardLayout(MiB, 0x100000000n, 4n * 1024n * MiB) });
    assert.equal(await quickCheckStore(join(w.checkpointDir, 'board.physmem.store0.pmem'), 4n * 1024n * MiB), null);
    assert.deepEqual((await inspectCheckpoint(w.checkpointDir)).problems, []);
  });

  it('finds a truncated store by the trailer, and a cut-short one by the size floor at 1032:1', async () => {
    const file = join(dir, 's.pmem');
    await writeFile(file, gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x41)));
    await truncate(file, (await stat(file)).size - 3);
    assert.match(await quickCheckStore(file, 8n * MiB) ?? '', /truncated or belongs to another store/);
    await truncate(file, 1000);
    assert.match(await quickCheckStore(file, 8n * MiB) ?? '', /cannot inflate to range_size .* maximum ratio .* truncated/);
    await truncate(file, 12);
    assert.match(await quickCheckStore(file, 8n * MiB) ?? '', /shorter than any gzip stream/);
  });

  it('finds a foreign store (another checkpoint\'s, of another size) through inspect, as GS405 without --verify-stores', async () => {
    const noise = Buffer.alloc(Number(MiB));
    for (let i = 0, x = 7; i < noise.length; i += 4) noise.writeUInt32LE((x = (Math.imul(x, 1103515245) + 12345) >>> 0), i);
    const small = await writeCheckpoint(join(dir, 'small'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), writes: [{ addr: 0x100000000n, bytes: noise }] });
    const big = await writeCheckpoint(join(dir, 'big'), { memories: sstBoardLayout(MiB, 0x100000000n, 2n * MiB) });
    await copyFile(join(small.checkpointDir, 'board.physmem.store0.pmem'), join(big.checkpointDir, 'board.physmem.store0.pmem'));
    const s = await inspectCheckpoint(big.checkpointDir);
    assert.deepEqual(s.problems.map((p) => p.code), ['GS405']);
    assert.match(s.problems[0].message, /ISIZE/);
  });

  it('refuses filename=x.pmem/ (a directory name) like other malformed names', async () => {
    const w = await writeCheckpoint(join(dir, 'slash'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
    const cpt = join(w.checkpointDir, 'm5.cpt');
    await writeFile(cpt, (await readFile(cpt, 'utf8')).replace('filename=board.physmem.store0.pmem', 'filename=board.physmem.store0.pmem/'));
    const s = await inspectCheckpoint(w.checkpointDir);
    const p = s.problems.find((x) => x.code === 'GS404');
    assert.ok(p, JSON.stringify(s.problems));
    assert.match(p.message, /ends with a path separator/);
    assert.equal(s.stores[0].present, false);
  });
});
