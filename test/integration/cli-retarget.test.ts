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

  it('shows the tasks.json rank count in the same diff and --write applies both files; check then reports no GS501', async () => {
    // Two nodes, each with its own literal range, under "ranks": 1: the script's ranges are fine, the ranks are not.
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "6GiB"');
    const tasksBefore = await readFile(ws.tasks, 'utf8');
    const sstBefore = await readFile(ws.sst, 'utf8');
    assert.match(runCli(['check', ws.root], ws.root).stdout, /GS501/);
    const dry = runCli(['retarget', ws.sst, ws.checkpoint], ws.root);
    assert.match(dry.stdout, /^--- a\/\.vscode\/tasks\.json\n\+\+\+ b\/\.vscode\/tasks\.json\n@@ -\d+,\d+ \+\d+,\d+ @@\n/m);
    assert.match(dry.stdout, /^-\s+"ranks": 1\n\+\s+"ranks": 3$/m);
    assert.equal(await readFile(ws.tasks, 'utf8'), tasksBefore, 'the dry run writes nothing');
    const wet = runCli(['retarget', ws.sst, ws.checkpoint, '--write'], ws.root);
    assert.match(wet.stderr, /wrote .*tasks\.json/);
    assert.equal(await readFile(ws.tasks, 'utf8'), tasksBefore.replace('"ranks": 1', '"ranks": 3'));
    assert.doesNotMatch(runCli(['check', ws.root], ws.root).stdout, /GS501/);
    // Both nodes restore one checkpoint, but node 1's range is computed in the loop: named, not rewritten (exit 1).
    assert.equal(wet.status, 1, wet.stderr);
    assert.match(wet.stderr, new RegExp(`restore\\.py:${await ws.lineOf(ws.sst, '--remote-memory-addr-range=')}: cannot edit safely: node 1`));
    assert.equal(await readFile(ws.sst, 'utf8'), sstBefore);
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
