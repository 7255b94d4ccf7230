/**
 * The seek index built in a worker thread (seekIndexBuildWorker.ts): the same index as an in-thread build, reads
 * answered straight while it runs, a clear failure on a corrupt store, one valid cache file from concurrent builds,
 * and every build stopped at shutdown with the cache lock released.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSeekIndex, cachedSeekIndex, readWithIndex, saveIndex, type SeekIndex } from '../../../server/src/checkpoint/seekIndex';
import { buildSeekIndexInWorker, runningSeekIndexBuilds, stopSeekIndexBuilds } from '../../../server/src/checkpoint/seekIndexBuildWorker';
import { readStoreStraight } from '../../../server/src/checkpoint/pmemStream';
import { openCheckpoint } from '../../../server/src/checkpoint';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

/** Memory-like bytes: zero pages, text pages and noise pages, chosen per page from the seed. */
function memoryImage(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let page = 0; page * 4096 < size; page++) {
    const kind = (Math.imul(page + 1, 2654435761) + seed) >>> 0;
    for (let i = page * 4096; i + 4 <= Math.min(size, (page + 1) * 4096); i += 4) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      if (kind % 4 === 1) b.writeUInt32LE(x, i);
      else if (kind % 4 === 2) b.writeUInt32LE(0x61616161 + (x % 26) * 0x01000000, i);
    }
  }
  return b;
}

/** The index without its per-build id, windows as bytes: what must match bit for bit. */
function content(index: SeekIndex) {
  return {
    file: index.file, size: index.size, mtimeMs: index.mtimeMs, contentKey: index.contentKey, totalOut: index.totalOut, members: index.members,
    points: index.points.map((p) => ({ out: p.out, in: p.in, bits: p.bits, member: p.member, crc: p.crc, outCrc: p.outCrc, window: p.window.toString('hex') })),
  };
}

