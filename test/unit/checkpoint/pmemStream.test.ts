import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openCheckpoint, verifyCheckpoint } from '../../../server/src/checkpoint';
import { checkStore, firstNonZero, readStoreStraight, StoreReadError } from '../../../server/src/checkpoint/pmemStream';
import { writeGzipStore } from '../../support/gzipStore';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

describe('.pmem streaming access', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'pmem-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('the test writer produces one valid gzip member that gzip -t accepts, with the bytes at their offsets', async () => {
    const path = join(dir, 's.pmem');
    const size = 3n * MiB + 4096n;
    await writeGzipStore(path, size, [{ offset: MiB - 3n, bytes: Buffer.from('across') }, { offset: size - 4n, bytes: Buffer.from('last') }]);
    execFileSync('gzip', ['-t', path]);
    const { gunzipSync } = await import('node:zlib');
    const all = gunzipSync(await readFile(path));
    assert.equal(BigInt(all.length), size);
    assert.equal(all.subarray(Number(MiB) - 3, Number(MiB) + 3).toString(), 'across');
    assert.equal(all.subarray(all.length - 4).toString(), 'last');
  });

  it('reads the first byte, the last byte, and a read that crosses an inflate chunk boundary', async () => {
    const path = join(dir, 's.pmem');
    const size = 3n * MiB;
    await writeGzipStore(path, size, [{ offset: 0n, bytes: Buffer.from('A') }, { offset: MiB - 2n, bytes: Buffer.from('WXYZ') }, { offset: size - 1n, bytes: Buffer.from('Z') }]);
    assert.equal((await readStoreStraight(path, size, 0n, 1)).toString(), 'A');
    assert.equal((await readStoreStraight(path, size, size - 1n, 1)).toString(), 'Z');
    assert.equal((await readStoreStraight(path, size, MiB - 2n, 4)).toString(), 'WXYZ');
  });

  it('refuses a read that goes past range_size with a clear error', async () => {
    const path = join(dir, 's.pmem');
    await writeGzipStore(path, MiB, []);
    await assert.rejects(readStoreStraight(path, MiB, MiB - 2n, 4), (e: unknown) =>
      e instanceof StoreReadError && /past the end of the store/.test(e.message));
  });

  it('verify: an intact store is ok and exactly range_size long', async () => {
    const path = join(dir, 's.pmem');
    await writeGzipStore(path, 2n * MiB, [{ offset: 5n, bytes: Buffer.from('x') }]);
    assert.deepEqual(await checkStore(path, 2n * MiB), { inflated: 2n * MiB, problem: null });
  });

  it('verify: a truncated stream is reported, not hung on', async () => {
    const path = join(dir, 's.pmem');
    await writeGzipStore(path, 2n * MiB, [{ offset: 5n, bytes: Buffer.from('x') }]);
    await truncate(path, 600);
    const r = await checkStore(path, 2n * MiB);
    assert.match(r.problem ?? '', /corrupt|truncated|short/);
  });

  it('verify: a corrupted byte is caught by the gzip integrity check', async () => {
    const path = join(dir, 's.pmem');
    const data = Buffer.alloc(256 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    const gz = gzipSync(data);
    gz[gz.length - 6] ^= 0xff; // inside the CRC trailer
    await writeFile(path, gz);
    const r = await checkStore(path, BigInt(data.length));
    assert.match(r.problem ?? '', /corrupt|incorrect|check/i);
  });

  it('verify: a zip bomb is bounded by range_size (inflation stops one byte past it)', async () => {
    const path = join(dir, 's.pmem');
    await writeGzipStore(path, 64n * MiB, []);
    const r = await checkStore(path, MiB);
    assert.equal(r.inflated, MiB + 1n);
    assert.match(r.problem ?? '', /more than range_size/);
  });

  it('verify: a stream shorter than range_size is reported with both lengths', async () => {
    const path = join(dir, 's.pmem');
    await writeFile(path, gzipSync(Buffer.alloc(1000)));
    const r = await checkStore(path, 4096n);
    assert.equal(r.inflated, 1000n);
    assert.match(r.problem ?? '', /1000 bytes, short of range_size 4096/);
  });

  it('verifyCheckpoint reports GS405 per broken store and ok for the others', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(2n * MiB, 0x100000000n, MiB) });
    const f = await open(join(w.checkpointDir, 'board.physmem.store1.pmem'), 'r+');
    await f.write(Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, 20);
    await f.close();
    const results = await verifyCheckpoint(w.checkpointDir);
    assert.deepEqual(results.map((r) => [r.id, r.ok]), [[0, true], [1, false]]);
    assert.equal(results[1].problems[0].code, 'GS405');
  });

  it('verifyCheckpoint can be cancelled', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(64n * MiB, 0x100000000n, 64n * MiB) });
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(verifyCheckpoint(w.checkpointDir, { signal: ac.signal }));
  });

  it('reads by physical address through config.ini store starts, and finds the next non-zero page', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), {
      memories: sstBoardLayout(2n * MiB, 0x100000000n, 4n * MiB),
      writes: [{ addr: 0x100000000n, bytes: Buffer.from('remote') }, { addr: 0x100200010n, bytes: Buffer.from('page') },
        { addr: 0x80000000n, bytes: Buffer.from('local') }],
    });
    const cpt = await openCheckpoint(w.checkpointDir);
    assert.equal((await cpt.readBytes({ addr: 0x100000000n }, 6)).toString(), 'remote');
    assert.equal((await cpt.readBytes({ addr: 0x80000000n }, 5)).toString(), 'local');
    assert.equal((await cpt.readBytes({ store: 0, offset: 0x200010n }, 4)).toString(), 'page');
    const next = await cpt.nextNonZero({ addr: 0x100001000n });
    assert.equal(next?.offset, 0x200000n);
    assert.equal(await cpt.nextNonZero({ addr: 0x100201000n }), null);
    assert.throws(() => cpt.resolveTarget({ addr: 0x20000000n }), /not inside any store/);
  });

  it('lists sections with 1-based lines and repeated keys summarised', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), bridgeDataLines: 100 });
    const cpt = await openCheckpoint(w.checkpointDir);
    const bridge = cpt.sections().find((s) => s.name === 'board.remote_memory.remoteMemoryStore_0')!;
    assert.deepEqual(bridge.keys.find((k) => k.key === 'data')?.count, 100);
    const text = (await readFile(join(w.checkpointDir, 'm5.cpt'), 'latin1')).split('\n');
    const globals = cpt.sections().find((s) => s.name === 'root.globals')!;
    assert.equal(text[globals.line - 1], '[root.globals]');
  });

  it('finds non-zero bytes at any alignment', () => {
    const b = Buffer.alloc(100);
    assert.equal(firstNonZero(b, 0), -1);
    for (const at of [0, 1, 3, 4, 7, 63, 99]) {
      b.fill(0);
      b[at] = 9;
      assert.equal(firstNonZero(b, 0), at);
      assert.equal(firstNonZero(b.subarray(1), 0), at === 0 ? -1 : at - 1);
    }
  });
});
