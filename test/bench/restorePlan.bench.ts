/**
 * Restore plan (issue 16) on a 64-node copy of the example: time from a one-character edit of the SST script to the
 * plan's update — the `gem5sst/restorePlan` handler's reply serialised as JSON (what crosses the wire), then the
 * webview's pure layout function (dagre) on it — with the diagnostics alone (what every edit already costs) as the
 * peer measured in the same run; and Point Restore at Checkpoint (retarget) of the same script.
 */
import { join } from 'node:path';
import type * as EngineModule from '../../server/src/workspace/engine';
import type * as PlanLspModule from '../../server/src/restorePlan/lsp';
import type * as LayoutModule from '../../webview/src/views/restorePlanLayout';
import type { RestorePlanReply } from '../../server/src/protocol/restorePlan';
import type * as RetargetModule from '../../server/src/retarget';
import { GiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';
import { copyExample } from '../support/exampleWorkspace';
import { readFile } from 'node:fs/promises';
import { loadBundled } from './bundle';
import { report, timeRuns } from './stats';

async function main() {
  const { createWorkspaceEngine } = loadBundled<typeof EngineModule>('server/src/workspace/engine.ts');
  const { answerRestorePlan } = loadBundled<typeof PlanLspModule>('server/src/restorePlan/lsp.ts');
  const { layoutPlan } = loadBundled<typeof LayoutModule>('webview/src/views/restorePlanLayout.ts');
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
    const request: number[] = [];
    const layout: number[] = [];
    const update: number[] = [];
    let nodes = 0;
    let bytes = 0;
    let reply: RestorePlanReply | null = null;
    for (let i = 0; i < 23; i++) {
      const d = await timeRuns(async () => {
        engine.setOpenDocument(ws.sst, edit(), ++n);
        await engine.findingsFor(ws.sst);
      }, 1, 0);
      const r = await timeRuns(async () => {
        engine.setOpenDocument(ws.sst, edit(), ++n);
        const json = JSON.stringify(await answerRestorePlan(engine, { script: ws.sst }));
        bytes = json.length;
        reply = JSON.parse(json) as RestorePlanReply;
        nodes = reply.plan?.map.nodes.length ?? 0;
      }, 1, 0);
      const l = await timeRuns(() => layoutPlan(reply!), 1, 0);
      if (i >= 3) {
        diagnostics.push(...d);
        request.push(...r);
        layout.push(...l);
        update.push(r[0] + l[0]);
      }
    }
    report('diagnostics after an edit, 64-node SST script (peer)', diagnostics);
    report(`restorePlan request → reply JSON after an edit (${nodes} nodes, ${(bytes / 1024).toFixed(0)} KiB)`, request, { baseline: { name: 'diagnostics', ms: diagnostics } });
    report('webview layout of that reply (dagre, 64 nodes collapsed ×64)', layout);
    report('edit → plan updated (request + JSON + layout)', update, { baseline: { name: 'diagnostics', ms: diagnostics } });
    const last = reply!;
    const groups = layoutPlan(last).groups;
    const expanded = await timeRuns(() => layoutPlan(last, Object.fromEntries(groups.map((g) => [g.id, false]))), 5, 1);
    report('webview layout, every group expanded (66 boxes, 65 links)', expanded);
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