describe('seek index built in a worker thread', function () {
  this.timeout(120000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seek-worker-'));
  });
  after(async () => {
    await stopSeekIndexBuilds();
    await rm(dir, { recursive: true, force: true });
  });

  it('equals the in-thread build bit for bit on random stores, in memory and in the cache file', async () => {
    for (const seed of [1, 7, 42, 1234]) {
      const size = (1 + (seed % 3)) * 1024 * 1024 + seed * 13;
      const data = memoryImage(size, seed);
      const level = [1, 6, 9][seed % 3];
      // One member, or several (as `cat a.gz b.gz` makes).
      const gz = seed % 2 ? gzipSync(data, { level }) : Buffer.concat([gzipSync(data.subarray(0, size >> 1), { level }), gzipSync(data.subarray(size >> 1), { level })]);
      const file = join(dir, `random-${seed}.pmem`);
      await writeFile(file, gz);
      const spanBytes = 64 * 1024;
      const inThread = await buildSeekIndex(file, { spanBytes });
      const workerCache = join(dir, `cache-worker-${seed}`);
      const fromWorker = await buildSeekIndexInWorker(file, { cacheDir: workerCache, spanBytes }).done;
      assert.ok(inThread.points.length >= 3, `seed ${seed}: ${inThread.points.length} points`);
      assert.deepEqual(content(fromWorker), content(inThread), `seed ${seed}`);
      const threadCache = join(dir, `cache-thread-${seed}`);
      await saveIndex(inThread, threadCache);
      const [a] = await readdir(workerCache);
      const [b] = await readdir(threadCache);
      assert.ok((await readFile(join(workerCache, a))).equals(await readFile(join(threadCache, b))), `seed ${seed}: cache files differ`);
      const off = Math.floor(size * 0.7);
      assert.ok((await readWithIndex(fromWorker, off, 5000)).equals(data.subarray(off, off + 5000)), `seed ${seed}: read through the worker's index`);
    }
  });

  it('answers reads with a straight inflate while the worker builds, with the same bytes, then reads through the index', async () => {
    const writes = [{ addr: 0x100000000n + 3n * MiB + 5n, bytes: Buffer.from('near the start') }, { addr: 0x100000000n + 250n * MiB, bytes: Buffer.from('far in') }];
    const w = await writeCheckpoint(join(dir, 'busy'), { memories: sstBoardLayout(MiB, 0x100000000n, 256n * MiB), writes });
    const store = join(w.checkpointDir, 'board.physmem.store0.pmem');
    const cacheDir = join(dir, 'cache-busy');
    const cpt = await openCheckpoint(w.checkpointDir, { seekIndex: 'build', cacheDir });
    let whileRunning = 0;
    for (let k = 0; k < 20; k++) {
      const offset = BigInt(3 * 1024 * 1024 + k * 4093);
      const got = await cpt.readBytes({ store: 0, offset }, 64);
      if (runningSeekIndexBuilds() > 0) whileRunning++;
      assert.ok(got.equals(await readStoreStraight(store, 256n * MiB, offset, 64)), `read ${k}`);
    }
    assert.ok(whileRunning > 0, 'some reads were answered while the worker was still building');
    assert.deepEqual(await cpt.indexBuildsSettled(), []);
    assert.ok(await cachedSeekIndex(store, { cacheDir }), 'the worker cached the index');
    assert.equal((await cpt.readBytes({ addr: 0x100000000n + 250n * MiB }, 6)).toString(), 'far in');
    assert.equal(runningSeekIndexBuilds(), 0);
  });

  it('reports a corrupt store clearly and leaves no index file, temp file or lock', async () => {
    const data = memoryImage(2 * 1024 * 1024, 5);
    const gz = gzipSync(data, { level: 6 });
    gz[gz.length >> 1] ^= 0x55; // damage the middle of the deflate data
    const file = join(dir, 'corrupt.pmem');
    await writeFile(file, gz);
    const cacheDir = join(dir, 'cache-corrupt');
    await assert.rejects(buildSeekIndexInWorker(file, { cacheDir }).done, /seek index of .*corrupt\.pmem not built: corrupt gzip stream/);
    assert.deepEqual(await readdir(cacheDir).catch(() => []), []);
    // Through openCheckpoint the read itself is not an index failure: it fails as the straight read does.
    const notGzip = join(dir, 'not-gzip.pmem');
    await writeFile(notGzip, 'this is not gzip at all');
    await assert.rejects(buildSeekIndexInWorker(notGzip, { cacheDir }).done, /not built: not a gzip stream/);
    assert.deepEqual(await readdir(cacheDir).catch(() => []), []);
  });

  it('leaves one valid index when two workers build the same store at once (lock, temp file and rename)', async () => {
    const data = memoryImage(6 * 1024 * 1024, 9);
    const file = join(dir, 'twice.pmem');
    await writeFile(file, gzipSync(data, { level: 6 }));
    const cacheDir = join(dir, 'cache-twice');
    const [a, b] = await Promise.all([
      buildSeekIndexInWorker(file, { cacheDir, shared: false }).done,
      buildSeekIndexInWorker(file, { cacheDir, shared: false }).done,
    ]);
    assert.deepEqual(content(a), content(b));
    const files = await readdir(cacheDir);
    assert.equal(files.length, 1, `cache dir: ${files.join(', ')}`);
    assert.match(files[0], /\.idx$/);
    const cached = await cachedSeekIndex(file, { cacheDir });
    assert.ok(cached);
    assert.ok((await readWithIndex(cached, 5 * 1024 * 1024, 4096)).equals(data.subarray(5 * 1024 * 1024, 5 * 1024 * 1024 + 4096)));
  });

  it('stops every running build at shutdown: the worker exits, nothing is cached, and the lock is free for the next build', async () => {
    const w = await writeCheckpoint(join(dir, 'shutdown'), { memories: sstBoardLayout(MiB, 0x100000000n, 2048n * MiB), writes: [{ addr: 0x100000000n + 2000n * MiB, bytes: Buffer.from('end') }] });
    const store = join(w.checkpointDir, 'board.physmem.store0.pmem');
    const cacheDir = join(dir, 'cache-shutdown');
    const build = buildSeekIndexInWorker(store, { cacheDir });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(runningSeekIndexBuilds(), 1);
    await stopSeekIndexBuilds();
    assert.equal(runningSeekIndexBuilds(), 0);
    await assert.rejects(build.done, (e: Error) => e.name === 'AbortError' && /not built: cancelled/.test(e.message));
    assert.deepEqual((await readdir(cacheDir).catch(() => [])).filter((f) => !f.endsWith('.building')), [], 'no index and no temp file');
    assert.deepEqual(await readdir(cacheDir).catch(() => []), [], 'the lock was released');
    const again = await buildSeekIndexInWorker(store, { cacheDir }).done;
    assert.ok((await readWithIndex(again, 2000 * 1024 * 1024, 3)).equals(Buffer.from('end')));
  });

  it('OpenedCheckpoint.close stops the build its reads started', async () => {
    const w = await writeCheckpoint(join(dir, 'close'), { memories: sstBoardLayout(MiB, 0x100000000n, 2048n * MiB), writes: [] });
    const cacheDir = join(dir, 'cache-close');
    const cpt = await openCheckpoint(w.checkpointDir, { seekIndex: 'build', cacheDir });
    await cpt.readBytes({ store: 0, offset: 0n }, 16);
    assert.equal(runningSeekIndexBuilds(), 1);
    await cpt.close();
    assert.equal(runningSeekIndexBuilds(), 0);
    const failed = await cpt.indexBuildsSettled();
    assert.equal(failed.length, 1);
    assert.match(failed[0].error, /cancelled/);
  });
});
