/**
 * The seek index against a straight inflate, over the stores users meet: gzip -1/-6/-9, Python's gzip, several
 * members, mostly-zero and mostly-random layouts; bit-exact access points (most deflate blocks end inside a byte);
 * and the stale cases (same size, mtime restored) where an index must never answer.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { buildSeekIndex, cachedSeekIndex, loadOrBuildSeekIndex, readWithIndex, StaleIndexError } from '../../../server/src/checkpoint/seekIndex';
import { readStoreStraight } from '../../../server/src/checkpoint/pmemStream';
import { openCheckpoint } from '../../../server/src/checkpoint';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';
import { writeGzipStore } from '../../support/gzipStore';

const RUNS = Math.max(8, Number(process.env.FUZZ_RUNS ?? 0) / 100);

function pseudoRandom(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i + 4 <= size; i += 4) b.writeUInt32LE((x = (Math.imul(x, 1103515245) + 12345) >>> 0), i);
  return b;
}

/** Memory-like layouts: mostly zero pages with some text and noise, or mostly noise. */
function image(size: number, seed: number, layout: 'zero' | 'random' | 'text'): Buffer {
  const b = Buffer.alloc(size);
  const noise = pseudoRandom(size, seed);
  for (let page = 0; page * 4096 < size; page++) {
    const r = (Math.imul(page + 1, 2654435761) + seed) >>> 0;
    const kind = layout === 'random' ? (r % 10 < 8 ? 1 : 0) : layout === 'zero' ? (r % 10 === 0 ? 1 : r % 10 === 1 ? 2 : 0) : 2;
    const at = page * 4096;
    const end = Math.min(size, at + 4096);
    if (kind === 1) noise.copy(b, at, at, end);
    else if (kind === 2) for (let i = at; i < end; i++) b[i] = 0x61 + ((noise[i] % 26) & 0xff) * (noise[i] % 3 === 0 ? 0 : 1) % 26;
  }
  return b;
}

type Compressor = 'gzip-1' | 'gzip-6' | 'gzip-9' | 'python' | 'node-members';

function compress(data: Buffer, how: Compressor): Buffer {
  if (how.startsWith('gzip-')) return execFileSync('gzip', [`-${how.slice(5)}`, '-c', '-n'], { input: data, maxBuffer: 1 << 30 });
  if (how === 'python') return execFileSync('python3', ['-c', 'import gzip,sys; sys.stdout.buffer.write(gzip.compress(sys.stdin.buffer.read()))'], { input: data, maxBuffer: 1 << 30 });
  // Several members, as `cat a.gz b.gz` or a writer that reopens the file would make.
  const third = Math.floor(data.length / 3);
  return Buffer.concat([gzipSync(data.subarray(0, third), { level: 1 }), gzipSync(data.subarray(third, 2 * third)), gzipSync(data.subarray(2 * third), { level: 9 })]);
}

