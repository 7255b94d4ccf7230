import assert from 'node:assert/strict';
import { SstScriptModel } from '../../../server/src/config/types';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { isInside } from '../../../server/src/workspace/runs';
import { suggestTasks } from '../../../server/src/workspace/suggestTasks';
import { SIM_TASK_TYPES, suggestionsOfType } from '../../../client/src/tasks/taskTypes';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

describe('task providers: one per type', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  before(async () => {
    ws = await copyExample();
  });
  after(() => ws.dispose());

  it('each provider returns only tasks of its own type, and together they cover every suggestion of the example', async () => {
    const engine = createWorkspaceEngine([ws.root]);
    const { runs, scripts } = await engine.snapshot();
    const sst = new Map([...scripts].filter((e): e is [string, SstScriptModel] => e[1].kind === 'sst' && isInside(ws.root, e[0])));
    const all = suggestTasks(ws.root, runs, sst);
    assert.ok(all.some((s) => s.definition.type === 'gem5') && all.some((s) => s.definition.type === 'sst'), 'the example yields both types');
    const gem5 = suggestionsOfType('gem5', all);
    const sstTasks = suggestionsOfType('sst', all);
    assert.ok(gem5.length && gem5.every((s) => s.definition.type === 'gem5'));
    assert.ok(sstTasks.length && sstTasks.every((s) => s.definition.type === 'sst'));
    assert.equal(gem5.length + sstTasks.length, all.length);
    assert.deepEqual([...SIM_TASK_TYPES], ['gem5', 'sst']);
  });

  it('drops a suggestion whose definition is malformed instead of returning it', () => {
    const bad = [{ label: 'x', detail: '', definition: { type: 'sst', script: 'a.py', ranks: 0 } }, { label: 'y', detail: '', definition: { type: 'sst', script: 'b.py' } }];
    assert.deepEqual(suggestionsOfType('sst', bad).map((s) => s.label), ['y']);
    assert.deepEqual(suggestionsOfType('gem5', bad), []);
  });
});
