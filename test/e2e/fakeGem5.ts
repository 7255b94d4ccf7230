/**
 * A stand-in for gem5.opt in end-to-end tests: records its arguments and working directory, and on a take run
 * (`--take-ckpt=True`) writes a real gem5-format checkpoint into `<outdir>/checkpoint` with the sizes it was given.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';

async function main(argv: string[]) {
  const outdirArg = argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'm5out';
  const outdir = resolve(process.cwd(), outdirArg);
  mkdirSync(outdir, { recursive: true });
  writeFileSync(resolve(outdir, 'argv.json'), JSON.stringify({ argv, cwd: process.cwd() }, null, 2));
  const get = (flag: string) => argv.find((a) => a.startsWith(flag + '='))?.slice(flag.length + 1);
  console.log('gem5 stand-in: ', argv.join(' '));
  if (get('--take-ckpt') !== 'True') return;
  const [start, end] = (get('--remote-memory-addr-range') ?? '4294967296,5368709120').split(',').map((x) => BigInt(x));
  const local = BigInt(parseInt(get('--local-memory-size') ?? '1', 10)) * 1024n ** 3n;
  await writeCheckpoint(outdir, {
    memories: sstBoardLayout(local, start, end - start),
    cpu: { count: 4, type: get('--cpu-type') === 'kvm' ? 'ArmV8KvmCPU' : 'ArmAtomicSimpleCPU' },
    disk: true,
    writes: [{ addr: start, bytes: Buffer.from('written by the stand-in take run\n') }],
  });
  console.log('Writing checkpoint');
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`fatal: ${String(e)}`);
  process.exitCode = 1;
});
