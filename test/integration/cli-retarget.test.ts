/** `gem5-ckpt retarget`: a unified diff on stdout without touching the file; --write applies it and check is clean. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';
import { ensureBuilt, runCli } from '../support/cli';

describe('gem5-ckpt retarget', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  before(() => ensureBuilt());
  beforeEach(async () => { ws = await copyExample(); });
  afterEach(async () => ws.dispose());

  it('prints a unified diff and leaves the script alone; --write applies it atomically and check then exits 0', async () => {
    const take = join(ws.root, 'm5out', 'take_3');
    await writeCheckpoint(take, { memories: sstBoardLayout(GiB, 0x100000000n, 2n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const original = await readFile(ws.sst, 'utf8');
    const dry = runCli(['retarget', ws.sst, join(take, 'checkpoint')], ws.root);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^--- a\/sst\/restore\.py\n\+\+\+ b\/sst\/restore\.py\n@@ /);
    assert.match(dry.stdout, /^-sst_memory_size = "5GiB"\n\+sst_memory_size = "6GiB"$/m);
    assert.match(dry.stdout, /^\+ {8}"--ckpt-dir=\.\.\/m5out\/take_3\/checkpoint",$/m);
    assert.equal(await readFile(ws.sst, 'utf8'), original);
    const wet = runCli(['retarget', ws.sst, join(take, 'checkpoint'), '--write'], ws.root);
    assert.equal(wet.status, 0, wet.stderr);
    assert.match(wet.stderr, /wrote .*restore\.py \(3 changes\)/);
    assert.notEqual(await readFile(ws.sst, 'utf8'), original);
    const check = runCli(['check', ws.root], ws.root);
    assert.equal(check.status, 0, check.stdout);
    const again = runCli(['retarget', ws.sst, join(take, 'checkpoint')], ws.root);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /nothing to change/);
  });

  it('exits 1 and names the line when a value has no literal to change; exits 2 for a directory without m5.cpt', async () => {
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = str(5) + "GiB"');
    const take = join(ws.root, 'm5out', 'take_4');
    await writeCheckpoint(take, { memories: sstBoardLayout(GiB, 0x100000000n, 3n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const r = runCli(['retarget', ws.sst, join(take, 'checkpoint'), '--format', 'json'], ws.root);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { blockers: { line: number; message: string }[]; remaining: { code: string }[] };
    assert.deepEqual(out.blockers.map((b) => b.line), [await ws.lineOf(ws.sst, '"mem_size": sst_memory_size')]);
    assert.deepEqual(out.remaining.map((f) => f.code), ['GS202']);
    const bad = runCli(['retarget', ws.sst, ws.root], ws.root);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /not a checkpoint directory/);
  });
});
