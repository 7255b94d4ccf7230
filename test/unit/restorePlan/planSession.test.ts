/**
 * The host side of a Restore plan panel, with a fake webview: plan on ready, validated opens, newest answer wins, one
 * plan request per edit (the debounce and the diagnostics that follow the edit share one scheduler).
 */
import assert from 'node:assert/strict';
import type { PlanHostToView } from '../../../server/src/protocol/planWebview';
import type { RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import type { Span } from '../../../server/src/protocol/span';
import { PLAN_DEBOUNCE_MS, PlanSession, type PlanEnvironment } from '../../../client/src/restorePlan/planSession';
import { component, handMade } from './planFixtures';

const span: Span = { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } };

function withMismatch(): RestorePlanReply {
  const r = handMade([component('mem', 'memHierarchy.MemController', { source: { file: '/w/sst.py', line: 3 } })], []);
  r.plan!.map.mismatches.push({ code: 'GS202', message: 'not covered', file: '/w/sst.py', span, on: { kind: 'memory' } });
  return r;
}

function harness(overrides: Partial<PlanEnvironment> = {}, checkpoint: string | null = null, opts: { notice?: string; failure?: string } = {}) {
  const posted: PlanHostToView[] = [];
  const opened: [string, Span][] = [];
  const logs: string[] = [];
  const retargets: [string, string][] = [];
  let requests = 0;
  const plan = overrides.requestPlan ?? (async () => withMismatch());
  const env: PlanEnvironment = {
    open: (f, s) => opened.push([f, s]),
    retarget: (s, c) => retargets.push([s, c]),
    log: (m) => logs.push(m),
    ...overrides,
    // Every plan request is counted, whoever answers it.
    requestPlan: (script, signal) => {
      requests++;
      return plan(script, signal);
    },
  };
  const session = new PlanSession('/w/sst.py', { postMessage: (m) => posted.push(m) > 0 }, env, checkpoint, opts);
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

  it('the plan message names the checkpoint (kept by the view across a reload) and the notice of a restored panel', async () => {
    const h = harness({ requestRetarget: async (_s, c) => ({ checkpoint: c, changes: [], blockers: [], error: null }) }, '/w/ck', { notice: 'the old checkpoint is gone' });
    await h.session.handle({ v: 1, type: 'ready' });
    const plan = h.posted[0] as Extract<PlanHostToView, { type: 'plan' }>;
    assert.equal(plan.checkpoint, '/w/ck');
    assert.equal(plan.notice, 'the old checkpoint is gone');
  });

  it('a restored panel whose script is gone shows its message and never asks the server', async () => {
    const h = harness({}, null, { failure: 'The SST script /w/sst.py no longer exists' });
    await h.session.handle({ v: 1, type: 'ready' });
    h.session.edited(5);
    h.session.diagnosticsChanged();
    await sleep(30);
    assert.equal(h.requests(), 0);
    assert.deepEqual(h.posted, [{ v: 1, type: 'error', message: 'The SST script /w/sst.py no longer exists' }]);
  });

  it('reports a failed request to the view as an error', async () => {
    const h = harness({ requestPlan: async () => { throw new Error('server gone'); } });
    await h.session.refresh();
    assert.deepEqual(h.posted, [{ v: 1, type: 'error', message: 'the plan could not be computed: server gone' }]);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A plan reply whose findings carry a signature, as the server sends it. */
function signed(sig: string): RestorePlanReply {
  const r = withMismatch();
  r.findings.signature = sig;
  return r;
}

describe('restore plan: one edit costs one plan request', () => {
  /** A server that answers after `latency` ms with the signature the editor's diagnostics have at that moment. */
  function server(latency: number) {
    let diagnostics = 'v0';
    const signals: AbortSignal[] = [];
    const h = harness({
      requestPlan: (_s, signal) => {
        signals.push(signal!);
        const answer = diagnostics;
        return new Promise((res) => setTimeout(() => res(signed(answer)), latency));
      },
      diagnosticsSignature: () => diagnostics,
    });
    return { h, signals, setDiagnostics: (d: string) => { diagnostics = d; } };
  }

  it('one edit: its debounce and the diagnostics pushed before and after the answer make one request', async () => {
    const { h, setDiagnostics } = server(10);
    await h.session.refresh();
    assert.equal(h.requests(), 1);
    h.session.edited(40);
    // The server's diagnostics of the edit arrive during the debounce (30 ms push) and again later (workspace pass).
    await sleep(10);
    setDiagnostics('v1');
    h.session.diagnosticsChanged();
    await sleep(80);
    h.session.diagnosticsChanged();
    await sleep(30);
    assert.equal(h.requests(), 2, 'the first plan and one for the edit');
    assert.equal(h.posted.length, 2);
    h.session.dispose();
  });

  it('a diagnostics change arriving while the edit\'s request is in flight asks again only if the answer does not show it', async () => {
    const { h, setDiagnostics } = server(40);
    await h.session.refresh();
    h.session.edited(5);
    await sleep(15); // the request is in flight
    h.session.diagnosticsChanged(); // same diagnostics as the answer will carry
    await sleep(60);
    assert.equal(h.requests(), 2);
    h.session.edited(5);
    await sleep(15);
    setDiagnostics('v2'); // changed after the server computed the answer: the answer is behind
    h.session.diagnosticsChanged();
    await sleep(200);
    assert.equal(h.requests(), 4, 'one for the edit, one more because its answer did not show the new diagnostics');
    h.session.dispose();
  });

  it('a diagnostics change with no edit (tasks.json, a checkpoint on disk) asks once when it differs from the plan, not when it matches', async () => {
    const { h, setDiagnostics } = server(5);
    await h.session.refresh();
    h.session.diagnosticsChanged();
    await sleep(PLAN_DEBOUNCE_MS + 40);
    assert.equal(h.requests(), 1, 'same findings as the plan: nothing to ask');
    setDiagnostics('v3');
    h.session.diagnosticsChanged();
    h.session.diagnosticsChanged();
    await sleep(PLAN_DEBOUNCE_MS + 40);
    assert.equal(h.requests(), 2);
    h.session.dispose();
  });

  it('an edit burst (typing, with diagnostics in between) makes one request, after the last edit', async () => {
    const { h, setDiagnostics } = server(10);
    await h.session.refresh();
    for (let i = 0; i < 8; i++) {
      h.session.edited(30);
      if (i % 2) {
        setDiagnostics(`burst${i}`);
        h.session.diagnosticsChanged();
      }
      await sleep(8);
    }
    await sleep(100);
    assert.equal(h.requests(), 2);
    h.session.dispose();
  });

  it('an edit cancels the request in flight, and its late answer is never shown', async () => {
    const { h, signals } = server(40);
    void h.session.refresh();
    await sleep(5);
    h.session.edited(5);
    assert.equal(signals[0].aborted, true);
    await sleep(120);
    assert.equal(h.requests(), 2);
    assert.equal(signals[1].aborted, false);
    assert.equal(h.posted.length, 1, 'only the answer for the edited text');
    h.session.dispose();
  });
});
