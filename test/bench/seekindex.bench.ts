/**
 * Seek index benchmark (issue 2, `.pmem` random access). Writes a realistic memory image — mostly zero pages, one
 * pseudo-random 4 KiB page in every 8 — as ONE gzip member with zlib.createGzip (no flushes, like gem5's gzwrite),
 * streaming, into a temp dir, then prints medians measured in the same run:
 *  - the one-pass index build (and how many access points it made), and loading the cached index;
 *  - 200 random 256 B reads through the index (median / p95), and 200 reads inside one span (hex-view scrolling);
 *  - the no-index baseline: inflating from the start of the stream up to a far offset, and the ratio;
 *  - the first far read with `--index` (no cached index yet): the straight read answered while a worker builds the
 *    index, time to the bytes vs the straight native read alone (peer), and the worker build vs a whole native inflate.
 * Size: SEEK_BENCH_MIB (default 512).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { cachedSeekIndex, loadOrBuildSeekIndex, readWithIndex } from '../../server/src/checkpoint/seekIndex';
import { buildSeekIndexInWorker } from '../../server/src/checkpoint/seekIndexBuildWorker';
import { readStoreStraight } from '../../server/src/checkpoint/pmemStream';
import { median, report, timeRuns } from './stats';

const MiB = 1024 * 1024;
const PAGE = 4096;

/** 1 MiB chunks of the image, generated on demand so the image is never held in memory. */
function* imageChunks(totalMiB: number): Generator<Buffer> {
  let seed = 0x9e3779b9;
  for (let c = 0; c < totalMiB; c++) {
    const chunk = Buffer.alloc(MiB);
    for (let p = 0; p < MiB; p += PAGE * 8) {
      for (let i = p; i < p + PAGE; i += 4) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        chunk.writeUInt32LE(seed, i);
      }
    }
    yield chunk;
  }
}

/** The no-index path: inflate from the start, streaming, until `offset + length` bytes have come out. */
async function readFromStart(file: string, offset: number, length: number): Promise<Buffer> {
  const input = createReadStream(file, { highWaterMark: MiB });
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  input.pipe(gunzip);
  let seen = 0;
  const parts: Buffer[] = [];
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const end = seen + chunk.length;
      if (end > offset) parts.push(chunk.subarray(Math.max(0, offset - seen), Math.min(chunk.length, offset + length - seen)));
      seen = end;
      if (seen >= offset + length) break;
    }
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(parts);
}

async function main() {
  const sizeMiB = Number(process.env.SEEK_BENCH_MIB ?? 512);
  const total = sizeMiB * MiB;
  const root = await mkdtemp(join(tmpdir(), 'bench-seek-'));
  const cacheDir = join(root, 'cache');
  try {
    const file = join(root, 'board.physmem.store0.pmem');
    let t0 = performance.now();
    await pipeline(Readable.from(imageChunks(sizeMiB)), createGzip({ level: 6 }), createWriteStream(file));
    const compressed = (await stat(file)).size;
    console.log(`wrote a ${sizeMiB} MiB image as ${(compressed / MiB).toFixed(1)} MiB of gzip in ${(performance.now() - t0).toFixed(0)} ms`);

    t0 = performance.now();
    const index = await loadOrBuildSeekIndex(file, { cacheDir });
    const buildMs = performance.now() - t0;
    report(`seek index build + save, ${sizeMiB} MiB store (${index.points.length} access points)`, [buildMs]);
    report('load the cached index (no inflate pass)', await timeRuns(() => cachedSeekIndex(file, { cacheDir }), 5, 1));

    let r = 7;
    const nextOffset = () => {
      r = (Math.imul(r, 1664525) + 1013904223) >>> 0;
      return Math.floor((r / 2 ** 32) * (total - 256));
    };
    const random = await timeRuns(() => readWithIndex(index, nextOffset(), 256), 200, 5);
    const scrollBase = index.points[Math.floor(index.points.length / 2)].out;
    let scroll = 0;
    const inSpan = await timeRuns(() => readWithIndex(index, scrollBase + 256 * scroll++, 256), 200, 1);

    // The far read without an index: inflate from the start to near the end (what every read costs without one).
    const far = total - 256;
    const expected = await readWithIndex(index, far, 256);
    const noIndex = await timeRuns(async () => {
      const got = await readFromStart(file, far, 256);
      if (!got.equals(expected)) throw new Error('the index read and the straight inflate disagree');
    }, 3, 0);
    report(`no-index read of 256 B at the end (inflate from the start)`, noIndex);
    report('random 256 B read with the index', random, { baseline: { name: 'no-index read', ms: noIndex }, target: 'median < 5 ms' });
    report('256 B reads scrolling inside one span (LRU hit)', inSpan, { baseline: { name: 'random index read', ms: random } });

    // The first far read with --index, as OpenedCheckpoint does it: the read goes straight (the same
    // readStoreStraight the CLI uses), the worker build starts once it is answered. Fresh cache dir per run.
    const peerRead = await timeRuns(() => readStoreStraight(file, BigInt(total), BigInt(far), 256), 3, 0);
    const wholeInflate = await timeRuns(() => readFromStart(file, total - 1, 1), 3, 0);
    const toBytes: number[] = [];
    const workerBuild: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      const got = await readStoreStraight(file, BigInt(total), BigInt(far), 256);
      toBytes.push(performance.now() - t);
      const build = buildSeekIndexInWorker(file, { cacheDir: join(root, `worker-cache-${run}`) });
      if (!got.equals(expected)) throw new Error('the read during the worker build disagrees with the index read');
      await build.done;
      workerBuild.push(performance.now() - t);
    }
    report('first far read with --index: time to the bytes (worker build starts after)', toBytes, { baseline: { name: 'straight native read (peer)', ms: peerRead } });
    report('first far read with --index: bytes + index build (worker) + save', workerBuild, { baseline: { name: 'native inflate of the whole store (peer)', ms: wholeInflate } });
    console.log(`project/peer: time to the bytes ${median(toBytes).toFixed(0)} / ${median(peerRead).toFixed(0)} ms = ${(median(toBytes) / median(peerRead)).toFixed(2)}, worker build ${median(workerBuild).toFixed(0)} / ${median(wholeInflate).toFixed(0)} ms = ${(median(workerBuild) / median(wholeInflate)).toFixed(2)}`);
    console.log(`summary: build ${(buildMs / 1000).toFixed(1)} s, random read median ${median(random).toFixed(2)} ms, no-index ${median(noIndex).toFixed(0)} ms (${(median(noIndex) / median(random)).toFixed(0)}x slower)`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
