import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_SUFFIX, ReplaceRefused, replaceRemoteImage, undoReplaceRemoteImage } from '../../../server/src/checkpoint/replaceImage';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

describe('replace remote memory image (README known issue 2, made safe)', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'replace-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  const make = (name: string, remote: bigint, text: string) => writeCheckpoint(join(dir, name), {
    memories: sstBoardLayout(MiB, 0x100000000n, remote), writes: [{ addr: 0x100000000n, bytes: Buffer.from(text) }],
  });

  it('copies the atomic checkpoint remote store over the KVM one, keeps a backup, and undo restores it', async () => {
    const kvm = await make('kvm', MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const target = join(kvm.checkpointDir, 'board.physmem.store0.pmem');
    const before = await readFile(target);
    const r = await replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir);
    assert.equal(r.store, 0);
    assert.deepEqual(await readFile(target), await readFile(join(atomic.checkpointDir, 'board.physmem.store0.pmem')));
    assert.deepEqual(await readFile(target + BACKUP_SUFFIX), before);
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), /backup already exists/);
    await undoReplaceRemoteImage(kvm.checkpointDir);
    assert.deepEqual(await readFile(target), before);
    await assert.rejects(stat(target + BACKUP_SUFFIX));
  });

  it('refuses when the remote stores differ in size, and leaves the files untouched', async () => {
    const kvm = await make('kvm', 2n * MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const target = join(kvm.checkpointDir, 'board.physmem.store0.pmem');
    const before = await readFile(target);
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), (e: unknown) => e instanceof ReplaceRefused && /differ in size/.test(e.message));
    assert.deepEqual(await readFile(target), before);
  });

  it('refuses when the remote store cannot be identified (no config.ini)', async () => {
    const kvm = await writeCheckpoint(join(dir, 'kvm'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), configIni: false });
    const atomic = await make('atomic', MiB, 'atomic');
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), /remote store is unknown/);
  });
});
