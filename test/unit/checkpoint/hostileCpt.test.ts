import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCheckpoint } from '../../../server/src/checkpoint';
import { openCheckpoint } from '../../../server/src/checkpoint/openCheckpoint';
import { MAX_KEYS_PER_SECTION, MAX_SECTIONS, parseIniFile } from '../../../server/src/checkpoint/iniReader';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

async function writeLines(path: string, lines: (i: number) => string, count: number, head = ''): Promise<void> {
  const out = createWriteStream(path);
  out.write(head);
  const batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(lines(i));
    if (batch.length === 10000) {
      if (!out.write(batch.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      batch.length = 0;
    }
  }
  out.write(batch.join('\n') + '\n');
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

describe('hostile m5.cpt: bounded memory, duplicate sections', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'hostile-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('keeps memory bounded with millions of distinct keys in one section: the first keys and the ones read are kept, the rest counted', async () => {
    const file = join(dir, 'm5.cpt');
    const n = 400_000;
    await writeLines(file, (i) => (i === n - 1 ? 'curTick=42' : `k${i}=${i}`), n, '[root.globals]\n');
    const heapBefore = process.memoryUsage().heapUsed;
    const doc = await parseIniFile(file);
    const grown = (process.memoryUsage().heapUsed - heapBefore) / MiB_NUM;
    const globals = doc.sections.get('root.globals')!;
    assert.equal(globals.entries.size, MAX_KEYS_PER_SECTION + 1, 'the cap plus curTick, which the product reads');
    assert.equal(globals.entries.get('curTick')?.value, '42');
    assert.equal(doc.droppedKeys, n - 1 - MAX_KEYS_PER_SECTION);
    assert.ok(grown < 48, `heap grew ${grown.toFixed(0)} MiB`);
  });

  it('keeps at most MAX_SECTIONS sections (store sections always) and reports the oddity', async () => {
    const file = join(dir, 'm5.cpt');
    const n = MAX_SECTIONS + 20_000;
    await writeLines(file, (i) => `[s${i}]\nx=1`, n);
    const doc = await parseIniFile(file);
    assert.equal(doc.sections.size, MAX_SECTIONS);
    assert.equal(doc.droppedSections, 20_000);
  });

  it('reports a repeated [board.physmem.store0] that points at store1\'s file, merges it as gem5 does, and never calls that image remote', async () => {
    const w = await writeCheckpoint(join(dir, 'dup'), {
      memories: sstBoardLayout(MiB, 0x100000000n, MiB),
      writes: [{ addr: 0x80000000n, bytes: Buffer.from('local bytes') }],
      extraCptLines: ['[board.physmem.store0]', 'filename=board.physmem.store1.pmem'],
    });
    const s = await inspectCheckpoint(w.checkpointDir);
    const store0 = s.stores.find((x) => x.id === 0)!;
    assert.equal(store0.file, 'board.physmem.store1.pmem', 'the later filename= wins, as in IniFile');
    assert.equal(store0.role, null, 'not shown as remote');
    const p = s.problems.find((x) => x.code === 'GS211');
    assert.ok(p, JSON.stringify(s.problems));
    assert.match(p.message, /store0 and store1 all read board\.physmem\.store1\.pmem .*appears twice/);
    assert.ok(s.oddities?.some((o) => /\[board\.physmem\.store0\] appears again/.test(o)), String(s.oddities));
    const cpt = await openCheckpoint(w.checkpointDir);
    assert.equal(cpt.resolveTarget({ store: 0, offset: 0n }).store.role, null);
  });
});

const MiB_NUM = 1024 * 1024;
