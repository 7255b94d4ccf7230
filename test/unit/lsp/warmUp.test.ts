import assert from 'node:assert/strict';
import { WARM_UP_SCRIPTS, warmUp } from '../../../server/src/lsp/warmUp';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';

describe('start-up warm-up', () => {
  it('links its SST script to its gem5 script and resolves both nodes with the gem5 model (so run resolution gets compiled)', async () => {
    const { root, gem5, sst } = WARM_UP_SCRIPTS;
    const engine = createWorkspaceEngine([root]);
    engine.setOpenDocument(`${root}/gem5.py`, gem5, 1);
    engine.setOpenDocument(`${root}/sst.py`, sst, 1);
    const findings = await engine.findingsFor(`${root}/sst.py`);
    assert.deepEqual(findings.filter((f) => f.code === 'GS101'), [], 'both scripts parse');
    const runs = (await engine.runsFor(`${root}/sst.py`)).filter((r) => r.kind === 'sst-node');
    assert.equal(runs.length, 2);
    for (const r of runs) {
      assert.equal(r.gem5Script, `${root}/gem5.py`);
      assert.ok(r.gem5Model, 'the node runs the modelled gem5 script');
    }
  });

  it('never throws and logs nothing when it works', async () => {
    const logged: string[] = [];
    await warmUp((m) => logged.push(m));
    assert.deepEqual(logged, []);
  });
});
