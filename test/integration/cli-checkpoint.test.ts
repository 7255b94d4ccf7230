import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../support/cli';
import { MiB, sstBoardLayout, writeCheckpoint, type WrittenCheckpoint } from '../support/checkpointWriter';

describe('gem5-ckpt inspect / read / verify (CLI contract)', () => {
  let root: string;
  let w: WrittenCheckpoint;
  before(async () => {
    ensureBuilt();
    root = await mkdtemp(join(tmpdir(), 'cli ckpt-'));
    w = await writeCheckpoint(join(root, 'm5out', 'take 0'), {
      memories: sstBoardLayout(2n * MiB, 0x100000000n, MiB),
      cpu: { count: 4, type: 'ArmAtomicSimpleCPU' },
      disk: true,
      writes: [{ addr: 0x100000000n, bytes: Buffer.from('gem5 remote memory') }, { addr: 0x80000000n, bytes: Buffer.from([0xde, 0xad, 0xbe, 0xef]) }],
    });
  });
  after(async () => { await rm(root, { recursive: true, force: true }); });

  it('inspect --format json has the documented shape, 64-bit values as strings and addresses in hex', () => {
    const r = runCli(['inspect', w.checkpointDir, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    for (const key of ['path', 'curTick', 'versionTags', 'stores', 'cpus', 'caches', 'disks', 'problems']) assert.ok(key in j, key);
    assert.equal(typeof j.curTick, 'string');
    assert.deepEqual(Object.keys(j.stores[0]).filter((k) =>
      ['id', 'file', 'rangeSize', 'present', 'compressedBytes', 'role', 'start', 'end'].includes(k)).length, 8);
    assert.deepEqual(j.stores[0], { ...j.stores[0], id: 0, file: 'board.physmem.store0.pmem', rangeSize: String(MiB),
      present: true, role: 'remote', start: '0x100000000', end: '0x100100000' });
    assert.equal(j.cpus.length, 4);
    assert.deepEqual(j.problems, []);
  });

  it('inspect text reads like a summary and exits 0 on a healthy checkpoint', () => {
    const r = runCli(['inspect', w.checkpointDir]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /store0\s+1 MiB\s+remote\s+0x100000000–0x100100000/);
    assert.match(r.stdout, /no problems found/);
  });

  it('read --addr prints an xxd-style dump of the bytes at that physical address', () => {
    const r = runCli(['read', w.checkpointDir, '--addr', '0x100000000', '--length', '18']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^100000000 {2}67 65 6d 35 .*gem5 remote memo/);
  });

  it('read --store/--offset --format raw writes the exact bytes', () => {
    const r = runCli(['read', w.checkpointDir, '--store', '0', '--offset', '5', '--length', '6', '--format', 'raw']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdoutBytes, Buffer.from('remote'));
    const high = runCli(['read', w.checkpointDir, '--store', '1', '--offset', '0', '--length', '4', '--format', 'raw']);
    assert.deepEqual(high.stdoutBytes, Buffer.from([0xde, 0xad, 0xbe, 0xef]), 'bytes above 0x7f pass through unchanged');
  });

  it('read --index prints the bytes and exits only once the worker has cached the index; the next read gives the same bytes', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'cli-index-cache-'));
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cache;
    try {
      const args = ['read', w.checkpointDir, '--addr', '0x100000000', '--length', '18', '--format', 'raw', '--index'];
      const first = runCli(args);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout, 'gem5 remote memory');
      const files = await readdir(join(cache, 'gem5-sst-checkpoints', 'seek-index'));
      assert.deepEqual(files.filter((f) => !f.endsWith('.idx')), [], 'no temp file or lock left');
      assert.ok(files.some((f) => f.endsWith('.idx')), `cached: ${files.join(', ')}`);
      const second = runCli(args);
      assert.equal(second.status, 0, second.stderr);
      assert.equal(second.stdout, 'gem5 remote memory');
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('read past the end of a store exits 1 with a message on stderr', () => {
    const r = runCli(['read', w.checkpointDir, '--store', '0', '--offset', String(MiB - 1n), '--length', '2']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /past the end of the store/);
  });

  it('exits 2 with usage on stderr for bad usage', () => {
    for (const args of [['read', w.checkpointDir, '--length', '4'], ['inspect'], ['inspect', 'x', '--format', 'xml'], ['frobnicate'], []]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.ok(r.stderr.length > 0);
    }
  });

  it('verify exits 0 when all stores are intact and 1 with GS405 when one is truncated', async () => {
    const ok = runCli(['verify', w.checkpointDir, '--format', 'json']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(JSON.parse(ok.stdout).stores.every((s: { ok: boolean }) => s.ok));
    const broken = await writeCheckpoint(join(root, 'broken'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
    await truncate(join(broken.checkpointDir, 'board.physmem.store1.pmem'), 200);
    const bad = runCli(['verify', broken.checkpointDir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /store1 .*BROKEN/);
    assert.match(bad.stdout, /GS405/);
  });

  it('inspect exits 1 and lists the problem for a checkpoint directory without m5.cpt', () => {
    const r = runCli(['inspect', root, '--format', 'json']);
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).problems[0].code, 'GS401');
  });
});
