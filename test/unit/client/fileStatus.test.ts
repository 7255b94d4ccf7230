import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { statusDocument, summarize, workingDirectorySummary } from '../../../client/src/status/describe';
import { fileStatus } from '../../../server/src/lsp/status';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

describe('status: what was understood of the active file', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  const rel = (p: string) => relative(ws.root, p) || '.';
  before(async () => {
    ws = await copyExample();
  });
  after(() => ws.dispose());

  async function statusOf(path: string, text?: string) {
    const engine = createWorkspaceEngine([ws.root]);
    if (text !== undefined) engine.setOpenDocument(path, text, 1);
    return fileStatus(path, engine.modelFor(path), await engine.runsFor(path), text ?? readFileSync(path, 'utf8'));
  }

  it('names the SST script\'s gem5 node, its gem5 script, restore mode and checkpoint, and where SST runs with the rule', async () => {
    const s = await statusOf(ws.sst);
    assert.equal(s.kind, 'sst');
    const sum = summarize(s, rel);
    assert.equal(sum.text, 'SST script: gem5_node_0');
    assert.match(sum.detail, /^gem5_node_0 → configs\/arm-sst-checkpoint\.py · restore · m5out\/take_0\/checkpoint \(tick \d+\)$/);
    assert.equal(sum.warn, false);
    assert.deepEqual(workingDirectorySummary(s, rel), { text: 'SST runs in sst', detail: 'chosen by the cwd of the sst task that runs this script' });
    assert.match(statusDocument(s, rel), /## gem5 nodes: 1 resolved, 0 not followed/);
  });

  it('says which node it could not follow and why when the gem5 script in cmd does not exist', async () => {
    const text = readFileSync(ws.sst, 'utf8').replace('"../configs/arm-sst-checkpoint.py"', '"../configs/missing.py"');
    const s = await statusOf(ws.sst, text);
    const sum = summarize(s, rel);
    assert.equal(sum.text, 'SST script: 0 of 1 gem5 node resolved, 1 not followed');
    assert.match(sum.detail, /gem5_node_0 not followed: \.\.\/configs\/missing\.py does not exist relative to .*sst/);
    assert.equal(sum.warn, true);
  });

  it('reports a gem5 script with the SST script that runs it, and a plain Python file as neither', async () => {
    const g = summarize(await statusOf(ws.gem5), rel);
    assert.deepEqual(g, { text: 'gem5 script', detail: 'run by sst/restore.py, .vscode/tasks.json', warn: false });
    const other = await statusOf(`${ws.root}/helper.py`, 'print("hello")\n');
    assert.deepEqual(summarize(other, rel), { text: 'not a gem5 or SST script', detail: 'nothing to check in this file', warn: false });
  });

  it('a gem5 node created inside a list append is either resolved or reported as not followed, never silently missing', async () => {
    const original = readFileSync(ws.sst, 'utf8');
    const text = original
      .replace('gem5_node = sst.Component(f"gem5_node_{node}", "gem5.gem5Component")', 'gem5_nodes.append(\n        sst.Component(f"gem5_node_{node}", "gem5.gem5Component")\n    )\n    gem5_node = gem5_nodes[node]')
      .replace('for node in range(nodes):', 'gem5_nodes = []\nfor node in range(nodes):');
    assert.notEqual(text, original);
    const s = await statusOf(ws.sst, text);
    assert.equal(s.resolved.length + s.unfollowed.length, 1, JSON.stringify(s));
    if (s.unfollowed.length) assert.match(summarize(s, rel).detail, /not followed/);
  });
});
