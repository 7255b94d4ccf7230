import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { FolderSettings } from '../../../server/src/workspace/folderSettings';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

describe('workspace engine: settings per workspace folder', function () {
  this.timeout(60000);
  let a: ExampleCopy;
  let b: ExampleCopy;
  before(async () => {
    a = await copyExample();
    b = await copyExample();
    for (const ws of [a, b]) await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
  });
  after(async () => {
    await a.dispose();
    await b.dispose();
  });

  it('a folder with gem5sst.enable off reports nothing while the other folder reports its findings', async () => {
    const engine = createWorkspaceEngine([a.root, b.root]);
    engine.updateSettings(DEFAULT_SETTINGS, new Map([[b.root, { ...DEFAULT_SETTINGS, enable: false }]]));
    assert.deepEqual((await engine.findingsFor(a.sst)).map((f) => f.code).sort(), ['GS202', 'GS204']);
    assert.deepEqual(await engine.findingsFor(b.sst), []);
  });

  it('each folder’s severity applies to its own files only', async () => {
    const engine = createWorkspaceEngine([a.root, b.root]);
    engine.updateSettings(DEFAULT_SETTINGS, new Map([[a.root, { ...DEFAULT_SETTINGS, severity: { GS204: 'error' } }]]));
    const sevA = (await engine.findingsFor(a.sst)).find((f) => f.code === 'GS204')?.severity;
    const sevB = (await engine.findingsFor(b.sst)).find((f) => f.code === 'GS204')?.severity;
    assert.equal(sevA, 'error');
    assert.equal(sevB, 'warning');
  });

  it('a file takes the settings of the innermost folder holding it, and the defaults outside every folder', () => {
    const s = new FolderSettings(['/w', '/w/inner']);
    const inner = { ...DEFAULT_SETTINGS, enable: false };
    const outer = { ...DEFAULT_SETTINGS, sstWorkingDirectory: 'run' };
    s.set(DEFAULT_SETTINGS, new Map([['/w', outer], ['/w/inner', inner]]));
    assert.equal(s.of('/w/inner/x.py'), inner);
    assert.equal(s.of('/w/x.py'), outer);
    assert.equal(s.of('/elsewhere/x.py'), DEFAULT_SETTINGS);
    assert.equal(s.uniform(), false);
    s.set(DEFAULT_SETTINGS, new Map([['/w', { ...DEFAULT_SETTINGS }]]));
    assert.equal(s.uniform(), true, 'equal values count as one');
  });
});
