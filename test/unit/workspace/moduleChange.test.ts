import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

/** Rewrites a file with a later modification time (two writes in one millisecond would look unchanged). */
async function rewrite(path: string, text: string, at: number): Promise<void> {
  await writeFile(path, text);
  await utimes(path, at, at);
}

describe('workspace engine: a script is modelled again when a module it imports changes on disk', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  let module: string;
  const t0 = Math.floor(Date.now() / 1000);
  before(async () => {
    ws = await copyExample();
    // The SST memory size now comes from a sibling module: "5GB" there is GS204 (and GS202) in the script.
    module = join(ws.root, 'sst', 'sizes.py');
    await rewrite(module, 'MEMORY = "5GB"\n', t0);
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'from sizes import MEMORY\nsst_memory_size = MEMORY');
  });
  after(() => ws.dispose());

  const codes = async (engine: ReturnType<typeof createWorkspaceEngine>) => (await engine.findingsFor(ws.sst)).map((f) => f.code).sort();

  it('a script read from disk: its findings follow the module', async () => {
    const engine = createWorkspaceEngine([ws.root]);
    assert.deepEqual(await codes(engine), ['GS202', 'GS204'], 'the value was read through the import');
    await rewrite(module, 'MEMORY = "5GiB"\n', t0 + 10);
    engine.fileChanged(module);
    assert.deepEqual(await codes(engine), []);
    await rewrite(module, 'MEMORY = "5GB"\n', t0 + 20);
    engine.fileChanged(module);
    assert.deepEqual(await codes(engine), ['GS202', 'GS204']);
  });

  it('an open script: its findings follow the module too, and when the module is open and saved', async () => {
    const engine = createWorkspaceEngine([ws.root]);
    engine.setOpenDocument(ws.sst, readFileSync(ws.sst, 'utf8'), 1);
    assert.deepEqual(await codes(engine), ['GS202', 'GS204']);
    await rewrite(module, 'MEMORY = "5GiB"\n', t0 + 30);
    engine.fileChanged(module);
    assert.deepEqual(await codes(engine), []);
    // The module open in the editor and saved: the buffer is the module's text, the script reads the saved file.
    engine.setOpenDocument(module, 'MEMORY = "5GB"\n', 1);
    await rewrite(module, 'MEMORY = "5GB"\n', t0 + 40);
    engine.savedModule(module);
    assert.deepEqual(await codes(engine), ['GS202', 'GS204']);
  });

  it('a module in another folder (not on the script’s import path) leaves the script’s model alone', async () => {
    const engine = createWorkspaceEngine([ws.root]);
    await codes(engine);
    const before = engine.modelFor(ws.sst);
    const elsewhere = join(ws.root, 'configs', 'sizes.py');
    await rewrite(elsewhere, 'MEMORY = "1GiB"\n', t0 + 50);
    engine.fileChanged(elsewhere);
    await codes(engine);
    assert.equal(engine.modelFor(ws.sst), before, 'the same model object: not rebuilt');
  });
});
