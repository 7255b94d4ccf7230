import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, LockBusy, acquireCheckpointLock } from '../../../server/src/checkpoint/checkpointLock';

describe('checkpoint lock (checkpointLock.ts)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ckpt-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('appears already holding its owner, leaves no side file, and a second taker is refused naming the pid', async () => {
    const held = await acquireCheckpointLock(dir, 'replace-remote');
    assert.equal(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
    assert.deepEqual(await readdir(dir), [LOCK_FILE]);
    await assert.rejects(acquireCheckpointLock(dir, 'replace-remote'), (e: unknown) => e instanceof LockBusy && /pid \d+/.test(e.message));
    await held.release();
    assert.deepEqual(await readdir(dir), []);
  });

  it('sweeps the side file of a locker killed before it linked the lock (a dead pid of this host), keeps another host\'s', async () => {
    // Write one the way createLock names them, for pid 2^22+1 (above Linux's default pid_max: never alive).
    const held = await acquireCheckpointLock(dir, 'x');
    await held.release();
    const ours = createHash('sha1').update(hostname()).digest('hex').slice(0, 8);
    await writeFile(join(dir, `${LOCK_FILE}.new-${ours}-4194305-abcd`), '{}');
    await writeFile(join(dir, `${LOCK_FILE}.new-ffffffff-4194305-abcd`), '{}');
    const again = await acquireCheckpointLock(dir, 'x');
    assert.deepEqual((await readdir(dir)).sort(), [LOCK_FILE, `${LOCK_FILE}.new-ffffffff-4194305-abcd`]);
    await again.release();
  });
});
