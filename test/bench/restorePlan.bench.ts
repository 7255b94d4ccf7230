/**
 * Restore plan (issue 16) on a 64-node copy of the example: time from a one-character edit of the SST script to the
 * plan's new graph and address map, with the diagnostics alone (what every edit already costs) as the peer measured
 * in the same run; and Point Restore at Checkpoint (retarget) of the same script.
 */
import { join } from 'node:path';
import type * as EngineModule from '../../server/src/workspace/engine';
import type * as PlanModule from '../../server/src/restorePlan';
import type * as RetargetModule from '../../server/src/retarget';
import { GiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';
import { copyExample } from '../support/exampleWorkspace';
import { readFile } from 'node:fs/promises';
import { loadBundled } from './bundle';
import { report, timeRuns } from './stats';

async function main() {
  const { createWorkspaceEngine } = loadBundled<typeof EngineModule>('server/src/workspace/engine.ts');
  const { restorePlan } = loadBundled<typeof PlanModule>('server/src/restorePlan/index.ts');
  const { computeRetarget } = loadBundled<typeof RetargetModule>('server/src/retarget/index.ts');
  const ws = await copyExample();
  try {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 64');
    const text = await readFile(ws.sst, 'utf8');
    const engine = createWorkspaceEngine([ws.root]);
    let n = 0;
    // Alternate the CPU clock text: a real edit each time, same size of work.
    const edit = () => text.replace('cpu_clock_rate = "3GHz"', `cpu_clock_rate = "${3 + (n % 2)}GHz"`);
    // Interleaved, so machine load and JIT warm-up fall on both alike.
    const diagnostics: number[] = [];
    const plan: number[] = [];
    let nodes = 0;
    for (let i = 0; i < 23; i++) {
      const d = await timeRuns(async () => {
        engine.setOpenDocument(ws.sst, edit(), ++n);
        await engine.findingsFor(ws.sst);
      }, 1, 0);
      const p = await timeRuns(async () => {
        engine.setOpenDocument(ws.sst, edit(), ++n);
        nodes = (await restorePlan(engine, ws.sst))?.map.nodes.length ?? 0;
      }, 1, 0);
      if (i >= 3) {
        diagnostics.push(...d);
        plan.push(...p);
      }
    }
    report('diagnostics after an edit, 64-node SST script (peer)', diagnostics);
    report(`restore plan after an edit, 64-node SST script (${nodes} nodes)`, plan, { baseline: { name: 'diagnostics', ms: diagnostics } });
    const take = join(ws.root, 'm5out', 'take_9');
    await writeCheckpoint(take, { memories: sstBoardLayout(2n * GiB, 0x100000000n, GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const retarget = await timeRuns(() => computeRetarget({ sstScript: ws.sst, checkpointDir: join(take, 'checkpoint'), roots: [ws.root], text }), 5, 1);
    report('retarget of the 64-node script (edits + rule check)', retarget);
  } finally {
    await ws.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
