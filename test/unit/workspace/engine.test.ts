import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspaceEngine, type WorkspaceIndex } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';
import { gem5Script } from '../../support/generateScripts';

async function untilCurrent(engine: WorkspaceIndex): Promise<void> {
  for (let i = 0; i < 1000 && !engine.isCurrent(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(engine.isCurrent(), 'the settled workspace pass ran by itself');
}

describe('workspace engine: the open document first', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  before(async () => {
    ws = await copyExample();
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
  });
  after(() => ws.dispose());

  it('an open SST script gets the same findings from its focused pass as from the whole-workspace pass, which follows once edits settle', async () => {
    let changed = 0;
    const engine = createWorkspaceEngine([ws.root], undefined, { onDidChange: () => changed++ });
    engine.setOpenDocument(ws.sst, readFileSync(ws.sst, 'utf8'), 1);
    const focused = await engine.findingsFor(ws.sst);
    assert.equal(engine.isCurrent(), false, 'answered before any workspace pass');
    assert.deepEqual(focused.map((f) => f.code).sort(), ['GS202', 'GS204']);
    await untilCurrent(engine);
    // Nothing the client was given differs from the workspace pass (no other file has findings): no refresh.
    assert.equal(changed, 0);
    const full = await engine.findingsFor(ws.sst);
    assert.deepEqual(full.map((f) => [f.code, f.message, f.span]), focused.map((f) => [f.code, f.message, f.span]));
  });

  it('asks for a refresh once, after edits settle, when an edit changes the findings of another file', async () => {
    let changed = 0;
    const engine = createWorkspaceEngine([ws.root], undefined, { onDidChange: () => changed++ });
    await engine.findingsAll();
    await engine.findingsFor(ws.sst);
    const gem5Text = await readFile(ws.gem5, 'utf8');
    engine.setOpenDocument(ws.gem5, gem5Text, 1);
    assert.deepEqual(await engine.findingsFor(ws.gem5), []);
    // Typing in the gem5 script without changing what the SST script sees: no refresh.
    engine.setOpenDocument(ws.gem5, gem5Text + '\n# note', 2);
    await engine.findingsFor(ws.gem5);
    await untilCurrent(engine);
    assert.equal(changed, 0);
    // Renaming an option the SST cmd passes makes GS103 appear in the SST script: one refresh for many edits.
    for (let v = 3; v < 23; v++) engine.setOpenDocument(ws.gem5, gem5Text.replace('"--instance"', `"--node-${v}"`), v);
    assert.deepEqual(await engine.findingsFor(ws.gem5), []);
    await untilCurrent(engine);
    assert.equal(changed, 1);
    assert.ok((await engine.findingsFor(ws.sst)).some((f) => f.code === 'GS103'));
  });

  it('answers an open script while a whole-workspace pass over many files is still running', async () => {
    const many = join(ws.root, 'many');
    await mkdir(many, { recursive: true });
    for (let i = 0; i < 60; i++) await writeFile(join(many, `s${i}.py`), gem5Script(300, i));
    const engine = createWorkspaceEngine([ws.root], undefined, { onDidChange: () => undefined });
    const order: string[] = [];
    const all = engine.findingsAll().then(() => order.push('workspace'));
    await new Promise((r) => setImmediate(r));
    engine.setOpenDocument(ws.sst, readFileSync(ws.sst, 'utf8'), 1);
    const own = engine.findingsFor(ws.sst).then((f) => {
      order.push('open file');
      return f;
    });
    assert.deepEqual((await own).map((f) => f.code).sort(), ['GS202', 'GS204']);
    await all;
    assert.deepEqual(order, ['open file', 'workspace']);
  });

  it('a burst of ranged edits gives the findings of the final text', async () => {
    const engine = createWorkspaceEngine([ws.root]);
    const text = readFileSync(ws.sst, 'utf8');
    engine.setOpenDocument(ws.sst, text, 1);
    assert.deepEqual((await engine.findingsFor(ws.sst)).map((f) => f.code).sort(), ['GS202', 'GS204']);
    // Fix the planted defect one character at a time ("5GB" → "5GiB"), with 2,000 no-op insert/delete pairs around it.
    let current = text;
    let v = 1;
    const at = text.indexOf('"5GB"') + 3;
    for (let i = 0; i < 1000; i++) {
      current = current.slice(0, at) + 'x' + current.slice(at);
      engine.changeOpenDocument(ws.sst, [{ from: at, to: at, insert: 'x' }], current, ++v);
      current = current.slice(0, at) + current.slice(at + 1);
      engine.changeOpenDocument(ws.sst, [{ from: at, to: at + 1, insert: '' }], current, ++v);
    }
    current = current.slice(0, at) + 'i' + current.slice(at);
    engine.changeOpenDocument(ws.sst, [{ from: at, to: at, insert: 'i' }], current, ++v);
    assert.ok(current.includes('"5GiB"'));
    const fresh = createWorkspaceEngine([ws.root]);
    fresh.setOpenDocument(ws.sst, current, 1);
    const expected = await fresh.findingsFor(ws.sst);
    assert.deepEqual(await engine.findingsFor(ws.sst), expected);
    assert.ok(!expected.some((f) => f.code === 'GS204'), 'the GB/GiB mix-up is gone');
  });
});
