/**
 * An exclusive lock per checkpoint directory for operations that rewrite its files: a lock file that appears
 * holding the owner's pid and host (createLock). A lock whose owner is dead (same host, no such pid) is stale and broken;
 * breaking goes through a rename to a unique name and a re-check, so two processes breaking the same stale lock
 * cannot both end up owning it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fsyncDir } from './durableFs';

export const LOCK_FILE = '.gem5-ckpt.lock';

interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
  operation: string;
  since: string;
}

export class LockBusy extends Error {
  constructor(message: string, readonly owner: LockOwner | null) {
    super(message);
  }
}

export interface HeldLock {
  path: string;
  /** Stale locks broken while acquiring (their owners were dead). */
  brokeStale: LockOwner[];
  release(): Promise<void>;
}

/** An owner whose text is empty or unparseable is a lock file caught between create and write. */
function parseOwner(text: string): LockOwner | null {
  try {
    const v = JSON.parse(text) as LockOwner;
    return typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.nonce === 'string' ? v : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Writing the owner takes microseconds; an unreadable lock older than this is from a process killed in between. */
const UNWRITTEN_LOCK_GRACE_MS = 5000;

async function isStale(path: string, owner: LockOwner | null): Promise<boolean> {
  if (owner) return owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid);
  try {
    return Date.now() - (await stat(path)).mtimeMs > UNWRITTEN_LOCK_GRACE_MS;
  } catch {
    return false;
  }
}

async function readOwner(path: string): Promise<{ text: string; owner: LockOwner | null } | null> {
  try {
    const text = await readFile(path, 'utf8');
    return { text, owner: parseOwner(text) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Removes the lock at `path` only if it still holds `expected`; puts back a live lock taken away by mistake. */
async function breakStale(path: string, expected: string): Promise<boolean> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  const text = await readFile(aside, 'utf8').catch(() => '');
  if (text === expected) {
    await unlink(aside).catch(() => undefined);
    return true;
  }
  // Someone else broke the stale lock and took a new one in between: give theirs back (link fails if a third took it).
  await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return false;
}

/** Takes the checkpoint directory's lock or throws LockBusy naming the live owner. */
export function acquireCheckpointLock(dir: string, operation: string): Promise<HeldLock> {
  return acquireLockFile(join(dir, LOCK_FILE), operation);
}

/** Takes the lock file at `path` (its directory must exist) or throws LockBusy naming the live owner. */
export async function acquireLockFile(path: string, operation: string): Promise<HeldLock> {
  const dir = dirname(path);
  const me: LockOwner = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex'), operation, since: new Date().toISOString() };
  const brokeStale: LockOwner[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    if (attempt === 0) await sweepSideFiles(path);
    if (await createLock(path, me)) {
      await fsyncDir(dir);
      return { path, brokeStale, release: () => releaseLock(path, me.nonce) };
    }
    const current = await readOwner(path);
    if (!current) continue; // released in between
    if (await isStale(path, current.owner)) {
      if (await breakStale(path, current.text) && current.owner) brokeStale.push(current.owner);
      continue;
    }
    const o = current.owner;
    throw new LockBusy(o
      ? `another ${o.operation} is running on this checkpoint (pid ${o.pid} on ${o.host} since ${o.since}); if that process is gone, remove ${path}`
      : `this checkpoint is locked by ${path}; if no gem5-ckpt is running, remove it`, o);
  }
  throw new LockBusy(`could not take ${path}: it keeps changing hands`, null);
}

/** This host in side-file names: a side file of another host sharing the directory is never judged by pid here. */
const HOST_TAG = createHash('sha1').update(hostname()).digest('hex').slice(0, 8);

/**
 * Creates the lock with its owner already in it: written to a side file, then hard-linked into place (which fails
 * if a lock exists). A process killed while locking leaves no empty lock that others must wait out, only a side
 * file the next locker sweeps. Without hard links (some network file systems) the lock is created with O_EXCL and
 * then written. False when a lock exists.
 */
async function createLock(path: string, me: LockOwner): Promise<boolean> {
  const side = `${path}.new-${HOST_TAG}-${me.pid}-${me.nonce}`;
  const text = JSON.stringify(me);
  try {
    await writeDurably(side, 'w', text);
    try {
      await link(side, path);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    }
  } finally {
    await unlink(side).catch(() => undefined);
  }
  try {
    await writeDurably(path, 'wx', text);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

async function writeDurably(path: string, flags: 'w' | 'wx', text: string): Promise<void> {
  const fh = await open(path, flags);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Removes side files of lockers that died before linking: this host's with a dead pid, or any older than the grace. */
async function sweepSideFiles(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.new-`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const [host, pid] = name.slice(prefix.length).split('-');
    const file = join(dir, name);
    const old = await stat(file).then((st) => Date.now() - st.mtimeMs > UNWRITTEN_LOCK_GRACE_MS, () => false);
    if (old || (host === HOST_TAG && Number(pid) !== process.pid && !alive(Number(pid)))) await unlink(file).catch(() => undefined);
  }
}

async function releaseLock(path: string, nonce: string): Promise<void> {
  const current = await readOwner(path);
  if (current?.owner?.nonce !== nonce) return; // not ours any more (broken as stale by someone): leave it
  await unlink(path).catch(() => undefined);
}
