/** Limits and hostile files: each gives a clear message or is skipped, never a crash, a hang or unbounded memory. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, open, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCheckpoint, verifyCheckpoint } from '../../../server/src/checkpoint';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

describe('limits and hostile files', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'limits-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('an m5.cpt line longer than 16 MiB is reported as not a gem5 text file', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
    const f = await open(join(w.checkpointDir, 'm5.cpt'), 'a');
    await f.write('[x]\nk=');
    await f.write(Buffer.alloc(17 * 1024 * 1024, 0x61));
    await f.close();
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.match(s.problems.map((p) => p.message).join('\n'), /longer than 16777216 bytes/);
  });

  it('an absolute filename= is refused like a ../ one', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), extraCptLines: ['[board.physmem.store1]', 'filename=/etc/passwd'] });
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.ok(s.problems.some((p) => p.code === 'GS404' && /outside the checkpoint directory/.test(p.message)));
    assert.equal(s.stores[1].present, false);
  });

  it('a store that is a directory (unreadable as a file) is a GS404 problem', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
    await rm(join(w.checkpointDir, 'board.physmem.store0.pmem'));
    await mkdir(join(w.checkpointDir, 'board.physmem.store0.pmem'));
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.ok(s.problems.some((p) => p.code === 'GS404' && /cannot be read/.test(p.message)));
  });

  it('a symlinked store pointing outside the checkpoint is not read', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
    await writeFile(join(dir, 'outside.pmem'), 'secret');
    await rm(join(w.checkpointDir, 'board.physmem.store0.pmem'));
    await symlink(join(dir, 'outside.pmem'), join(w.checkpointDir, 'board.physmem.store0.pmem'));
    const results = await verifyCheckpoint(w.checkpointDir);
    assert.equal(results[0].ok, false);
    assert.match(results[0].problems[0].message, /not a file inside the checkpoint directory/);
  });

  it('a store truncated while it is being verified gives a problem, not a crash or a hang', async () => {
    const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(MiB, 0x100000000n, 64n * MiB), writes: [{ addr: 0x100000000n, bytes: Buffer.alloc(8 * 1024 * 1024, 7) }] });
    const pmem = join(w.checkpointDir, 'board.physmem.store0.pmem');
    const verifying = verifyCheckpoint(w.checkpointDir);
    await truncate(pmem, 1000); // lands while verify is still reading m5.cpt, before it inflates the store
    const results = await verifying;
    const store0 = results.find((r) => r.id === 0)!;
    assert.equal(store0.ok, false);
    assert.equal(store0.problems[0].code, 'GS405');
    assert.equal(results.find((r) => r.id === 1)!.ok, true);
  });

  it('workspace discovery does not follow symlink loops', async () => {
    await mkdir(join(dir, 'a'));
    await symlink(dir, join(dir, 'a', 'loop'));
    await writeFile(join(dir, 'a', 'x.py'), 'import m5\nif True:\n  x = (\n');
    const engine = createWorkspaceEngine([dir]);
    const all = await engine.findingsAll();
    // The script is found once (through the real directory, not through the loop) and its syntax error reported once.
    assert.deepEqual([...all.keys()], [join(dir, 'a', 'x.py')]);
    assert.equal(all.get(join(dir, 'a', 'x.py'))!.filter((f) => f.code === 'GS101').length, 1);
  });

  it('an open buffer larger than the typing-path limit is not parsed', async () => {
    const engine = createWorkspaceEngine([dir]);
    const big = 'import m5\n' + 'x = 1\n'.repeat(1_000_000);
    engine.setOpenDocument(join(dir, 'big.py'), big, 1);
    assert.equal(engine.modelFor(join(dir, 'big.py')), undefined);
    assert.deepEqual(await engine.findingsFor(join(dir, 'big.py')), []);
  });
});
