/**
 * CLI start-up (issue 19): `gem5-ckpt --help` and `gem5-ckpt inspect` on a small checkpoint, against `node -e 0`
 * measured interleaved in the same rounds (fresh processes). Target: each ≤ 1.25× `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI, ensureBuilt } from '../support/cli';
import { MiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';
import { median, report } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);

function run(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

async function main() {
  ensureBuilt();
  const root = await mkdtemp(join(tmpdir(), 'bench-cli-'));
  try {
    const w = await writeCheckpoint(join(root, 'm5out'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const rows = { node: [] as number[], help: [] as number[], inspect: [] as number[] };
    for (let i = 0; i < 2; i++) run([CLI, 'inspect', w.checkpointDir]); // page cache
    for (let r = 0; r < ROUNDS; r++) {
      rows.node.push(run(['-e', '0']));
      rows.help.push(run([CLI, '--help']));
      rows.inspect.push(run([CLI, 'inspect', w.checkpointDir]));
    }
    report('node -e 0', rows.node);
    report('gem5-ckpt --help', rows.help, { target: '≤ 1.25× node -e 0', baseline: { name: 'node -e 0', ms: rows.node } });
    report('gem5-ckpt inspect (small checkpoint)', rows.inspect, { target: '≤ 1.25× node -e 0', baseline: { name: 'node -e 0', ms: rows.node } });
    const ratios = (xs: number[]) => median(xs.map((x, i) => x / rows.node[i])).toFixed(2);
    console.log(`  per-round ratio medians: --help ${ratios(rows.help)}, inspect ${ratios(rows.inspect)}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
