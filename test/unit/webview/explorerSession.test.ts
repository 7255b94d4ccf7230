import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExplorerSession, type SessionEnvironment } from '../../../client/src/explorer/explorerSession';
import type { HostToView } from '../../../server/src/protocol/webview';
import { MiB, sstBoardLayout, writeCheckpoint, type WrittenCheckpoint } from '../../support/checkpointWriter';

describe('explorer host message handling (fake webview)', () => {
  let dir: string;
  let w: WrittenCheckpoint;
  let sent: HostToView[];
  let logs: string[];
  let session: ExplorerSession;
  let env: SessionEnvironment & { opened: [string, number][]; actions: string[] };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'explorer-'));
    w = await writeCheckpoint(join(dir, 'take'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), writes: [{ addr: 0x100000000n, bytes: Buffer.from('remote!') }, { addr: 0x100080000n, bytes: Buffer.from('page') }] });
    await writeFile(join(dir, 'secret.txt'), 'not yours');
    sent = [];
    logs = [];
    env = { opened: [], actions: [], openLine(f, l) { this.opened.push([f, l]); }, pickOther: async () => undefined, runAction(a) { this.actions.push(a); }, log: (m) => logs.push(m) };
    session = new ExplorerSession(w.checkpointDir, { postMessage: (m) => { sent.push(m); return true; } }, env);
  });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('answers ready with the summary and the sections', async () => {
    await session.handle({ v: 1, type: 'ready' });
    const m = sent[0] as Extract<HostToView, { type: 'summary' }>;
    assert.equal(m.type, 'summary');
    assert.equal(m.summary.stores.length, 2);
    assert.ok(m.sections.some((s) => s.name === 'root.globals'));
  });

  it('reads bytes by physical address and by store offset', async () => {
    await session.handle({ v: 1, type: 'read', requestId: 7, target: { addr: '0x100000000' }, length: 7 });
    assert.deepEqual(sent[0], { v: 1, type: 'bytes', requestId: 7, store: 0, offset: '0x0', addr: '0x100000000', hex: Buffer.from('remote!').toString('hex') });
    await session.handle({ v: 1, type: 'nextNonZero', requestId: 8, target: { store: 0, offset: '0x1000' } });
    assert.deepEqual(sent[1], { v: 1, type: 'nextNonZero', requestId: 8, store: 0, offset: '0x80000' });
  });

  it('answers an address outside every store with an error for that request, not a crash', async () => {
    await session.handle({ v: 1, type: 'read', requestId: 9, target: { addr: '0x10' }, length: 16 });
    assert.equal(sent[0].type, 'error');
    assert.equal((sent[0] as { requestId?: number }).requestId, 9);
  });

  it('drops invalid messages (e.g. a file path) without reading anything', async () => {
    await session.handle({ v: 1, type: 'read', requestId: 1, target: { file: '../secret.txt' }, length: 9 });
    await session.handle({ v: 1, type: 'readFile', path: join(dir, 'secret.txt') });
    assert.deepEqual(sent, []);
    assert.equal(logs.length, 2);
  });

  it('verifies with progress and a result, counts occupancy (cached), opens lines and forwards actions', async () => {
    await session.handle({ v: 1, type: 'verify' });
    const result = sent.find((m) => m.type === 'verifyResult') as Extract<HostToView, { type: 'verifyResult' }>;
    assert.deepEqual(result.results.map((r) => r.ok), [true, true]);
    await session.handle({ v: 1, type: 'occupancy', store: 0 });
    assert.deepEqual(sent.at(-1), { v: 1, type: 'occupancy', store: 0, nonZeroPages: '2', totalPages: '256' });
    await session.handle({ v: 1, type: 'openLine', line: 5 });
    assert.deepEqual(env.opened, [[`${w.checkpointDir}/m5.cpt`, 5]]);
    await session.handle({ v: 1, type: 'action', action: 'restoreInSst' });
    assert.deepEqual(env.actions, ['restoreInSst']);
  });
});
