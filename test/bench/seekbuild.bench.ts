/**
 * Seek-index targets, each row with its peer measured in the same run (this project, peer, ratio):
 *  - index build (native zlib with Z_BLOCK + bit-offset resolution) vs a straight native inflate of the same store
 *    (target ratio <= 1.5), wall and CPU time; the pako build is shown for reference;
 *  - a read from the CLI with the index already cached vs `node -e 0` (target: <= node -e 0 + 30 ms).
 * The store: SEEK_BUILD_MIB (default 256) MiB, mostly zero pages with one pseudo-random page in 8, written as one
 * gzip member by zlib.createGzip (no flushes, like gem5's gzwrite).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { median, timeRuns } from './stats';
import { loadBundled } from './bundle';
import type * as SeekIndexModule from '../../server/src/checkpoint/seekIndex';
import { configIniText, sstBoardLayout, type FixtureCheckpoint } from '../support/checkpointWriter';

const MiB = 1024 * 1024;
const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'out', 'cli', 'gem5-ckpt.js');

function* imageChunks(totalMiB: number): Generator<Buffer> {
  let seed = 0x9e3779b9;
  for (let c = 0; c < totalMiB; c++) {
    const chunk = Buffer.alloc(MiB);
    for (let p = 0; p < MiB; p += 4096 * 8) {
      for (let i = p; i < p + 4096; i += 4) chunk.writeUInt32LE((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), i);
    }
    yield chunk;
  }
}

async function straightInflate(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: MiB }).pipe(createGunzip({ chunkSize: MiB })) as AsyncIterable<Buffer>) n += chunk.length;
  return n;
}

function row(name: string, ours: number[], peerName: string, peer: number[], target: string): void {
  console.log(`${name.padEnd(44)} this project ${median(ours).toFixed(1)} ms | ${peerName} ${median(peer).toFixed(1)} ms | ratio ${(median(ours) / median(peer)).toFixed(2)} | target ${target}`);
}

async function main() {
  const sizeMiB = Number(process.env.SEEK_BUILD_MIB ?? 256);
  const seek = loadBundled<typeof SeekIndexModule>('server/src/checkpoint/seekIndex.ts');
  const root = await mkdtemp(join(tmpdir(), 'bench-seekbuild-'));
  try {
    // A checkpoint whose remote store (store0) is the image, so the CLI can read it by store and offset.
    const outdir = join(root, 'take');
    const cptDir = join(outdir, 'checkpoint');
    await mkdir(cptDir, { recursive: true });
    const fx: FixtureCheckpoint = { memories: sstBoardLayout(BigInt(MiB), 0x100000000n, BigInt(sizeMiB) * BigInt(MiB)) };
    await writeFile(join(outdir, 'config.ini'), configIniText(fx));
    const store = join(cptDir, 'board.physmem.store0.pmem');
    await pipeline(Readable.from(imageChunks(sizeMiB)), createGzip({ level: 6 }), createWriteStream(store));
    await pipeline(Readable.from([Buffer.alloc(MiB)]), createGzip(), createWriteStream(join(cptDir, 'board.physmem.store1.pmem')));
    await writeFile(join(cptDir, 'm5.cpt'), `[root.globals]\ncurTick=1\n[board.physmem]\nnbr_of_stores=2\n[board.physmem.store0]\nstore_id=0\nfilename=board.physmem.store0.pmem\nrange_size=${sizeMiB * MiB}\n[board.physmem.store1]\nstore_id=1\nfilename=board.physmem.store1.pmem\nrange_size=${MiB}\n`);

    // Interleaved, so load from elsewhere on the machine falls on both alike.
    await straightInflate(store);
    const straight: number[] = [];
    const native: number[] = [];
    // CPU time of the whole process (every thread: the straight inflate runs in libuv's pool) beside the wall time:
    // on a saturated machine a one-thread build waits for a core longer than a two-thread inflate, CPU shows the work.
    const cpu = { straight: [] as number[], native: [] as number[] };
    const cpuOf = async (run: () => Promise<unknown>, into: number[]) => {
      const c = process.cpuUsage();
      await run();
      const d = process.cpuUsage(c);
      into.push((d.user + d.system) / 1000);
    };
    for (let i = 0; i < 5; i++) {
      straight.push(...await timeRuns(() => cpuOf(() => straightInflate(store), cpu.straight), 1, 0));
      native.push(...await timeRuns(() => cpuOf(() => seek.buildSeekIndex(store, { engine: 'native' }), cpu.native), 1, 0));
    }
    const t0 = performance.now();
    const pakoIndex = await seek.buildSeekIndex(store, { engine: 'pako' });
    const pako = [performance.now() - t0];
    const nativeIndex = await seek.buildSeekIndex(store, { engine: 'native' });
    console.log(`${sizeMiB} MiB store: native build ${nativeIndex.points.length} access points, pako build ${pakoIndex.points.length}`);
    row('seek index build (native zlib)', native, 'straight native inflate', straight, '<= 1.5');
    row('  the same, CPU time (all threads)', cpu.native, 'straight native inflate', cpu.straight, '<= 1.5');
    row('seek index build (pako, reference)', pako, 'straight native inflate', straight, '—');

    // CLI: cache the index once, then time cached reads near the end against a bare node start.
    const env = { ...process.env, XDG_CACHE_HOME: join(root, 'cache') };
    const args = [CLI, 'read', cptDir, '--store', '0', '--offset', String(sizeMiB * MiB - 4096), '--length', '256', '--format', 'raw'];
    execFileSync(process.execPath, [...args, '--index'], { env, stdio: 'ignore' });
    const cli: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 12; i++) {
      cli.push(...await timeRuns(() => {
        const r = spawnSync(process.execPath, args, { env });
        if (r.status !== 0 || r.stdout.length !== 256) throw new Error(`read failed: ${r.stderr}`);
      }, 1, i === 0 ? 1 : 0));
      bare.push(...await timeRuns(() => spawnSync(process.execPath, ['-e', '0']), 1, i === 0 ? 1 : 0));
    }
    row('CLI read, index cached (256 B at the end)', cli, 'node -e 0', bare, '<= node -e 0 + 30 ms');
    console.log(`  difference: ${(median(cli) - median(bare)).toFixed(1)} ms`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
