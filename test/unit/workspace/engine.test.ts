import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

describe('workspace engine: the open document first', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  before(async () => {
    ws = await copyExample();
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
  });
  after(() => ws.dispose());

  it('an open SST script gets the same findings from its focused pass as from the whole-workspace pass, which follows in the background', async () => {
    let changed = 0;
    const engine = createWorkspaceEngine([ws.root], undefined, { onDidChange: () => changed++ });
    engine.setOpenDocument(ws.sst, readFileSync(ws.sst, 'utf8'), 1);
    const focused = await engine.findingsFor(ws.sst);
    assert.deepEqual(focused.map((f) => f.code).sort(), ['GS202', 'GS204']);
    for (let i = 0; i < 200 && changed === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(changed, 1, 'the background pass reported completion');
    const full = await engine.findingsFor(ws.sst);
    assert.deepEqual(full.map((f) => [f.code, f.message, f.span]), focused.map((f) => [f.code, f.message, f.span]));
  });
});
