/** The address map on one axis: lanes for the SST memory and each node, mismatches on the bars they concern, folding. */
import assert from 'node:assert/strict';
import { layoutAddressMap } from '../../../webview/src/views/restorePlanMapLayout';
import type { AddressMap } from '../../../server/src/restorePlan/addressMap';
import { examplePlan } from './planFixtures';

const GiB = 1n << 30n;

describe('restore plan: address map layout', function () {
  this.timeout(60000);

  it('puts the SST region, local memory, remote window and both stores of the example on one axis', async () => {
    const m = layoutAddressMap((await examplePlan(1)).plan!.map);
    assert.deepEqual(m.lanes.map((l) => l.title), ['SST memory memory', 'node 0 ← take_0/checkpoint']);
    const [region] = m.lanes[0].bars;
    assert.deepEqual([region.x0, region.x1], [0, 1]); // 0 … 5 GiB spans the axis
    assert.equal(region.label, '0x0 … 0x140000000 (mem_size 5GiB)');
    const node = m.lanes[1];
    const remote = node.bars.find((b) => b.kind === 'remote')!;
    assert.deepEqual([remote.x0, remote.x1], [0.8, 1]);
    assert.deepEqual(node.bars.filter((b) => b.kind === 'store').map((b) => b.label), ['store0 remote, 1 GiB at 0x100000000', 'store1 local, 1 GiB at 0x80000000']);
    assert.deepEqual(node.unknown, []);
    assert.ok(m.ticks.some((t) => t.label === '4 GiB'), m.ticks.map((t) => t.label).join());
  });

  it('draws GS202 on the SST region bar and GS207 on node 0\'s remote window and stores', async () => {
    const reply = await examplePlan(1, [['sst_memory_size = "5GiB"', 'sst_memory_size = "4GiB"'], ['remote_end = remote_start + 1073741824', 'remote_end = remote_start + 536870912']]);
    const mm = reply.plan!.map.mismatches;
    const m = layoutAddressMap(reply.plan!.map);
    const codesOn = (lane: number, kind: string) => m.lanes[lane].bars.filter((b) => b.kind === kind).flatMap((b) => b.mismatches.map((i) => mm[i].code));
    assert.deepEqual(codesOn(0, 'region'), ['GS202']);
    assert.ok(codesOn(1, 'remote').includes('GS207'));
    assert.ok(!codesOn(1, 'local').includes('GS207'));
    assert.deepEqual(m.unplaced, []);
  });

  it('folds 64 node lanes to the first two, the last and those with a mismatch, and shows all on request', async () => {
    const reply = await examplePlan(64);
    const map = reply.plan!.map;
    const planted: AddressMap = { ...map, mismatches: [{ code: 'GS213', message: 'node 40 overlaps', file: reply.plan!.file, span: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, on: { kind: 'node', node: 40 } }] };
    const folded = layoutAddressMap(planted);
    assert.deepEqual(folded.lanes.slice(1).map((l) => l.title.split(' ←')[0]), ['node 0', 'node 1', 'node 40', 'node 63']);
    assert.equal(folded.hidden, 60);
    assert.equal(layoutAddressMap(planted, { showAll: true }).lanes.length, 65);
  });

  it('names what is unknown instead of drawing it: ranges, stores without an address, mem_size', () => {
    const m = layoutAddressMap({
      nodes: [{ node: 0, line: 3, local: null, remote: { start: String(4n * GiB), end: String(5n * GiB) }, checkpoint: null, stores: [{ id: 0, role: null, size: String(GiB), start: null, end: null }] }],
      regions: [{ component: 'mem', line: 1, start: '0', end: String(8n * GiB), memSize: null }],
      mismatches: [],
    });
    assert.deepEqual(m.lanes[0].unknown, ['mem_size unknown']);
    assert.deepEqual(m.lanes[1].unknown, ['local memory unknown', 'checkpoint unknown', 'store0 role unknown, 1 GiB, address unknown']);
    assert.deepEqual(m.lanes[1].bars.map((b) => b.kind), ['remote']);
  });
});
