/**
 * Checkpoint engine benchmark (issue 2). Generates its inputs in a temp dir and prints medians and ratios measured in
 * the same run:
 *  - inspect with a 2 GiB and a 32 GiB sparse store (target < 100 ms, independent of store size);
 *  - first read at the end of a 2 GiB store vs `gzip -dc` of the same file (target ratio <= 1.2);
 *  - m5.cpt with 3 million `data=` lines: parse time vs Python configparser (strict=False), and peak memory.
 */
import { spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inspectCheckpoint, openCheckpoint } from '../../server/src/checkpoint';
import { parseIniFile } from '../../server/src/checkpoint/iniReader';
import { GiB, MiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';
import { median, report, timeRuns } from './stats';

function timeCommand(cmd: string, args: string[], runs: number): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const devnull = openSync('/dev/null', 'w');
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', devnull, 'ignore'] });
    out.push(performance.now() - t0);
    closeSync(devnull);
    if (r.error || r.status !== 0) return null;
  }
  return out;
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'bench-ckpt-'));
  try {
    // 1. inspect: size independence.
    const w2 = await writeCheckpoint(join(root, 'two'), { memories: sstBoardLayout(GiB, 0x100000000n, 2n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const w32 = await writeCheckpoint(join(root, 'thirtytwo'), { memories: sstBoardLayout(GiB, 0x100000000n, 32n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const i2 = await timeRuns(() => inspectCheckpoint(w2.checkpointDir), 15, 2);
    const i32 = await timeRuns(() => inspectCheckpoint(w32.checkpointDir), 15, 2);
    report('inspect, 2 GiB remote store', i2, { target: '< 100 ms' });
    report('inspect, 32 GiB remote store', i32, { target: '< 100 ms, ≈ 2 GiB', baseline: { name: '2 GiB', ms: i2 } });

    // 2. first read at the end of a 2 GiB store with realistic content (one random 4 KiB page in every 16).
    const page = 4096;
    const real = await writeCheckpoint(join(root, 'real'), { memories: sstBoardLayout(64n * MiB, 0x100000000n, 2n * GiB), level: 6 });
    // Rewrite store0 with content: pseudo-random pages so inflate does real work.
    const { writeGzipStore } = await import('../support/gzipStore');
    let seed = 12345;
    const store0 = join(real.checkpointDir, 'board.physmem.store0.pmem');
    await writeGzipStore(store0, 2n * GiB, [], {
      fill(_index, chunk) {
        for (let p = 0; p < chunk.length; p += page * 16) {
          for (let i = p; i < p + page; i += 4) {
            seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
            chunk.writeUInt32LE(seed, i);
          }
        }
        return true;
      },
    });
    const cpt = await openCheckpoint(real.checkpointDir);
    const firstRead = await timeRuns(() => cpt.readBytes({ store: 0, offset: 2n * GiB - 256n }, 256), 3, 0);
    const gzip = timeCommand('gzip', ['-dc', store0], 3);
    if (gzip) report('gzip -dc of the same 2 GiB store (baseline)', gzip);
    report('first read of 256 B at the end of a 2 GiB store', firstRead,
      { target: 'ratio <= 1.2 vs gzip -dc', baseline: gzip ? { name: 'gzip -dc', ms: gzip } : undefined });
    // Seek index: one build pass, then random reads.
    const { buildSeekIndex, readWithIndex } = await import('../../server/src/checkpoint/seekIndex');
    const t0 = performance.now();
    const index = await buildSeekIndex(store0, { spanBytes: 4 * 1024 * 1024 });
    console.log(`seek index build over 2 GiB: ${(performance.now() - t0).toFixed(0)} ms, ${index.points.length} access points`);
    let r = 99;
    const randomReads = await timeRuns(() => {
      r = (Math.imul(r, 1103515245) + 12345) >>> 0;
      return readWithIndex(index, Math.floor((r / 2 ** 32) * (2 * 1024 ** 3 - 256)), 256);
    }, 200, 5);
    report('random 256 B reads with the seek index (4 MiB span)', randomReads, { target: 'median < 5 ms' });
    const pigz = timeCommand('pigz', ['-p1', '-dc', store0], 3);
    if (pigz) report('pigz -p1 -dc of the same store', pigz, { baseline: { name: 'gzip -dc', ms: gzip ?? pigz } });
    else console.log('pigz not installed: skipped (apt-get install pigz to compare)');

    // 3. Era-A m5.cpt with 3 million data= lines.
    const era = await writeCheckpoint(join(root, 'era-a'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), bridgeDataLines: 3_000_000 });
    const cptFile = join(era.checkpointDir, 'm5.cpt');
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const parse = await timeRuns(async () => {
      const doc = await parseIniFile(cptFile);
      peak = Math.max(peak, process.memoryUsage().rss);
      return doc;
    }, 5, 1);
    clearInterval(sampler);
    const py = [];
    for (let i = 0; i < 3; i++) {
      const r = spawnSync('python3', ['-c',
        'import configparser,sys,time\nc=configparser.ConfigParser(strict=False,interpolation=None)\nt=time.perf_counter()\n' +
        'c.read(sys.argv[1])\nprint((time.perf_counter()-t)*1000)', cptFile], { encoding: 'utf8' });
      if (r.status !== 0) break;
      py.push(Number(r.stdout.trim()));
    }
    if (py.length) report('Python configparser(strict=False) on the same m5.cpt', py);
    report('parse m5.cpt with 3,000,000 data= lines', parse, { baseline: py.length ? { name: 'configparser', ms: py } : undefined });
    console.log(`peak RSS growth while parsing: ${((peak - before) / 1024 / 1024).toFixed(1)} MiB (file ${(3_000_000 * 7 / 1024 / 1024).toFixed(0)} MiB of data= lines)`);
    console.log(`summary: inspect 2 GiB ${median(i2).toFixed(1)} ms, 32 GiB ${median(i32).toFixed(1)} ms`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
