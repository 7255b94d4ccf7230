import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildSeekIndex, cachedSeekIndex, loadOrBuildSeekIndex, readWithIndex, spanAt } from '../../../server/src/checkpoint/seekIndex';
import { openCheckpoint } from '../../../server/src/checkpoint';
import { writeGzipStore } from '../../support/gzipStore';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

/** Memory-like content: zero pages, text-like pages and pseudo-random pages, so deflate makes varied blocks. */
function memoryImage(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let page = 0; page < size / 4096; page++) {
    const kind = (page * 2654435761 + seed) % 5;
    for (let i = page * 4096; i < (page + 1) * 4096; i += 4) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      if (kind === 1) b.writeUInt32LE(x, i);
      else if (kind === 2) b.writeUInt32LE(0x20202020 + (x % 26), i);
    }
  }
  return b;
}

describe('seek index (zran-style random access to .pmem)', function () {
  this.timeout(60000);
  let dir: string;
  let cacheDir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seek-'));
    cacheDir = await mkdtemp(join(tmpdir(), 'seek-cache-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  for (const level of [1, 6, 9]) {
    it(`reads through the index equal a straight inflate (zlib level ${level}, no flushes, like gem5)`, async () => {
      const image = memoryImage(3 * 1024 * 1024, level);
      const file = join(dir, `l${level}.pmem`);
      await writeFile(file, gzipSync(image, { level }));
      const index = await buildSeekIndex(file, { spanBytes: 64 * 1024 });
      assert.ok(index.points.length >= 3, `points: ${index.points.length}`);
      assert.equal(index.totalOut, image.length);
      const cases: [number, number][] = [[0, 1], [0, 4096], [image.length - 1, 1], [image.length - 100, 100]];
      for (const p of index.points.slice(1, 4)) cases.push([p.out, 16], [p.out - 8, 16]); // at and across access points
      for (let k = 0; k < 40; k++) cases.push([(k * 7919 * 131) % (image.length - 5000), 1 + ((k * 977) % 4999)]);
      for (const [off, len] of cases) assert.ok((await readWithIndex(index, off, len)).equals(image.subarray(off, off + len)), `${off}+${len}`);
      assert.equal((await readWithIndex(index, image.length - 2, 10)).length, 2, 'short at the end of the stream');
    });
  }

  it('works on the gem5-style stores the test writer produces (full-flushed chunks, many points)', async () => {
    const file = join(dir, 'w.pmem');
    await writeGzipStore(file, 8n * MiB, [{ offset: 5n * MiB - 3n, bytes: Buffer.from('across a chunk') }]);
    const index = await buildSeekIndex(file, { spanBytes: 1024 * 1024 });
    assert.ok(index.points.length >= 7);
    assert.equal((await readWithIndex(index, 5 * 1024 * 1024 - 3, 14)).toString(), 'across a chunk');
    assert.ok((await readWithIndex(index, 0, 64)).equals(gunzipSync(await readFile(file)).subarray(0, 64)));
  });

  it('is cached outside the checkpoint, reused, and rebuilt when the file changes', async () => {
    const file = join(dir, 'c.pmem');
    await writeFile(file, gzipSync(memoryImage(1024 * 1024, 3)));
    const before = await readdir(dir);
    let progress = 0;
    await loadOrBuildSeekIndex(file, { cacheDir, spanBytes: 64 * 1024, onProgress: () => progress++ });
    assert.ok(progress > 0);
    assert.deepEqual((await readdir(dir)).sort(), [...before].sort(), 'nothing is written next to the store');
    progress = 0;
    const again = await loadOrBuildSeekIndex(file, { cacheDir, onProgress: () => progress++ });
    assert.equal(progress, 0, 'second load does not inflate');
    assert.ok((await readWithIndex(again, 1000, 10)).equals(memoryImage(1024 * 1024, 3).subarray(1000, 1010)));
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    assert.equal(await cachedSeekIndex(file, { cacheDir }), null, 'stale after an mtime change');
  });

  it('keeps one shared buffer for all-zero windows (zero pages), built and reloaded from the cache, and reads stay exact', async () => {
    const image = Buffer.alloc(4 * 1024 * 1024);
    image.write('header page before the zeros', 100);
    image.write('tail', image.length - 4);
    const file = join(dir, 'zeros.pmem');
    // A small memLevel makes short deflate blocks, so zero runs get many block boundaries to choose points from.
    await writeFile(file, gzipSync(image, { level: 1, memLevel: 1 }));
    const other = await mkdtemp(join(tmpdir(), 'seek-cache-zero-'));
    try {
      for (const index of [await loadOrBuildSeekIndex(file, { cacheDir: other, spanBytes: 64 * 1024 }), await cachedSeekIndex(file, { cacheDir: other })]) {
        assert.ok(index);
        const zeroWindowPoints = index.points.filter((p) => p.out >= 128 * 1024 && p.out < image.length - 64 * 1024);
        assert.ok(zeroWindowPoints.length >= 2, `points in the zero run: ${zeroWindowPoints.length}`);
        for (const p of zeroWindowPoints) assert.equal(p.window, zeroWindowPoints[0].window, 'the same buffer object');
        assert.ok((await readWithIndex(index, image.length - 10, 10)).equals(image.subarray(image.length - 10)));
        assert.ok((await readWithIndex(index, zeroWindowPoints[1].out - 3, 6)).equals(Buffer.alloc(6)));
      }
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('widens the default span to 8 MiB past the first GiB of output, so a 32 GiB zero-heavy store keeps a few thousand points', () => {
    const MiB = 1024 * 1024;
    assert.equal(spanAt(MiB, 512 * MiB), MiB);
    assert.equal(spanAt(MiB, 1024 * MiB), 8 * MiB);
    assert.equal(spanAt(16 * MiB, 4096 * MiB), 16 * MiB, 'a wider base span is kept');
  });

  it('ignores a damaged cache file (bad JSON or truncated windows) and rebuilds instead of failing', async () => {
    const image = memoryImage(512 * 1024, 12);
    const file = join(dir, 'damaged.pmem');
    await writeFile(file, gzipSync(image));
    const other = await mkdtemp(join(tmpdir(), 'seek-cache-damaged-'));
    try {
      await loadOrBuildSeekIndex(file, { cacheDir: other, spanBytes: 64 * 1024 });
      const names = await readdir(other);
      const idx = names.find((n) => n.endsWith('.idx'));
      assert.ok(idx, names.join(','));
      const whole = await readFile(join(other, idx));
      await writeFile(join(other, idx), whole.subarray(0, whole.length - 10));
      assert.equal(await cachedSeekIndex(file, { cacheDir: other }), null, 'truncated windows');
      await writeFile(join(other, idx), Buffer.concat([Buffer.from([20, 0, 0, 0]), Buffer.from('{"version": 2, "points": [')]));
      assert.equal(await cachedSeekIndex(file, { cacheDir: other }), null, 'bad JSON');
      const rebuilt = await loadOrBuildSeekIndex(file, { cacheDir: other, spanBytes: 64 * 1024 });
      assert.ok((await readWithIndex(rebuilt, 300 * 1024, 32)).equals(image.subarray(300 * 1024, 300 * 1024 + 32)));
      assert.ok(await cachedSeekIndex(file, { cacheDir: other }), 'the rebuilt index is cached again');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('a cached index inflates a window only when a read uses it: a damaged one fails that read as stale, the others read', async () => {
    const image = memoryImage(4 * 1024 * 1024, 13);
    const file = join(dir, 'lazy.pmem');
    await writeFile(file, gzipSync(image));
    const other = await mkdtemp(join(tmpdir(), 'seek-cache-lazy-'));
    try {
      const built = await loadOrBuildSeekIndex(file, { cacheDir: other, spanBytes: 64 * 1024 });
      assert.ok(built.points.length >= 3, `${built.points.length} points`);
      const idx = join(other, (await readdir(other)).find((n) => n.endsWith('.idx'))!);
      const whole = await readFile(idx);
      const jsonLength = whole.readUInt32LE(0);
      const meta = JSON.parse(whole.subarray(4, 4 + jsonLength).toString('utf8')) as { points: { out: number; at: number; length: number }[] };
      const last = meta.points.at(-1)!;
      assert.ok(last.length > 0);
      // An invalid deflate block type at the start of the last point's window: it cannot inflate.
      whole[4 + jsonLength + last.at] = 0xff;
      await writeFile(idx, whole);
      const cached = await cachedSeekIndex(file, { cacheDir: other });
      assert.ok(cached, 'loading does not inflate the windows');
      const early = meta.points[1].out + 100;
      assert.ok((await readWithIndex(cached, early, 64)).equals(image.subarray(early, early + 64)));
      await assert.rejects(readWithIndex(cached, last.out + 100, 64), (e: Error) => e.constructor.name === 'StaleIndexError' && /damaged window/.test(e.message));
      for (const [i, p] of cached.points.entries()) if (i !== cached.points.length - 1) assert.ok(p.window.equals(built.points[i].window), `window ${i}`);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('reads a loaded index\'s windows from the cache file it was loaded from: one replaced since (a rebuild) makes reads stale, never mixed', async () => {
    const image = memoryImage(1024 * 1024, 14);
    const file = join(dir, 'replaced.pmem');
    await writeFile(file, gzipSync(image));
    const other = await mkdtemp(join(tmpdir(), 'seek-cache-replaced-'));
    try {
      await loadOrBuildSeekIndex(file, { cacheDir: other, spanBytes: 64 * 1024 });
      const idx = join(other, (await readdir(other)).find((n) => n.endsWith('.idx'))!);
      const loaded = await cachedSeekIndex(file, { cacheDir: other });
      assert.ok(loaded && loaded.points.length > 4, 'loaded');
      const first = loaded.points[2].out + 10;
      assert.ok((await readWithIndex(loaded, first, 32)).equals(image.subarray(first, first + 32)), 'a window read from the file it was loaded from');
      // A rebuild's file renamed over it, as saveIndex does: another file, even with the same bytes.
      await writeFile(`${idx}.new`, await readFile(idx));
      await rename(`${idx}.new`, idx);
      const later = loaded.points.at(-1)!.out + 10;
      await assert.rejects(readWithIndex(loaded, later, 32), (e: Error) => e.constructor.name === 'StaleIndexError' && /replaced/.test(e.message));
      assert.ok((await readWithIndex(loaded, first, 32)).equals(image.subarray(first, first + 32)), 'a window already read stays usable');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('never reads an index of the previous format (version 4, sha256-named): it is rebuilt, and the old file removed', async () => {
    const image = memoryImage(512 * 1024, 15);
    const file = join(dir, 'legacy.pmem');
    await writeFile(file, gzipSync(image));
    const other = await mkdtemp(join(tmpdir(), 'seek-cache-legacy-'));
    try {
      const built = await loadOrBuildSeekIndex(file, { cacheDir: other, spanBytes: 64 * 1024 });
      const [current] = await readdir(other);
      assert.match(current, /^v5-[0-9a-f]{16}\.idx$/);
      // The same entry relabelled version 4 is refused, not misread.
      const whole = await readFile(join(other, current));
      const jsonLength = whole.readUInt32LE(0);
      const meta = JSON.parse(whole.subarray(4, 4 + jsonLength).toString('utf8')) as { version: number };
      const v4 = Buffer.from(JSON.stringify({ ...meta, version: 4 }));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(v4.length);
      await writeFile(join(other, current), Buffer.concat([length, v4, whole.subarray(4 + jsonLength)]));
      assert.equal(await cachedSeekIndex(file, { cacheDir: other }), null, 'a version 4 entry is not used');
      // A version 4 file where that version kept it goes when the store is indexed again.
      const legacy = createHash('sha256').update(file).digest('hex').slice(0, 32) + '.idx';
      await writeFile(join(other, legacy), 'old');
      await rm(join(other, current));
      const rebuilt = await loadOrBuildSeekIndex(file, { cacheDir: other, spanBytes: 64 * 1024 });
      assert.deepEqual(rebuilt.points.map((p) => p.in), built.points.map((p) => p.in));
      assert.deepEqual(await readdir(other), [current]);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('returns an empty buffer for a read that starts at or past the end of the stream', async () => {
    const image = memoryImage(512 * 1024, 8);
    const file = join(dir, 'end.pmem');
    await writeFile(file, gzipSync(image));
    const index = await buildSeekIndex(file, { spanBytes: 64 * 1024 });
    assert.equal((await readWithIndex(index, image.length, 16)).length, 0);
    assert.equal((await readWithIndex(index, image.length + 4096, 16)).length, 0);
    assert.ok((await readWithIndex(index, image.length - 1, 1)).equals(image.subarray(image.length - 1)));
  });

  it('gives a clear error when the store shrank after it was indexed', async () => {
    const file = join(dir, 'shrunk.pmem');
    await writeFile(file, gzipSync(memoryImage(512 * 1024, 14)));
    const index = await buildSeekIndex(file, { spanBytes: 64 * 1024 });
    await truncate(file, 100);
    await assert.rejects(readWithIndex(index, 500 * 1024, 16), /changed since it was indexed|shorter than when it was indexed/);
  });

  it('rejects a negative or fractional offset or length instead of returning bytes from the wrong place', async () => {
    const file = join(dir, 'neg.pmem');
    await writeFile(file, gzipSync(memoryImage(256 * 1024, 13)));
    const index = await buildSeekIndex(file, { spanBytes: 64 * 1024 });
    await assert.rejects(readWithIndex(index, -10, 5), RangeError);
    await assert.rejects(readWithIndex(index, 1.5, 5), RangeError);
    await assert.rejects(readWithIndex(index, 0, -1), RangeError);
  });

  it('treats the cached index as stale when the store is rewritten with a different size, and rebuilds it', async () => {
    const file = join(dir, 'size.pmem');
    await writeFile(file, gzipSync(memoryImage(256 * 1024, 9)));
    await loadOrBuildSeekIndex(file, { cacheDir, spanBytes: 64 * 1024 });
    const bigger = memoryImage(768 * 1024, 10);
    await writeFile(file, gzipSync(bigger));
    assert.equal(await cachedSeekIndex(file, { cacheDir }), null);
    const rebuilt = await loadOrBuildSeekIndex(file, { cacheDir, spanBytes: 64 * 1024 });
    assert.equal(rebuilt.totalOut, bigger.length);
    assert.ok((await readWithIndex(rebuilt, 700 * 1024, 64)).equals(bigger.subarray(700 * 1024, 700 * 1024 + 64)));
  });

  it('shares one build between concurrent callers for the same store', async () => {
    const file = join(dir, 'shared.pmem');
    await writeFile(file, gzipSync(memoryImage(512 * 1024, 11)));
    const other = await mkdtemp(join(tmpdir(), 'seek-cache-shared-'));
    try {
      const [a, b] = await Promise.all([loadOrBuildSeekIndex(file, { cacheDir: other }), loadOrBuildSeekIndex(file, { cacheDir: other })]);
      assert.equal(a, b);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('gives a clear error for a truncated or corrupt stream and for something that is not gzip', async () => {
    const file = join(dir, 't.pmem');
    await writeFile(file, gzipSync(memoryImage(1024 * 1024, 4)));
    await truncate(file, 2000);
    await assert.rejects(buildSeekIndex(file), /truncated gzip stream/);
    const corrupt = gzipSync(memoryImage(256 * 1024, 5));
    corrupt.fill(0xff, 100, 140);
    await writeFile(file, corrupt);
    await assert.rejects(buildSeekIndex(file), /corrupt gzip stream|truncated/);
    await writeFile(file, 'plain text');
    await assert.rejects(buildSeekIndex(file), /not a gzip stream/);
  });

  it('can be cancelled', async () => {
    const file = join(dir, 'x.pmem');
    await writeFile(file, gzipSync(memoryImage(2 * 1024 * 1024, 6)));
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(buildSeekIndex(file, { signal: ac.signal }), { name: 'AbortError' });
  });

  it('stops with an AbortError when cancelled while the build is running, and caches nothing', async () => {
    const file = join(dir, 'mid.pmem');
    // Incompressible content, so the build needs several 1 MiB reads and the abort lands between them.
    const noise = Buffer.alloc(4 * 1024 * 1024);
    let x = 1;
    for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((x = (Math.imul(x, 1103515245) + 12345) >>> 0), i);
    await writeFile(file, gzipSync(noise, { level: 1 }));
    const ac = new AbortController();
    const other = await mkdtemp(join(tmpdir(), 'seek-cache-abort-'));
    try {
      const build = loadOrBuildSeekIndex(file, { cacheDir: other, signal: ac.signal });
      setImmediate(() => ac.abort());
      await assert.rejects(build, { name: 'AbortError' });
      assert.equal(await cachedSeekIndex(file, { cacheDir: other }), null);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('openCheckpoint asked to build answers the first read, caches the index built in a worker, and reads the next through it', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(MiB, 0x100000000n, 4n * MiB), writes: [{ addr: 0x100300000n, bytes: Buffer.from('deep') }] });
    const cpt = await openCheckpoint(w.checkpointDir, { seekIndex: 'build', cacheDir });
    assert.equal((await cpt.readBytes({ addr: 0x100300000n }, 4)).toString(), 'deep');
    assert.deepEqual(await cpt.indexBuildsSettled(), []);
    assert.ok(await cachedSeekIndex(join(w.checkpointDir, 'board.physmem.store0.pmem'), { cacheDir }));
    assert.equal((await cpt.readBytes({ addr: 0x100300000n }, 4)).toString(), 'deep');
  });
});
