import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCheckpoint } from '../../../server/src/checkpoint';
import { MiB, sstBoardLayout, writeCheckpoint, type FixtureCheckpoint } from '../../support/checkpointWriter';

const small: FixtureCheckpoint = {
  memories: sstBoardLayout(4n * MiB, 0x100000000n, 2n * MiB),
  cpu: { count: 4, type: 'ArmAtomicSimpleCPU' },
  disk: true,
};

describe('inspectCheckpoint', () => {
  let root: string;
  beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'inspect with space-')); });
  afterEach(async () => { await rm(root, { recursive: true, force: true }); });

  it('summarises a healthy SST-board checkpoint: ticks, tags, stores with roles and addresses, CPUs, disk', async () => {
    const w = await writeCheckpoint(join(root, 'take 0'), small);
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.problems, []);
    assert.equal(s.curTick, '54273915864000');
    assert.equal(s.versionTags.length, 28);
    assert.equal(s.nbrOfStores, 2);
    assert.deepEqual(s.stores.map((x) => [x.id, x.role, x.start, x.end, x.rangeSize]), [
      [0, 'remote', '0x100000000', '0x100200000', String(2n * MiB)],
      [1, 'local', '0x80000000', '0x80400000', String(4n * MiB)],
    ]);
    assert.ok(s.stores.every((x) => x.present && Number(x.compressedBytes) > 0));
    assert.deepEqual(s.cpus.map((c) => [c.section, c.active, c.model]), [0, 1, 2, 3].map((i) =>
      [`board.processor.cores${i}.core`, true, 'ArmAtomicSimpleCPU']));
    assert.equal(s.cpus[0].threads[0].pcHex, '0xffff8000842201ec');
    assert.equal(s.threadContexts, 4);
    assert.equal(s.kvm, false);
    assert.equal(s.platform, 'VExpress_GEM5_V1');
    assert.deepEqual(s.disks.map((d) => [d.cowFilename, d.present, d.sectors]), [['board.pci_devices.vio.image.cow', true, '1']]);
  });

  it('reports switched-out CPUs as not active (no thread-context sections)', async () => {
    const w = await writeCheckpoint(join(root, 't'), { ...small, cpu: { count: 2, type: 'ArmTimingSimpleCPU', switchedOut: true, group: 'switch' } });
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.cpus.map((c) => [c.group, c.active]), [['switch', false], ['switch', false]]);
  });

  it('leaves roles and addresses null when config.ini is absent, rather than guessing', async () => {
    const w = await writeCheckpoint(join(root, 't'), { ...small, configIni: false });
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.stores.map((x) => [x.role, x.start]), [[null, null], [null, null]]);
    assert.equal(s.configIni, null);
  });

  it('GS401 for a missing directory and for a directory without m5.cpt', async () => {
    const missing = await inspectCheckpoint(join(root, 'nope'));
    assert.deepEqual(missing.problems.map((p) => p.code), ['GS401']);
    await mkdir(join(root, 'empty'));
    const empty = await inspectCheckpoint(join(root, 'empty'));
    assert.deepEqual(empty.problems.map((p) => p.code), ['GS401']);
    assert.match(empty.problems[0].message, /no m5\.cpt/);
  });

  it('GS404 for a missing .pmem and for a missing COW disk file, naming the m5.cpt line', async () => {
    const w = await writeCheckpoint(join(root, 't'), small);
    await unlink(join(w.checkpointDir, 'board.physmem.store1.pmem'));
    await unlink(join(w.checkpointDir, 'board.pci_devices.vio.image.cow'));
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.problems.map((p) => p.code), ['GS404', 'GS404']);
    assert.ok(s.problems.every((p) => p.file === 'm5.cpt' && typeof p.line === 'number'));
    assert.equal(s.stores[1].present, false);
  });

  it('refuses a filename= that points outside the checkpoint directory', async () => {
    const w = await writeCheckpoint(join(root, 't'), small);
    await writeFile(join(root, 'secret.pmem'), 'not yours');
    const cpt = join(w.checkpointDir, 'm5.cpt');
    await appendFile(cpt, '\n[board.physmem.store0]\nfilename=../../secret.pmem\n');
    const s = await inspectCheckpoint(w.checkpointDir);
    const p = s.problems.find((x) => /outside the checkpoint directory/.test(x.message));
    assert.ok(p, JSON.stringify(s.problems));
    assert.equal(p.code, 'GS404');
    assert.equal(s.stores[0].present, false);
  });

  it('GS405 for a store that is not gzip, naming what it is', async () => {
    const w = await writeCheckpoint(join(root, 't'), small);
    await writeFile(join(w.checkpointDir, 'board.physmem.store0.pmem'), Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]));
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.problems.map((p) => p.code), ['GS405']);
    assert.match(s.problems[0].message, /zstd/);
  });

  it('GS406 for a cache with bad_checkpoint=true', async () => {
    const w = await writeCheckpoint(join(root, 't'), { ...small, caches: [{ section: 'board.cache_hierarchy.l3cache', bad: true }] });
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.problems.map((p) => p.code), ['GS406']);
    assert.equal(s.caches[0].badCheckpoint, true);
  });

  it('GS409 with the line number for a line without = inside a section', async () => {
    const w = await writeCheckpoint(join(root, 't'), { ...small, extraCptLines: ['[root.extra]', 'oops no equals'] });
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.problems.map((p) => p.code), ['GS409']);
    assert.ok(s.problems[0].line! > 10);
  });

  it('gives a clear problem, not a crash, for a binary-garbage m5.cpt', async () => {
    const w = await writeCheckpoint(join(root, 't'), small);
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
    await writeFile(join(w.checkpointDir, 'm5.cpt'), garbage);
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.ok(s.problems.length > 0);
    assert.match(s.problems[0].message, /not a gem5 checkpoint/);
  });

  it('summarises an Era-A bridge section with many data= lines as a count', async () => {
    const w = await writeCheckpoint(join(root, 't'), { ...small, bridgeDataLines: 50000 });
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.bridges.map((b) => [b.section, b.dataLines, b.numMemoryBlocks]),
      [['board.remote_memory.remoteMemoryStore_0', 50000, '50000']]);
    assert.ok(s.repeatedKeys.some((r) => r.key === 'data' && r.count === 50000));
  });

  it('does not need to inflate: a truncated store still inspects, and the cheap checks (a few bytes) flag it GS405', async () => {
    const w = await writeCheckpoint(join(root, 't'), small);
    await truncate(join(w.checkpointDir, 'board.physmem.store0.pmem'), 100);
    const s = await inspectCheckpoint(w.checkpointDir);
    assert.deepEqual(s.problems.map((p) => [p.code, p.file]), [['GS405', 'board.physmem.store0.pmem']]);
    assert.match(s.problems[0].message, /truncated/);
  });
});