describe('seek index: bit-exact access points, several members, never stale', function () {
  this.timeout(120000);
  let dir: string;
  let cacheDir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seekx-'));
    cacheDir = await mkdtemp(join(tmpdir(), 'seekx-cache-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('indexed reads equal a straight inflate for random stores (gzip -1/-6/-9, python gzip, several members; zero, random and text layouts)', async () => {
    let bitPoints = 0;
    await fc.assert(fc.asyncProperty(
      fc.constantFrom<Compressor>('gzip-1', 'gzip-6', 'gzip-9', 'python', 'node-members'),
      fc.constantFrom<'zero' | 'random' | 'text'>('zero', 'random', 'text'),
      fc.integer({ min: 64 * 1024, max: 3 * 1024 * 1024 }), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 300000 })), { minLength: 4, maxLength: 12 }),
      async (how, layout, size, seed, reads) => {
        const data = image(size, seed, layout);
        const file = join(dir, 'p.pmem');
        await writeFile(file, compress(data, how));
        // Both builds: native zlib (bit offsets resolved by trial) and pako (bit offsets read from data_type).
        for (const engine of ['native', 'pako'] as const) {
          const index = await buildSeekIndex(file, { spanBytes: 32 * 1024, engine });
          assert.equal(index.totalOut, data.length);
          // At least one point per whole 256 KiB of output, up to 3 (a store of zeros has few deflate blocks to stop at).
          assert.ok(index.points.length >= Math.min(3, Math.floor(data.length / (256 * 1024))), `${engine}: ${index.points.length} points`);
          bitPoints += index.points.filter((p) => p.bits !== 0).length;
          const all = [...reads, ...index.points.map((p): [number, number] => [p.out - 3, 7])];
          for (const [at, len] of all) {
            const off = Math.max(0, at % data.length);
            const n = Math.min(len, data.length - off);
            const got = await readWithIndex(index, off, n);
            assert.ok(got.equals(data.subarray(off, off + n)), `${engine} ${how}/${layout} ${off}+${n}`);
          }
        }
        const tail = await readStoreStraight(file, BigInt(data.length), BigInt(data.length - 100), 100);
        assert.ok(tail.equals(data.subarray(data.length - 100)), 'straight read agrees (several members too)');
      }), { numRuns: RUNS, ...(process.env.FUZZ_RUNS ? {} : { seed: 20261201 }) }); // `npm run fuzz` explores new seeds
    assert.ok(bitPoints > 0, 'some access points start inside a byte');
  });

  it('gives a realistic store (8 MiB of text, then zeros, gzip -6) an access point about every span, so a read inflates one span', async () => {
    const data = Buffer.alloc(40 * 1024 * 1024);
    image(8 * 1024 * 1024, 7, 'text').copy(data);
    const file = join(dir, 'realistic.pmem');
    await writeFile(file, compress(data, 'gzip-6'));
    const span = 1024 * 1024;
    const index = await buildSeekIndex(file, { spanBytes: span });
    const gaps = index.points.slice(1).map((p, i) => p.out - index.points[i].out);
    const textPoints = index.points.filter((p) => p.out < 8 * 1024 * 1024).length;
    assert.ok(textPoints >= 7, `points in the text part: ${textPoints}`);
    // Past the text, gzip's blocks of zeros each hold 32 Ki symbols × 258 bytes ≈ 8 MiB: one point per block.
    assert.ok(Math.max(...gaps) <= span + 8.5 * 1024 * 1024, `largest gap ${Math.max(...gaps)}`);
    assert.ok(index.points.filter((p) => p.bits).length > 0, 'bit-exact points used');
    const off = 8 * 1024 * 1024 - 5;
    assert.ok((await readWithIndex(index, off, 10)).equals(data.subarray(off, off + 10)));
  });

  it('streams a span far longer than the in-memory limit and still returns the exact bytes', async () => {
    const data = image(6 * 1024 * 1024, 3, 'zero');
    const file = join(dir, 'long.pmem');
    await writeFile(file, compress(data, 'gzip-9'));
    const index = await buildSeekIndex(file, { spanBytes: 2 * 1024 * 1024 });
    for (const [off, n] of [[0, 10], [3 * 1024 * 1024 + 7, 5000], [data.length - 9, 9], [index.points[1].out - 2, 4]]) {
      assert.ok((await readWithIndex(index, off, n, { wholeSpanMax: 64 * 1024 })).equals(data.subarray(off, off + n)), `${off}+${n}`);
    }
  });

  it('refuses a cached index when the store was replaced by another of the same size with the mtime restored', async () => {
    const a = image(1024 * 1024, 1, 'random');
    const b = image(1024 * 1024, 2, 'random');
    const file = join(dir, 'swap.pmem');
    const ga = compress(a, 'gzip-1');
    await writeFile(file, ga);
    await utimes(file, 1700000000, 1700000000); // whole seconds: restorable exactly
    const st = await stat(file);
    const index = await loadOrBuildSeekIndex(file, { cacheDir, spanBytes: 64 * 1024 });
    let gb = compress(b, 'gzip-1');
    // Same compressed size: pad or cut the other store's deflate data (its trailer then no longer matches, as in life).
    gb = gb.length >= ga.length ? Buffer.concat([gb.subarray(0, ga.length - 8), gb.subarray(gb.length - 8)]) : Buffer.concat([gb, Buffer.alloc(ga.length - gb.length)]);
    await writeFile(file, gb);
    await utimes(file, 1700000000, 1700000000);
    assert.equal((await stat(file)).size, st.size);
    assert.equal((await stat(file)).mtimeMs, st.mtimeMs);
    assert.equal(await cachedSeekIndex(file, { cacheDir }), null, 'the content key differs');
    await assert.rejects(readWithIndex(index, 512 * 1024, 64), StaleIndexError);
  });

  it('catches a change in the middle of the store that keeps header, trailer, size and mtime (span CRC), and openCheckpoint falls back to a straight read', async () => {
    const w = await writeCheckpoint(join(dir, 'mid'), { memories: sstBoardLayout(MiB, 0x100000000n, 4n * MiB), writes: [{ addr: 0x100200000n, bytes: Buffer.from('before') }], level: 0 });
    const store = join(w.checkpointDir, 'board.physmem.store0.pmem');
    await utimes(store, 1700000000, 1700000000);
    const cpt = await openCheckpoint(w.checkpointDir, { seekIndex: 'build', cacheDir });
    assert.equal((await cpt.readBytes({ addr: 0x100200000n }, 6)).toString(), 'before');
    assert.deepEqual(await cpt.indexBuildsSettled(), [], 'the worker built the index');
    // Another word of the same length, stored (level 0) so the compressed size is the same too.
    const other = await writeCheckpoint(join(dir, 'mid2'), { memories: sstBoardLayout(MiB, 0x100000000n, 4n * MiB), writes: [{ addr: 0x100200000n, bytes: Buffer.from('after!') }], level: 0 });
    const replacement = await readFile(join(other.checkpointDir, 'board.physmem.store0.pmem'));
    const st = await stat(store);
    const original = await readFile(store);
    assert.equal(replacement.length, original.length);
    // Keep the original trailer too, so only the span CRC can tell.
    replacement.set(original.subarray(original.length - 8), replacement.length - 8);
    await writeFile(store, replacement);
    await utimes(store, 1700000000, 1700000000);
    assert.equal((await stat(store)).mtimeMs, st.mtimeMs);
    const index = await cachedSeekIndex(store, { cacheDir });
    assert.ok(index, 'size, mtime, header and trailer all match');
    await assert.rejects(readWithIndex(index, 0x200000, 6), StaleIndexError);
    const fresh = await openCheckpoint(w.checkpointDir, { seekIndex: 'cached', cacheDir });
    assert.equal((await fresh.readBytes({ addr: 0x100200000n }, 6)).toString(), 'after!', 'a straight read, never the stale bytes');
    assert.equal(await cachedSeekIndex(store, { cacheDir }), null, 'the stale index was dropped');
  });

  it('reads a 6 GiB sparse store exactly through the index with memory bounded by the span (long run: npm run fuzz)', async function () {
    if (!process.env.FUZZ_RUNS) this.skip();
    this.timeout(900000);
    const GiB = 1024n ** 3n;
    const file = join(dir, 'six.pmem');
    const marks = [1n, 3n * GiB + 12345n, 4n * GiB - 7n, 6n * GiB - 64n].map((offset, i) => ({ offset, bytes: Buffer.from(`mark ${i} at ${offset}`.padEnd(40, '.')) }));
    await writeGzipStore(file, 6n * GiB, marks);
    const rssBefore = process.memoryUsage().rss;
    const index = await buildSeekIndex(file);
    assert.equal(index.totalOut, 6 * 1024 ** 3);
    for (const m of marks) {
      const got = await readWithIndex(index, Number(m.offset), m.bytes.length);
      assert.ok(got.equals(m.bytes), `at ${m.offset}: ${got.toString()}`);
    }
    const grown = (process.memoryUsage().rss - rssBefore) / (1024 * 1024);
    assert.ok(grown < 256, `RSS grew ${grown.toFixed(0)} MiB`);
    const last = marks[marks.length - 1];
    assert.ok((await readStoreStraight(file, 6n * GiB, last.offset, last.bytes.length)).equals(last.bytes), 'the straight read agrees');
  });

  it('treats trailing data after the last member like a straight read does (zero padding ignored, anything else an error)', async () => {
    const data = image(256 * 1024, 5, 'text');
    const file = join(dir, 'trail.pmem');
    await writeFile(file, Buffer.concat([gzipSync(data), Buffer.alloc(512)]));
    const index = await buildSeekIndex(file, { spanBytes: 32 * 1024 });
    assert.ok((await readWithIndex(index, data.length - 10, 10)).equals(data.subarray(data.length - 10)));
    assert.ok(gunzipSync(await readFile(file)).equals(data), 'node ignores zero padding too');
    await writeFile(file, Buffer.concat([gzipSync(data), Buffer.from('garbage!')]));
    await assert.rejects(buildSeekIndex(file), /trailing data after the last gzip member/);
    await assert.rejects(readStoreStraight(file, BigInt(data.length), BigInt(data.length - 10), 10), /trailing data after the last gzip member/);
  });
});
