import assert from 'node:assert/strict';
import { formatPass, shouldLogPass, SLOW_FOCUSED_PASS_MS } from '../../../server/src/lsp/passLog';
import { createWorkspaceEngine, type CheckPass } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

describe('log line per check pass', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  before(async () => {
    ws = await copyExample();
  });
  after(() => ws.dispose());

  it('names every file the workspace pass analysed, relative to the root, with the time it took', async () => {
    const passes: CheckPass[] = [];
    const engine = createWorkspaceEngine([ws.root], undefined, { onPass: (p) => passes.push(p) });
    await engine.findingsAll();
    assert.equal(passes.length, 1);
    const line = formatPass(passes[0], [ws.root]);
    assert.match(line, /^check pass \(workspace\): 2 scripts, 1 tasks file, 1 checkpoint in \d+ ms: /);
    for (const f of ['sst/restore.py', 'configs/arm-sst-checkpoint.py', '.vscode/tasks.json', 'm5out/take_0/checkpoint']) assert.ok(line.includes(f), `${f} in ${line}`);
    await engine.findingsAll();
    assert.equal(passes.length, 1, 'a cached result is not a new pass');
  });

  it('logs every workspace pass, and a focused pass (one per keystroke) only when it was slow', () => {
    const pass = (focus: string | null, ms: number): CheckPass => ({ focus, scripts: [], checkpoints: [], taskFiles: [], ms });
    assert.equal(shouldLogPass(pass(null, 1)), true);
    assert.equal(shouldLogPass(pass(ws.sst, 1)), false);
    assert.equal(shouldLogPass(pass(ws.sst, SLOW_FOCUSED_PASS_MS)), true);
  });
});
