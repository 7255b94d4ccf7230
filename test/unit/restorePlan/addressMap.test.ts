/** The Restore plan's address map: ranges of the example, and each mismatch the rules report drawn where it is. */
import assert from 'node:assert/strict';
import { addressMap } from '../../../server/src/restorePlan/addressMap';
import type { SstScriptModel } from '../../../server/src/config/types';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

const GiB = 1n << 30n;

async function mapOf(ws: ExampleCopy) {
  const engine = createWorkspaceEngine([ws.root]);
  const findings = await engine.findingsFor(ws.sst);
  const model = engine.modelFor(ws.sst) as SstScriptModel;
  return addressMap(model, await engine.runsFor(ws.sst), findings);
}

describe('restore plan: address map', function () {
  this.timeout(30000);
  let ws: ExampleCopy;
  beforeEach(async () => { ws = await copyExample(); });
  afterEach(async () => ws.dispose());

  it('gives node 0 its local memory, remote window and checkpoint stores, the SST region, and no mismatch on the clean example', async () => {
    const m = await mapOf(ws);
    assert.equal(m.nodes.length, 1);
    const n = m.nodes[0];
    assert.deepEqual(n.local, { start: String(0x80000000n), end: String(0x80000000n + GiB) });
    assert.deepEqual(n.remote, { start: String(4n * GiB), end: String(5n * GiB) });
    assert.deepEqual(n.stores.map((s) => [s.id, s.role, s.size, s.start]), [[0, 'remote', String(GiB), String(4n * GiB)], [1, 'local', String(GiB), String(0x80000000n)]]);
    assert.equal(n.line, await ws.lineOf(ws.sst, '"cmd": " ".join(cmd)'));
    assert.deepEqual(m.regions.map((r) => [r.component, r.start, r.end, r.memSize]), [['memory', '0', String(5n * GiB), '5GiB']]);
    assert.deepEqual(m.mismatches, []);
  });

  it('draws GS202 on the SST memory and GS207 on node 0, each with its diagnostic span', async () => {
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "4GiB"');
    let m = await mapOf(ws);
    assert.deepEqual(m.mismatches.map((x) => [x.code, x.on.kind, x.span.start.line + 1]), [['GS202', 'memory', await ws.lineOf(ws.sst, '"mem_size": sst_memory_size')]]);
    assert.equal(m.regions[0].end, String(4n * GiB));
    await ws.edit(ws.sst, 'sst_memory_size = "4GiB"', 'sst_memory_size = "5GiB"');
    await ws.edit(ws.sst, 'remote_end = remote_start + 1073741824', 'remote_end = remote_start + 536870912');
    m = await mapOf(ws);
    const gs207 = m.mismatches.find((x) => x.code === 'GS207');
    assert.ok(gs207, JSON.stringify(m.mismatches));
    assert.deepEqual(gs207.on, { kind: 'node', node: 0 });
    assert.equal(m.nodes[0].remote!.end, String(4n * GiB + GiB / 2n));
  });
});
