/**
 * Known issue 2 of the checkpoints README, made safe: a checkpoint taken with KVM cores has a remote store that may
 * not hold what the guest wrote; the workaround copies the remote store of an atomic-mode checkpoint taken at the same
 * point over it. Both stores must be the remote store (by role from config.ini) with the same range_size and start,
 * and the source must be a valid store (gzip intact, inflating to range_size) before anything moves.
 *
 * Nothing is ever lost, whatever is killed when:
 * - one operation at a time per checkpoint (an O_EXCL lock file, stale when its pid is dead);
 * - the source is copied to a unique temp name next to the target and fsynced, then verified;
 * - the backup is a hard link to the original (link fails if it exists, so it is never overwritten), made before the
 *   target is touched; then one rename puts the copy in place. At every instant the target is the old or the new
 *   store, and once the new one is in place the backup holds the old one;
 * - a journal names the attempt's temp file; the next run, under the lock, removes leftovers (temp files, a backup
 *   that is still the same file as the target) and reports what it cleaned up.
 * Undo is one rename of the backup over the target.
 */
import { randomBytes } from 'node:crypto';
import { link, readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { acquireCheckpointLock, LockBusy } from './checkpointLock';
import { copyExclusive, fsyncDir, unlinkIfExists, writeFileAtomic } from './durableFs';
import { inspectCheckpoint } from './inspect';
import { checkStore } from './pmemStream';
import { resolveRealInside } from './safePath';
import { quickCheckStore } from './storeQuickCheck';
import type { StoreSummary } from '../protocol/checkpoint';

export const BACKUP_SUFFIX = '.before-replace';
export const JOURNAL_FILE = '.gem5-ckpt-replace.journal';
/** Leftovers of killed attempts: copies in progress, half-written journals, stale locks set aside. */
const LEFTOVER = /^(\..+\.partial|\.gem5-ckpt-replace\.journal\.\d+\.tmp|\.gem5-ckpt\.lock\.stale-.+)$/;

export class ReplaceRefused extends Error {}

export interface ReplacePlan {
  targetDir: string;
  sourceDir: string;
  store: number;
  targetFile: string;
  sourceFile: string;
  targetBytes: number;
  sourceBytes: number;
  rangeSize: string;
  backup: string;
}

export interface ReplaceResult extends ReplacePlan {
  /** What an earlier, interrupted attempt left and this run cleaned up. */
  recovered: string[];
}

export interface ReplaceOptions {
  onProgress?(phase: 'copy' | 'verify', done: number, total: number): void;
  signal?: AbortSignal;
}

interface Journal {
  op: 'replace' | 'undo';
  pid: number;
  target: string;
  temp?: string;
  since: string;
}

function remoteStore(stores: StoreSummary[], which: string): StoreSummary {
  const remote = stores.filter((s) => s.role === 'remote');
  if (remote.length !== 1) {
    throw new ReplaceRefused(`${which}: the remote store is unknown (needs the take run's config.ini next to the checkpoint, with exactly one remote memory)`);
  }
  return remote[0];
}

/**
 * Everything a replacement checks before touching a file, cheaply (no inflate): both remote stores, same size and
 * start, the source passes the cheap store checks, no backup exists yet. The caller shows this for confirmation.
 */
export async function planReplaceRemoteImage(targetDir: string, sourceDir: string): Promise<ReplacePlan> {
  const [target, source] = await Promise.all([inspectCheckpoint(targetDir), inspectCheckpoint(sourceDir)]);
  const tStore = remoteStore(target.stores, 'checkpoint to fix');
  const sStore = remoteStore(source.stores, 'atomic checkpoint');
  if (tStore.rangeSize !== sStore.rangeSize) {
    throw new ReplaceRefused(`remote stores differ in size: store${tStore.id} range_size ${tStore.rangeSize} vs store${sStore.id} range_size ${sStore.rangeSize}`);
  }
  if (!/^\d+$/.test(tStore.rangeSize)) throw new ReplaceRefused(`range_size "${tStore.rangeSize}" is not a byte count`);
  if (tStore.start !== sStore.start) {
    throw new ReplaceRefused(`remote stores start at different addresses (${tStore.start} vs ${sStore.start}): not the same memory layout`);
  }
  const targetFile = await resolveRealInside(target.path, tStore.file);
  const sourceFile = await resolveRealInside(source.path, sStore.file);
  if (!targetFile || !sourceFile) throw new ReplaceRefused('a store file is outside its checkpoint directory');
  if (!sStore.present) throw new ReplaceRefused(`the source store ${sourceFile} is missing`);
  if (!tStore.present) throw new ReplaceRefused(`the store to replace (${targetFile}) is missing: there is nothing to back up; copy the file yourself`);
  const [tStat, sStat] = await Promise.all([stat(targetFile), stat(sourceFile)]);
  if (tStat.ino === sStat.ino && tStat.dev === sStat.dev) throw new ReplaceRefused('source and target are the same file');
  const problem = await quickCheckStore(sourceFile, BigInt(sStore.rangeSize));
  if (problem) throw new ReplaceRefused(`the source ${sourceFile} is not a valid store: ${problem}`);
  const backup = targetFile + BACKUP_SUFFIX;
  if (await sameFileOrMissing(backup, targetFile) === 'other') {
    throw new ReplaceRefused(`a backup already exists (${backup}): undo the previous replacement first`);
  }
  return {
    targetDir: target.path, sourceDir: source.path, store: tStore.id, targetFile, sourceFile,
    targetBytes: tStat.size, sourceBytes: sStat.size, rangeSize: tStore.rangeSize, backup,
  };
}

export async function replaceRemoteImage(targetDir: string, sourceDir: string, opts: ReplaceOptions = {}): Promise<ReplaceResult> {
  const plan = await planReplaceRemoteImage(targetDir, sourceDir);
  return withLock(plan.targetDir, 'replace-remote', async (recovered) => {
    // Checked again under the lock: another process may have replaced it since the plan was made.
    const again = await planReplaceRemoteImage(targetDir, sourceDir);
    const dir = dirname(again.targetFile);
    const temp = join(dir, `.${basename(again.targetFile)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
    await writeJournal(again.targetDir, { op: 'replace', pid: process.pid, target: again.targetFile, temp, since: new Date().toISOString() });
    await copyExclusive(again.sourceFile, temp, (n) => opts.onProgress?.('copy', n, again.sourceBytes), opts.signal);
    await fsyncDir(dir);
    // Verify what will be installed (the copy), like `verify` would: gzip intact, exactly range_size long.
    const size = BigInt(again.rangeSize);
    const check = await checkStore(temp, size, (done) => opts.onProgress?.('verify', Number(done), Number(size)), opts.signal)
      .catch(async (e) => { await unlinkIfExists(temp); throw e; });
    if (check.problem) {
      await unlinkIfExists(temp);
      await clearJournal(again.targetDir);
      throw new ReplaceRefused(`the source ${again.sourceFile} is not a valid store: ${check.problem}`);
    }
    // The backup first, as a second name for the original (never overwrites: link fails when it exists).
    await link(again.targetFile, again.backup).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EEXIST') throw new ReplaceRefused(`a backup already exists (${again.backup}): undo the previous replacement first`);
      throw new ReplaceRefused(`cannot make the backup ${again.backup} as a hard link (${e.code ?? e.message}); nothing was changed`);
    });
    await fsyncDir(dir);
    await rename(temp, again.targetFile);
    await fsyncDir(dir);
    await clearJournal(again.targetDir);
    return { ...again, targetBytes: (await stat(again.targetFile)).size, recovered };
  });
}

/** Puts the backed-up store back (one rename) and returns the restored file. */
export async function undoReplaceRemoteImage(targetDir: string): Promise<{ target: string; recovered: string[] }> {
  const target = await inspectCheckpoint(targetDir);
  const tStore = remoteStore(target.stores, 'checkpoint');
  const targetFile = await resolveRealInside(target.path, tStore.file);
  if (!targetFile) throw new ReplaceRefused('the store file is outside the checkpoint directory');
  return withLock(target.path, 'undo of replace-remote', async (recovered) => {
    const backup = targetFile + BACKUP_SUFFIX;
    if (await sameFileOrMissing(backup, targetFile) !== 'other') throw new ReplaceRefused(`no backup to restore (${backup})`);
    await writeJournal(target.path, { op: 'undo', pid: process.pid, target: targetFile, since: new Date().toISOString() });
    await rename(backup, targetFile);
    await fsyncDir(dirname(targetFile));
    await clearJournal(target.path);
    return { target: targetFile, recovered };
  });
}

async function withLock<T>(dir: string, operation: string, body: (recovered: string[]) => Promise<T>): Promise<T> {
  let lock;
  try {
    lock = await acquireCheckpointLock(dir, operation);
  } catch (e) {
    if (e instanceof LockBusy) throw new ReplaceRefused(e.message);
    throw e;
  }
  try {
    const recovered = lock.brokeStale.map((o) => `removed the stale lock of pid ${o.pid} (${o.operation}, killed or crashed)`);
    recovered.push(...await recoverInterrupted(dir));
    return await body(recovered);
  } finally {
    await lock.release();
  }
}

/**
 * Cleans up after an attempt killed at any point; only called under the lock, so nothing found is in use. Every
 * step is safe whatever the journal says: a temp file is never the only copy of anything, and a backup is removed
 * only when it is the very same file as the target.
 */
export async function recoverInterrupted(checkpointDir: string): Promise<string[]> {
  const notes: string[] = [];
  const journal = await readJournal(checkpointDir);
  const dirs = new Set([checkpointDir]);
  if (journal?.target) dirs.add(dirname(journal.target));
  for (const d of dirs) {
    for (const name of await readdir(d).catch(() => [] as string[])) {
      if (!LEFTOVER.test(name)) continue;
      if (await unlinkIfExists(join(d, name))) notes.push(`removed ${join(d, name)}, left by an interrupted attempt`);
    }
    for (const name of await readdir(d).catch(() => [] as string[])) {
      if (!name.endsWith(BACKUP_SUFFIX)) continue;
      const backup = join(d, name);
      const original = backup.slice(0, -BACKUP_SUFFIX.length);
      // The backup link was made but the new store never renamed in place: the target is still the original.
      if (await sameFileOrMissing(backup, original) === 'same') {
        await unlinkIfExists(backup);
        notes.push(`removed ${backup}: the interrupted replace had not changed ${original}`);
      }
    }
    await fsyncDir(d);
  }
  if (journal) {
    notes.push(`an earlier ${journal.op} (pid ${journal.pid}, ${journal.since}) was interrupted; ${journal.target} is intact`);
    await clearJournal(checkpointDir);
  }
  return notes;
}

async function sameFileOrMissing(a: string, b: string): Promise<'missing' | 'same' | 'other'> {
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev ? 'same' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    try {
      await stat(a);
      return 'other'; // the backup exists and the target does not
    } catch {
      return 'missing';
    }
  }
}

async function writeJournal(dir: string, j: Journal): Promise<void> {
  await writeFileAtomic(join(dir, JOURNAL_FILE), JSON.stringify(j));
}

async function readJournal(dir: string): Promise<Journal | null> {
  try {
    return JSON.parse(await readFile(join(dir, JOURNAL_FILE), 'utf8')) as Journal;
  } catch {
    return null;
  }
}

async function clearJournal(dir: string): Promise<void> {
  if (await unlinkIfExists(join(dir, JOURNAL_FILE))) await fsyncDir(dir);
}
