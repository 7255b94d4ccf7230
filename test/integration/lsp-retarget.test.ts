/** `gem5sst/retarget` over a real server: the edits are computed on the open (unsaved) buffer; bad requests are refused. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RetargetReply } from '../../server/src/protocol/retarget';
import { GiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';
import { applyEdits, startLsp, type LspSession } from '../support/lspClient';

describe('language server: gem5sst/retarget', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  let s: LspSession;
  before(async () => {
    ws = await copyExample();
    s = await startLsp(ws.root);
  });
  after(async () => {
    await s.dispose();
    await ws.dispose();
  });

  it('answers with whole-line edits of the open buffer that point it at the checkpoint, and nothing left over', async () => {
    const take = join(ws.root, 'm5out', 'take_5');
    await writeCheckpoint(take, { memories: sstBoardLayout(GiB, 0x100000000n, 3n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    // An unsaved edit in the editor: the retarget works on it, not on the file on disk.
    const buffer = readFileSync(ws.sst, 'utf8').replace('"--cpu-type=timing"', '"--cpu-type=atomic"');
    await s.open(ws.sst, buffer);
    const reply = await s.connection.sendRequest<RetargetReply>('gem5sst/retarget', { script: ws.sst, checkpoint: join(take, 'checkpoint') });
    assert.equal(reply.error, null);
    assert.deepEqual(reply.blockers, []);
    assert.deepEqual(reply.remaining, []);
    const after = applyEdits(buffer, reply.edits.map((e) => ({ range: e.span, newText: e.newText })));
    assert.match(after, /"--cpu-type=timing"/);
    assert.match(after, /sst_memory_size = "7GiB"/);
    assert.match(after, /"--ckpt-dir=\.\.\/m5out\/take_5\/checkpoint"/);
    assert.ok(reply.changes.length >= 4);
  });

  it('carries the tasks.json rank count as a second file of the reply when the open buffer has more gem5 nodes', async () => {
    const buffer = readFileSync(ws.sst, 'utf8').replace('nodes = 1', 'nodes = 2').replace('sst_memory_size = "5GiB"', 'sst_memory_size = "6GiB"');
    await s.open(ws.sst, buffer);
    const reply = await s.connection.sendRequest<RetargetReply>('gem5sst/retarget', { script: ws.sst, checkpoint: ws.checkpoint });
    assert.equal(reply.error, null);
    assert.deepEqual(reply.files.map((f) => f.file), [ws.tasks]);
    const tasks = readFileSync(ws.tasks, 'utf8');
    assert.equal(applyEdits(tasks, reply.files[0].edits.map((e) => ({ range: e.span, newText: e.newText }))), tasks.replace('"ranks": 1', '"ranks": 3'));
    assert.ok(reply.changes.some((c) => c.file === ws.tasks && /"ranks": 1 → 3/.test(c.what)));
  });

  it('refuses malformed params and reports a directory without m5.cpt as an error, not an exception', async () => {
    const bad = await s.connection.sendRequest<RetargetReply>('gem5sst/retarget', { script: 42 });
    assert.equal(bad.error, 'invalid request');
    const notCpt = await s.connection.sendRequest<RetargetReply>('gem5sst/retarget', { script: ws.sst, checkpoint: ws.root });
    assert.match(notCpt.error ?? '', /no m5\.cpt/);
    assert.deepEqual(notCpt.edits, []);
  });
});
