/**
 * Stress: pairs of `gem5-ckpt replace-remote` processes race on one checkpoint while some are killed with SIGKILL at
 * random moments (and so are some undos). After every round the original store's bytes must still be on disk (the
 * target or its backup, by md5), and a final undo must bring them back.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_SUFFIX } from '../../server/src/checkpoint/replaceImage';
import { CLI, ensureBuilt, runCli } from '../support/cli';
import { MiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';

const md5 = async (p: string) => createHash('md5').update(await readFile(p)).digest('hex');
const md5OrNull = (p: string) => md5(p).catch(() => null);

/** Runs the CLI; kills it with SIGKILL after `killAfterMs` when given. Resolves with the exit code or 'killed'. */
function run(args: string[], killAfterMs: number | null): Promise<number | 'killed'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else {
        if (code === 2) console.error(stderr);
        resolve(code ?? 2);
      }
    });
  });
}

/** Deterministic pseudo-random numbers, so a failing round can be replayed. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('replace-remote under concurrent runs and kill -9 (stress)', function () {
  this.timeout(180000);
  let dir: string;
  before(async () => {
    ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'replace-stress-'));
  });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('never loses the original store: after every round its md5 is the target or the backup, and undo restores it', async () => {
    const random = (i: number) => Buffer.from(Array.from({ length: 4 * 1024 * 1024 }, (_, k) => (Math.imul(k + i, 2654435761) >>> 24) & 0xff));
    const kvm = await writeCheckpoint(join(dir, 'kvm'), { memories: sstBoardLayout(MiB, 0x100000000n, 8n * MiB), writes: [{ addr: 0x100000000n, bytes: random(1) }] });
    const atomic = await writeCheckpoint(join(dir, 'atomic'), { memories: sstBoardLayout(MiB, 0x100000000n, 8n * MiB), writes: [{ addr: 0x100000000n, bytes: random(2) }] });
    const target = join(kvm.checkpointDir, 'board.physmem.store0.pmem');
    const backup = target + BACKUP_SUFFIX;
    const original = await md5(target);
    const replacement = await md5(join(atomic.checkpointDir, 'board.physmem.store0.pmem'));
    // Kill moments spread over how long one replace takes on this machine now (a fixed window misses a fast run).
    const started = Date.now();
    assert.equal(await run(['replace-remote', kvm.checkpointDir, '--from', atomic.checkpointDir], null), 0);
    const span = Math.max(20, Date.now() - started);
    assert.equal(await run(['replace-remote', kvm.checkpointDir, '--undo'], null), 0);
    assert.equal(await md5(target), original, 'the timing run is undone');
    const next = rng(15);
    const outcomes: Record<string, number> = {};
    const rounds = 16;
    for (let round = 0; round < rounds; round++) {
      const killAt = () => (next() < 0.6 ? Math.floor(next() * span) : null);
      const runs = next() < 0.25
        ? [run(['replace-remote', kvm.checkpointDir, '--undo'], killAt()), run(['replace-remote', kvm.checkpointDir, '--from', atomic.checkpointDir], killAt())]
        : [run(['replace-remote', kvm.checkpointDir, '--from', atomic.checkpointDir], killAt()), run(['replace-remote', kvm.checkpointDir, '--from', atomic.checkpointDir], killAt())];
      for (const r of await Promise.all(runs)) {
        assert.notEqual(r, 2, `round ${round}: an internal error`);
        outcomes[String(r)] = (outcomes[String(r)] ?? 0) + 1;
      }
      const [t, b] = await Promise.all([md5OrNull(target), md5OrNull(backup)]);
      assert.ok(t === original || t === replacement, `round ${round}: the target is neither store (${t})`);
      assert.ok(b === null || b === original, `round ${round}: the backup is not the original (${b})`);
      assert.ok(t === original || b === original, `round ${round}: the original store is gone`);
    }
    // Undo until the original is back (an undo finds no backup when the last replace never completed).
    const undo = runCli(['replace-remote', kvm.checkpointDir, '--undo']);
    assert.ok(undo.status === 0 || /no backup to restore/.test(undo.stderr), undo.stderr);
    assert.equal(await md5(target), original, 'undo restores the original bytes');
    assert.equal(await md5OrNull(backup), null);
    const leftovers = (await readdir(kvm.checkpointDir)).filter((n) => n.startsWith('.'));
    assert.deepEqual(leftovers, [], 'a completed run leaves no temp file, journal or lock');
    assert.ok((outcomes.killed ?? 0) >= 5 && (outcomes['0'] ?? 0) >= 3, `killed and completed runs both happened: ${JSON.stringify(outcomes)}`);
  });
});
