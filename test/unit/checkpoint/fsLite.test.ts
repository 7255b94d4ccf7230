import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, realpath, stat, useSyncFileCalls } from '../../../server/src/checkpoint/fsLite';
import { inspectCheckpoint } from '../../../server/src/checkpoint/inspect';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

/** What a sequence of fsLite calls gives (values, or the error code and message), to compare the two modes. */
async function observe(dir: string): Promise<unknown[]> {
  const out: unknown[] = [];
  const attempt = async (what: () => Promise<unknown>) => {
    try {
      out.push(await what());
    } catch (e) {
      out.push({ code: (e as NodeJS.ErrnoException).code, message: (e as Error).message });
    }
  };
  await attempt(async () => (await stat(join(dir, 'data.bin'))).size);
  await attempt(() => stat(join(dir, 'missing')));
  await attempt(() => realpath(join(dir, 'link', 'data.bin')));
  await attempt(() => realpath(join(dir, 'missing')));
  await attempt(() => open(join(dir, 'missing'), 'r'));
  await attempt(async () => {
    const fh = await open(join(dir, 'data.bin'), 'r');
    try {
      const buf = Buffer.alloc(8);
      const at = await fh.read(buf, 0, 8, 100);
      const next = await fh.read(buf, 4, 4, null); // position null: from the file position (0, never moved by pread)
      const past = await fh.read(Buffer.alloc(8), 0, 8, 5000);
      return { at: at.bytesRead, next: next.bytesRead, past: past.bytesRead, bytes: buf.toString('hex'), size: (await fh.stat()).size };
    } finally {
      await fh.close();
    }
  });
  return out;
}

describe('fsLite: synchronous calls for one-shot commands settle as the thread-pool calls do', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fslite-'));
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'data.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => i & 0xff)));
    await writeFile(join(dir, 'real', 'data.bin'), 'x');
    await symlink(join(dir, 'real'), join(dir, 'link'));
  });
  afterEach(async () => {
    useSyncFileCalls(false);
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the same values and the same errors (code and message) in both modes', async () => {
    const viaPool = await observe(dir);
    useSyncFileCalls();
    const viaSync = await observe(dir);
    assert.deepEqual(viaSync, viaPool);
    assert.equal((viaPool[1] as { code: string }).code, 'ENOENT');
    assert.equal(viaPool[2], join(dir, 'real', 'data.bin'));
  });

  it('still answers with promises, so a caller that did not await yet sees no difference', async () => {
    useSyncFileCalls();
    const pending = stat(join(dir, 'missing'));
    assert.ok(pending instanceof Promise);
    await assert.rejects(pending, { code: 'ENOENT' });
  });

  it('summarises a checkpoint identically in both modes', async () => {
    const w = await writeCheckpoint(join(dir, 'm5out'), { memories: sstBoardLayout(MiB, 0x100000000n, 2n * MiB), cpu: { count: 2, type: 'ArmAtomicSimpleCPU' } });
    const viaPool = await inspectCheckpoint(w.checkpointDir);
    useSyncFileCalls();
    assert.deepEqual(await inspectCheckpoint(w.checkpointDir), viaPool);
  });
});
