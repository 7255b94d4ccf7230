/** The Restore plan's graph layout: plan JSON → positioned boxes, repeated structures collapsed ×N, unknowns as unknown. */
import assert from 'node:assert/strict';
import type { LaidBox } from '../../../webview/src/views/restorePlanLayout';
import { layoutPlan } from '../../../webview/src/views/restorePlanLayout';
import { findRepeats } from '../../../webview/src/views/restorePlanGroups';
import { component, examplePlan, handMade, link } from './planFixtures';

const overlap = (a: LaidBox, b: LaidBox) => Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;

function assertNoOverlap(boxes: LaidBox[]) {
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlap(boxes[i], boxes[j]), `${boxes[i].id} overlaps ${boxes[j].id}`);
}

describe('restore plan: graph layout', function () {
  this.timeout(60000);

  it('lays out the one-node example: memory, bus and the gem5 node with its script and checkpoint, links with both latencies', async () => {
    const l = layoutPlan(await examplePlan(1));
    assert.deepEqual(l.boxes.map((b) => [b.id, b.kind, b.lines[0]]), [['c:0', 'memory', 'memory'], ['c:1', 'component', 'bus'], ['c:2', 'gem5', 'gem5_node_0']]);
    const gem5 = l.boxes[2];
    assert.ok(gem5.lines.includes('script: arm-sst-checkpoint.py'), gem5.lines.join('|'));
    assert.ok(gem5.lines.includes('checkpoint: take_0/checkpoint'), gem5.lines.join('|'));
    assert.deepEqual(l.edges.map((e) => [e.from, e.to, e.label]).sort(), [['c:1', 'c:0', '1ns'], ['c:2', 'c:1', '750ns / 1ns']]);
    assert.ok(l.edges.every((e) => e.points.length >= 2));
    assert.deepEqual(l.groups, []);
    assertNoOverlap(l.boxes);
    for (const b of l.boxes) assert.ok(b.x - b.width / 2 >= 0 && b.x + b.width / 2 <= l.width && b.y + b.height / 2 <= l.height, b.id);
  });

  it('collapses 64 identical gem5 nodes into one ×64 box with one ×64 link, and expands them without overlap', async () => {
    const reply = await examplePlan(64);
    const collapsed = layoutPlan(reply);
    assert.equal(collapsed.groups.length, 1);
    assert.deepEqual([collapsed.groups[0].label, collapsed.groups[0].count, collapsed.groups[0].collapsed], ['gem5_node_#', 64, true]);
    assert.equal(collapsed.boxes.length, 3);
    const group = collapsed.boxes.find((b) => b.count === 64)!;
    assert.equal(group.lines[0], 'gem5_node_# ×64');
    assert.ok(group.lines.includes('checkpoint: take_0/checkpoint'));
    assert.ok(collapsed.edges.some((e) => e.label === '750ns / 1ns ×64'), collapsed.edges.map((e) => e.label).join());
    const expanded = layoutPlan(reply, { [collapsed.groups[0].id]: false });
    assert.equal(expanded.boxes.length, 66);
    assert.equal(expanded.edges.filter((e) => e.label === '750ns / 1ns').length, 64);
    assertNoOverlap(expanded.boxes);
  });

  it('draws a GS207 mismatch of node 0 on its gem5 box and GS202 on the SST memory', async () => {
    const reply = await examplePlan(1, [['remote_end = remote_start + 1073741824', 'remote_end = remote_start + 536870912'], ['sst_memory_size = "5GiB"', 'sst_memory_size = "4GiB"']]);
    const l = layoutPlan(reply);
    const codes = (b: LaidBox) => b.mismatches.map((i) => reply.plan!.map.mismatches[i].code);
    assert.ok(codes(l.boxes.find((b) => b.kind === 'gem5')!).includes('GS207'));
    assert.deepEqual(codes(l.boxes.find((b) => b.kind === 'memory')!), ['GS202']);
    assert.deepEqual(codes(l.boxes.find((b) => b.lines[0] === 'bus')!), []);
  });

  it('says unknown for an unknown type, name, latency, gem5 script, checkpoint and an unresolved link end', () => {
    const reply = handMade(
      [component('gem5_node_0', 'gem5.gem5Component'), component(null, 'memHierarchy.Bus'), component('mem', null)],
      [link('a', 'gem5_node_0:port[0]', 'mem', null, '1ns'), link('b', 'nowhere', 'mem')],
      [{ component: 0, node: null, gem5Script: null, checkpoint: null }],
    );
    const l = layoutPlan(reply);
    const lines = (id: string) => l.boxes.find((b) => b.id === id)!.lines;
    assert.deepEqual(lines('c:0').slice(1, 5), ['gem5.gem5Component', 'script: unknown', 'checkpoint: unknown', 'node unknown']);
    assert.equal(lines('c:1')[0], '(name unknown)');
    assert.equal(lines('c:2')[1], 'type unknown');
    assert.ok(l.edges.some((e) => e.label === 'unknown / 1ns'));
    const ghost = l.boxes.find((b) => b.kind === 'unknown-end');
    assert.ok(ghost && ghost.lines[0] === 'component unknown');
  });

  it('gives an empty graph a zero size, and skips links with no known end or both ends in one box', () => {
    const empty = layoutPlan(handMade([], []));
    assert.deepEqual([empty.width, empty.height, empty.boxes.length], [0, 0, 0]);
    const one = layoutPlan(handMade([component('a', 't')], [link('self', 'a', 'a'), link('lost', null, 'nowhere')]));
    assert.deepEqual([one.boxes.length, one.edges.length], [1, 0]);
    assert.ok(Number.isFinite(one.width) && one.width > 0);
  });

  it('groups components by rank into clusters that contain their boxes', () => {
    const reply = handMade(
      [component('a0', 'x.A', { partition: { rank: 0, thread: 0 } }), component('b', 'x.B', { partition: { rank: 1, thread: 0 } }), component('c', 'x.C', { partition: { rank: null, thread: null } })],
      [link('l', 'a0', 'b'), link('m', 'b', 'c')],
    );
    const l = layoutPlan(reply);
    assert.deepEqual(l.clusters.map((c) => c.label).sort(), ['rank 0', 'rank 1', 'rank unknown']);
    for (const [box, cluster] of [['c:0', 'r:0'], ['c:1', 'r:1'], ['c:2', 'r:unknown']]) {
      const b = l.boxes.find((x) => x.id === box)!;
      const c = l.clusters.find((x) => x.id === cluster)!;
      assert.ok(b.x - b.width / 2 >= c.x && b.x + b.width / 2 <= c.x + c.width && b.y - b.height / 2 >= c.y && b.y + b.height / 2 <= c.y + c.height, `${box} inside ${cluster}`);
    }
  });

  it('lays out a few hundred components (64 nodes with a cache each and 8 memories) collapsed to a handful of boxes', () => {
    const comps = [component('bus', 'memHierarchy.Bus')];
    const links = [];
    for (let i = 0; i < 64; i++) {
      comps.push(component(`gem5_node_${i}`, 'gem5.gem5Component'), component(`l1_${i}`, 'memHierarchy.Cache'), component(`l2_${i}`, 'memHierarchy.Cache'));
      links.push(link(`n${i}`, `gem5_node_${i}`, `l1_${i}`), link(`c${i}`, `l1_${i}`, `l2_${i}`), link(`b${i}`, `l2_${i}`, 'bus'));
    }
    for (let m = 0; m < 8; m++) {
      comps.push(component(`mem${m}`, 'memHierarchy.MemController'));
      links.push(link(`m${m}`, 'bus', `mem${m}`));
    }
    const l = layoutPlan(handMade(comps, links));
    assert.deepEqual(l.groups.map((g) => [g.label, g.count]), [['gem5_node_# + l1_# + l2_#', 64], ['mem#', 8]]);
    assert.equal(l.boxes.length, 1 + 3 + 1);
    assert.ok(l.edges.some((e) => e.label === '1ns ×64'));
    assertNoOverlap(l.boxes);
  });
});

describe('restore plan: repeated structures', () => {
  it('does not group unnamed components, names without a number, or names that differ before their last number', () => {
    assert.deepEqual(findRepeats([component(null, 'a'), component(null, 'a'), component('bus', 'b'), component('bus', 'b')]), []);
    assert.deepEqual(findRepeats([component('x_1_0', 't'), component('x_2_0', 't')]), []);
  });

  it('does not group a class whose names repeat a number (two components would share one box)', () => {
    assert.deepEqual(findRepeats([component('n0', 't'), component('n0', 't'), component('n1', 't')]), []);
  });

  it('keeps two classes over different instance sets apart, and one class of different types apart', () => {
    const g = findRepeats([component('a0', 't'), component('a1', 't'), component('b0', 't'), component('b1', 't'), component('b2', 't'), component('c0', 'u'), component('c1', 'v')]);
    assert.deepEqual(g.map((x) => [x.label, x.count]), [['a#', 2], ['b#', 3]]);
  });
});
