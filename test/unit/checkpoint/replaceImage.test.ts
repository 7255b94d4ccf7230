import assert from 'node:assert/strict';
import { link, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../../../server/src/checkpoint/checkpointLock';
import { BACKUP_SUFFIX, JOURNAL_FILE, planReplaceRemoteImage, ReplaceRefused, replaceRemoteImage, undoReplaceRemoteImage } from '../../../server/src/checkpoint/replaceImage';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

describe('replace remote memory image (README known issue 2, made safe)', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'replace-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  const make = (name: string, remote: bigint, text: string) => writeCheckpoint(join(dir, name), {
    memories: sstBoardLayout(MiB, 0x100000000n, remote), writes: [{ addr: 0x100000000n, bytes: Buffer.from(text) }],
  });
  const STORE = 'board.physmem.store0.pmem';

  it('copies the atomic checkpoint remote store over the KVM one, keeps a backup, and undo restores it', async () => {
    const kvm = await make('kvm', MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const target = join(kvm.checkpointDir, STORE);
    const before = await readFile(target);
    const r = await replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir);
    assert.equal(r.store, 0);
    assert.deepEqual(await readFile(target), await readFile(join(atomic.checkpointDir, STORE)));
    assert.deepEqual(await readFile(target + BACKUP_SUFFIX), before);
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), /backup already exists/);
    assert.deepEqual(await readFile(target + BACKUP_SUFFIX), before, 'a second replace leaves the backup alone');
    await undoReplaceRemoteImage(kvm.checkpointDir);
    assert.deepEqual(await readFile(target), before);
    await assert.rejects(stat(target + BACKUP_SUFFIX));
    const left = await readdir(kvm.checkpointDir);
    assert.deepEqual(left.filter((n) => n.startsWith('.')), [], 'no lock, journal or temp file left behind');
  });

  it('plans without touching anything: names both files and their sizes', async () => {
    const kvm = await make('kvm', MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const plan = await planReplaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir);
    assert.equal(plan.targetFile, join(kvm.checkpointDir, STORE));
    assert.equal(plan.sourceFile, join(atomic.checkpointDir, STORE));
    assert.equal(plan.sourceBytes, (await stat(plan.sourceFile)).size);
    assert.equal(plan.rangeSize, String(MiB));
    await assert.rejects(stat(plan.backup));
  });

  it('refuses when the remote stores differ in size, and leaves the files untouched', async () => {
    const kvm = await make('kvm', 2n * MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const target = join(kvm.checkpointDir, STORE);
    const before = await readFile(target);
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), (e: unknown) => e instanceof ReplaceRefused && /differ in size/.test(e.message));
    assert.deepEqual(await readFile(target), before);
  });

  it('refuses when the remote store cannot be identified (no config.ini)', async () => {
    const kvm = await writeCheckpoint(join(dir, 'kvm'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), configIni: false });
    const atomic = await make('atomic', MiB, 'atomic');
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), /remote store is unknown/);
  });

  it('refuses a truncated source store with the reason, before copying anything', async () => {
    const kvm = await make('kvm', MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const src = join(atomic.checkpointDir, STORE);
    await truncate(src, (await stat(src)).size - 5);
    const before = await readFile(join(kvm.checkpointDir, STORE));
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), (e: unknown) => e instanceof ReplaceRefused && /not a valid store/.test(e.message));
    assert.deepEqual(await readFile(join(kvm.checkpointDir, STORE)), before);
    assert.deepEqual((await readdir(kvm.checkpointDir)).filter((n) => n.startsWith('.') || n.endsWith(BACKUP_SUFFIX)), []);
  });

  it('refuses a source whose trailer matches but whose deflate data is corrupt (full inflate of the copy)', async () => {
    const kvm = await make('kvm', MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const src = join(atomic.checkpointDir, STORE);
    const bytes = await readFile(src);
    for (let i = 12; i < bytes.length - 12; i++) bytes[i] ^= 0x55; // header and trailer intact, data garbage
    await writeFile(src, bytes);
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), (e: unknown) => e instanceof ReplaceRefused && /not a valid store/.test(e.message));
    assert.deepEqual((await readdir(kvm.checkpointDir)).filter((n) => n.startsWith('.') || n.endsWith(BACKUP_SUFFIX)), []);
  });

  it('refuses while another process holds the checkpoint lock, naming its pid', async () => {
    const kvm = await make('kvm', MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    await writeFile(join(kvm.checkpointDir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), nonce: 'x', operation: 'replace-remote', since: 'now' }));
    await assert.rejects(replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), new RegExp(`pid ${process.pid}`));
    await assert.rejects(stat(join(kvm.checkpointDir, STORE + BACKUP_SUFFIX)));
  });

  it('breaks a stale lock (dead pid), cleans up what a killed attempt left, and reports both', async () => {
    const kvm = await make('kvm', MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const target = join(kvm.checkpointDir, STORE);
    const before = await readFile(target);
    const host = (await import('node:os')).hostname();
    // A dead process: killed after linking the backup, with its copy half done.
    await writeFile(join(kvm.checkpointDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 17, host, nonce: 'dead', operation: 'replace-remote', since: 'then' }));
    await writeFile(join(kvm.checkpointDir, JOURNAL_FILE), JSON.stringify({ op: 'replace', pid: 2 ** 22 + 17, target, temp: join(kvm.checkpointDir, `.${STORE}.1-ab.partial`), since: 'then' }));
    await writeFile(join(kvm.checkpointDir, `.${STORE}.1-ab.partial`), 'half a copy');
    await link(target, target + BACKUP_SUFFIX);
    const r = await replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir);
    assert.ok(r.recovered.some((n) => /stale lock of pid/.test(n)), r.recovered.join('\n'));
    assert.ok(r.recovered.some((n) => /\.partial/.test(n)), r.recovered.join('\n'));
    assert.ok(r.recovered.some((n) => /was interrupted/.test(n)), r.recovered.join('\n'));
    assert.deepEqual(await readFile(target + BACKUP_SUFFIX), before, 'the backup is the original store');
    assert.deepEqual(await readFile(target), await readFile(join(atomic.checkpointDir, STORE)));
  });

  it('two replaces started together: one wins, the other is refused, the original stays recoverable', async () => {
    const kvm = await make('kvm', MiB, 'kvm');
    const atomic = await make('atomic', MiB, 'atomic');
    const target = join(kvm.checkpointDir, STORE);
    const before = await readFile(target);
    const results = await Promise.allSettled([replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir), replaceRemoteImage(kvm.checkpointDir, atomic.checkpointDir)]);
    assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1);
    const rejected = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    assert.ok(rejected.reason instanceof ReplaceRefused, String(rejected.reason));
    assert.deepEqual(await readFile(target + BACKUP_SUFFIX), before);
    await undoReplaceRemoteImage(kvm.checkpointDir);
    assert.deepEqual(await readFile(target), before);
  });
});
