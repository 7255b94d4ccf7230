/** The host side of a Restore plan panel, with a fake webview: plan on ready, validated opens, newest answer wins. */
import assert from 'node:assert/strict';
import type { PlanHostToView } from '../../../server/src/protocol/planWebview';
import type { RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import type { Span } from '../../../server/src/protocol/span';
import { PlanSession, type PlanEnvironment } from '../../../client/src/restorePlan/planSession';
import { component, handMade } from './planFixtures';

const span: Span = { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } };

function withMismatch(): RestorePlanReply {
  const r = handMade([component('mem', 'memHierarchy.MemController', { source: { file: '/w/sst.py', line: 3 } })], []);
  r.plan!.map.mismatches.push({ code: 'GS202', message: 'not covered', file: '/w/sst.py', span, on: { kind: 'memory' } });
  return r;
}

function harness(overrides: Partial<PlanEnvironment> = {}, checkpoint: string | null = null) {
  const posted: PlanHostToView[] = [];
  const opened: [string, Span][] = [];
  const logs: string[] = [];
  const retargets: [string, string][] = [];
  let requests = 0;
  const env: PlanEnvironment = {
    requestPlan: async () => {
      requests++;
      return withMismatch();
    },
    open: (f, s) => opened.push([f, s]),
    retarget: (s, c) => retargets.push([s, c]),
    log: (m) => logs.push(m),
    ...overrides,
  };
  const session = new PlanSession('/w/sst.py', { postMessage: (m) => posted.push(m) > 0 }, env, checkpoint);
  return { session, posted, opened, logs, retargets, requests: () => requests };
}

describe('restore plan: panel session', () => {
  it('answers ready with the plan, and a mismatch click with the diagnostic range', async () => {
    const h = harness();
    await h.session.handle({ v: 1, type: 'ready' });
    assert.equal(h.posted.length, 1);
    assert.equal(h.posted[0].type, 'plan');
    await h.session.handle({ v: 1, type: 'openMismatch', index: 0 });
    assert.deepEqual(h.opened, [['/w/sst.py', span]]);
  });

  it('opens a source line the plan names at its 0-based line, and drops files it does not name and invalid messages', async () => {
    const h = harness();
    await h.session.handle({ v: 1, type: 'ready' });
    await h.session.handle({ v: 1, type: 'openSource', file: '/w/sst.py', line: 3 });
    await h.session.handle({ v: 1, type: 'openSource', file: '/etc/passwd', line: 1 });
    await h.session.handle({ v: 1, type: 'openMismatch', index: 5 });
    await h.session.handle({ v: 1, type: 'run', command: 'rm' });
    assert.deepEqual(h.opened, [['/w/sst.py', { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }]]);
    assert.equal(h.logs.filter((l) => /dropped/.test(l)).length, 2);
  });

  it('coalesces a burst of edits into one request after the debounce', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.session.schedule(20);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(h.requests(), 1);
    h.session.dispose();
  });

  it('never lets an older, slower answer replace a newer one', async () => {
    const replies: ((r: RestorePlanReply) => void)[] = [];
    const h = harness({ requestPlan: () => new Promise((res) => replies.push(res)) });
    const first = h.session.refresh();
    const second = h.session.refresh();
    const newer = withMismatch();
    newer.findings.errors = 7;
    replies[1](newer);
    await second;
    replies[0](withMismatch());
    await first;
    assert.equal(h.posted.length, 1);
    assert.equal((h.posted[0] as Extract<PlanHostToView, { type: 'plan' }>).reply.findings.errors, 7);
  });

  it('from a checkpoint: sends what retarget would change and runs it on request', async () => {
    const h = harness({ requestRetarget: async (_s, c) => ({ checkpoint: c, changes: [{ line: 9, what: 'mem_size 8GiB' }], blockers: [], error: null }) }, '/w/m5out/take_7/checkpoint');
    await h.session.handle({ v: 1, type: 'ready' });
    const plan = h.posted[0] as Extract<PlanHostToView, { type: 'plan' }>;
    assert.deepEqual(plan.retarget?.changes, [{ line: 9, what: 'mem_size 8GiB' }]);
    await h.session.handle({ v: 1, type: 'retarget' });
    assert.deepEqual(h.retargets, [['/w/sst.py', '/w/m5out/take_7/checkpoint']]);
  });

  it('reports a failed request to the view as an error', async () => {
    const h = harness({ requestPlan: async () => { throw new Error('server gone'); } });
    await h.session.refresh();
    assert.deepEqual(h.posted, [{ v: 1, type: 'error', message: 'the plan could not be computed: server gone' }]);
  });
});
