import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, truncate, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../support/cli';
import { MiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';

describe('gem5-ckpt replace-remote', function () {
  this.timeout(30000);
  let dir: string;
  before(() => ensureBuilt());
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'cli-replace-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });
  const make = (name: string, text: string, remote = MiB) => writeCheckpoint(join(dir, name), {
    memories: sstBoardLayout(MiB, 0x100000000n, remote), writes: [{ addr: 0x100000000n, bytes: Buffer.from(text) }],
  });
  const STORE = 'board.physmem.store0.pmem';

  it('replaces with --from (exit 0), refuses a second replace (exit 1), and --undo restores the original (exit 0)', async () => {
    const kvm = await make('kvm', 'kvm');
    const atomic = await make('atomic', 'atomic');
    const before = await readFile(join(kvm.checkpointDir, STORE));
    const r = runCli(['replace-remote', kvm.checkpointDir, '--from', atomic.checkpointDir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /replaced store0 .*the original is kept as .*\.before-replace/);
    assert.deepEqual(await readFile(join(kvm.checkpointDir, STORE)), await readFile(join(atomic.checkpointDir, STORE)));
    const again = runCli(['replace-remote', kvm.checkpointDir, '--from', atomic.checkpointDir]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /refused: a backup already exists/);
    const undo = runCli(['replace-remote', kvm.checkpointDir, '--undo', '--format', 'json']);
    assert.equal(undo.status, 0, undo.stderr);
    assert.equal(JSON.parse(undo.stdout).undone, true);
    assert.deepEqual(await readFile(join(kvm.checkpointDir, STORE)), before);
    const none = runCli(['replace-remote', kvm.checkpointDir, '--undo']);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no backup to restore/);
  });

  it('exits 1 with the reason for a truncated source, and leaves the target as it was', async () => {
    const kvm = await make('kvm', 'kvm');
    const atomic = await make('atomic', 'atomic');
    const src = join(atomic.checkpointDir, STORE);
    await truncate(src, (await stat(src)).size - 9);
    const before = await readFile(join(kvm.checkpointDir, STORE));
    const r = runCli(['replace-remote', kvm.checkpointDir, '--from', atomic.checkpointDir]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /refused: the source .* is not a valid store/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.deepEqual(await readFile(join(kvm.checkpointDir, STORE)), before);
  });

  it('exits 2 with usage when neither or both of --from and --undo are given', async () => {
    const kvm = await make('kvm', 'kvm');
    for (const args of [[kvm.checkpointDir], [kvm.checkpointDir, '--undo', '--from', kvm.checkpointDir], []]) {
      const r = runCli(['replace-remote', ...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /usage: gem5-ckpt replace-remote/);
    }
  });
});

describe('gem5-ckpt output into a closed pipe', function () {
  this.timeout(30000);
  before(() => ensureBuilt());

  it('verify DIR | head -1: a reader that goes away ends the command quietly, without an EPIPE stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('../support/cli');
    const dir = await mkdtemp(join(tmpdir(), 'cli-epipe-'));
    try {
      const w = await writeCheckpoint(join(dir, 'run'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
      const child = spawn(process.execPath, [CLI, 'verify', w.checkpointDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first line
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      assert.equal(stderr, '', 'nothing on stderr');
      assert.equal(code, 141, 'the status a C tool gets from SIGPIPE');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
