/**
 * Rule engine benchmark (issue 4): cold `check` of a generated 500-script workspace (250 gem5 scripts, 250 SST
 * scripts naming them) and a re-check after one file changes; peak memory.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as EngineModule from '../../server/src/workspace/engine';
import { gem5Script, sstScript } from '../support/generateScripts';
import { loadBundled } from './bundle';
import { report, timeRuns } from './stats';

async function main() {
  const { createWorkspaceEngine } = loadBundled<typeof EngineModule>('server/src/workspace/engine.ts');
  const root = await mkdtemp(join(tmpdir(), 'bench-check-'));
  try {
    for (let i = 0; i < 250; i++) {
      const dir = join(root, `exp${i}`);
      await mkdir(join(dir, 'configs'), { recursive: true });
      await mkdir(join(dir, 'sst'), { recursive: true });
      await writeFile(join(dir, 'configs', 'gen.py'), gem5Script(100 + ((i * 37) % 500), i));
      await writeFile(join(dir, 'sst', 'restore.py'), sstScript(1 + (i % 4)));
    }
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    let findings = 0;
    const cold = await timeRuns(async () => {
      const engine = createWorkspaceEngine([root]);
      const all = await engine.findingsAll();
      findings = [...all.values()].flat().length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 3, 1);
    report('cold check of 500 scripts (250 gem5 + 250 SST)', cold, { target: '< 3000 ms' });
    console.log(`  ${findings} findings; peak RSS ${(peak / 1024 / 1024).toFixed(0)} MiB (start ${(rss0 / 1024 / 1024).toFixed(0)} MiB), target < 300 MB`);

    const engine = createWorkspaceEngine([root]);
    await engine.findingsAll();
    const sst = join(root, 'exp7', 'sst', 'restore.py');
    let n = 0;
    const recheck = await timeRuns(async () => {
      engine.setOpenDocument(sst, sstScript(1 + (n++ % 4)), n);
      await engine.findingsFor(sst);
    }, 20, 2);
    report('re-check after one SST script changes', recheck, { target: '< 100 ms' });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
