import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint } from '../../../server/src/checkpoint';
import type { HostToView } from '../../../server/src/protocol/webview';
import { MiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';
import { installDom } from './dom';

describe('explorer rendering (happy-dom)', () => {
  let dom: ReturnType<typeof installDom>;
  let summaryMessage: HostToView;
  let tmp: string;

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'render-'));
    const w = await writeCheckpoint(join(tmp, 'take'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB), cpu: { count: 2, type: 'ArmAtomicSimpleCPU' } });
    const cpt = await openCheckpoint(w.checkpointDir);
    summaryMessage = { v: 1, type: 'summary', summary: cpt.summary, sections: cpt.sections() };
  });
  beforeEach(() => { dom = installDom(); });
  afterEach(() => dom.dispose());
  after(() => rm(tmp, { recursive: true, force: true }));

  async function start() {
    const { render } = await import('../../../webview/src/render');
    const { initialState, reduce } = await import('../../../webview/src/state');
    const root = document.createElement('main');
    document.body.append(root);
    const noop = () => undefined;
    const act = { tab: noop, verify: noop, cancel: noop, occupancy: noop, openLine: noop, filter: noop, hexInput: noop, read: noop, page: noop, nextNonZero: noop, compare: noop, action: noop };
    return { root, render: (s: ReturnType<typeof initialState>) => render(root, s, act), initialState, reduce };
  }

  it('renders the summary, the memory map with roles and addresses, stores and CPUs', async () => {
    const { root, render, initialState, reduce } = await start();
    render(reduce(initialState(), summaryMessage));
    const text = root.textContent ?? '';
    assert.match(text, /curTick54273915864000 \(54\.273916 s simulated\)/);
    assert.match(text, /store0 · remote/);
    assert.match(text, /store1 · local/);
    assert.match(text, /0x100000000/);
    assert.match(text, /board\.processor\.cores0\.core/);
    assert.equal(root.querySelectorAll('.memmap .region').length, 2);
  });

  it('shows the version tags against the gem5 tree in the workspace', async () => {
    const { root, render, initialState, reduce } = await start();
    const s = summaryMessage as Extract<HostToView, { type: 'summary' }>;
    render(reduce(initialState(), { ...s, tagsDiff: { tree: '/src/gem5', missing: ['x86-add-xcr0'], unknown: [] } }));
    assert.match(root.textContent ?? '', /Version tags28 — against the gem5 tree at \/src\/gem5: missing x86-add-xcr0/);
  });

  it('marks stores with unknown roles instead of guessing', async () => {
    const { root, render, initialState, reduce } = await start();
    const s = summaryMessage as Extract<HostToView, { type: 'summary' }>;
    const unknown = { ...s, summary: { ...s.summary, stores: s.summary.stores.map((st) => ({ ...st, role: null, start: null, end: null })) } };
    render(reduce(initialState(), unknown));
    assert.match(root.textContent ?? '', /Address unknown \(no take-run config\.ini\): store0 \(1 MiB\), store1 \(1 MiB\) — not guessed/);
  });

  it('shows the hex dump of the bytes the host sent, and ignores a stale reply', async () => {
    const { root, render, initialState, reduce } = await start();
    let s = reduce(initialState(), summaryMessage);
    s = reduce(s, { type: 'hexRequested', requestId: 2 });
    s = reduce(s, { v: 1, type: 'bytes', requestId: 1, store: 0, offset: '0x0', addr: '0x100000000', hex: 'ff' });
    assert.equal(s.hex.hex, '', 'stale reply ignored');
    s = reduce(s, { v: 1, type: 'bytes', requestId: 2, store: 0, offset: '0x0', addr: '0x100000000', hex: Buffer.from('gem5 remote').toString('hex') });
    render(s);
    assert.match(root.querySelector('#hex-dump')?.textContent ?? '', /^0x100000000 {2}67 65 6d 35 20 72 65 6d 6f 74 65 .* gem5 remote/);
  });

  it('filters the sections browser and summarises repeated keys', async () => {
    const { root, render, initialState, reduce } = await start();
    render(reduce(reduce(initialState(), summaryMessage), { type: 'filter', filter: 'physmem' }));
    const names = [...root.querySelectorAll('.section-name')].map((e) => e.textContent);
    assert.deepEqual(names, ['[board.physmem]', '[board.physmem.store0]', '[board.physmem.store1]']);
  });

  it('parses hex viewer input as an address or a store offset', async () => {
    const { parseHexInput } = await import('../../../webview/src/state');
    assert.deepEqual(parseHexInput('0x1_0000_0000'), { addr: '0x100000000' });
    assert.deepEqual(parseHexInput('store1+0x20'), { store: 1, offset: '0x20' });
    assert.deepEqual(parseHexInput('store0+4096'), { store: 0, offset: '0x1000' });
    assert.equal(parseHexInput('/etc/passwd'), null);
  });
});
