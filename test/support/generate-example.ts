/**
 * `npm run example`: generates the example workspace's take-run output (examples/disaggregated/m5out/take_0: config.ini
 * and checkpoint/), as the take task in examples/disaggregated/.vscode/tasks.json would with a real gem5 build.
 * Idempotent: skips when the checkpoint is present and was written by this generator version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GiB, sstBoardLayout, writeCheckpoint } from './checkpointWriter';

const GENERATOR_VERSION = '1';
export const EXAMPLE_RUN = resolve(__dirname, '..', '..', 'examples', 'disaggregated', 'm5out', 'take_0');

/** A 4 KiB page of recognisable, non-zero content (what a guest page might hold). */
function patternPage(): Buffer {
  const page = Buffer.alloc(4096);
  for (let i = 0; i < page.length; i++) page[i] = (i * 37 + 11) & 0xff;
  return page;
}

export async function generateExample(outdir = EXAMPLE_RUN, force = false): Promise<boolean> {
  const stamp = join(outdir, '.generated');
  if (!force && existsSync(join(outdir, 'checkpoint', 'm5.cpt')) && existsSync(stamp)
      && readFileSync(stamp, 'utf8').trim() === GENERATOR_VERSION) {
    return false;
  }
  await rm(outdir, { recursive: true, force: true });
  // Take values: --local-memory-size 1GiB --remote-memory-addr-range 4294967296,5368709120 --cpu-type atomic, 4 cores.
  await writeCheckpoint(outdir, {
    memories: sstBoardLayout(GiB, 0x100000000n, GiB),
    cpu: { count: 4, type: 'ArmAtomicSimpleCPU' },
    disk: true,
    writes: [
      { addr: 0x100000000n, bytes: Buffer.from('gem5 remote memory: written by the take run\n') },
      { addr: 0x100200000n, bytes: patternPage() },
      { addr: 0x80000000n, bytes: Buffer.from('local memory') },
    ],
  });
  await writeFile(stamp, GENERATOR_VERSION + '\n');
  return true;
}

if (require.main === module) {
  const force = process.argv.includes('--force');
  generateExample(EXAMPLE_RUN, force).then(
    (written) => console.log(written ? `wrote ${EXAMPLE_RUN}` : `${EXAMPLE_RUN} is up to date (use --force to rewrite)`),
    (e) => {
      console.error(`npm run example: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
