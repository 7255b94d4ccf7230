/** The Restore plan view in happy-dom: SVG graph and address map, keyboard-reachable elements, toggles, messages. */
import assert from 'node:assert/strict';
import type { RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import type { PlanViewToHost } from '../../../server/src/protocol/planWebview';
import { installDom } from '../webview/dom';
import { examplePlan } from './planFixtures';

describe('restore plan: rendering (happy-dom)', function () {
  this.timeout(60000);
  let dom: ReturnType<typeof installDom>;
  let one: RestorePlanReply;
  let many: RestorePlanReply;
  before(async () => {
    one = await examplePlan(1, [['sst_memory_size = "5GiB"', 'sst_memory_size = "4GiB"']]);
    many = await examplePlan(64);
  });
  beforeEach(() => { dom = installDom(); });
  afterEach(() => dom.dispose());

  async function start() {
    const { startPlan } = await import('../../../webview/src/restorePlanApp');
    const root = document.createElement('main');
    document.body.append(root);
    const posted: PlanViewToHost[] = [];
    let saved: unknown;
    const app = startPlan(root, { post: (m) => posted.push(m), getState: () => undefined, setState: (s) => (saved = s) });
    return { root, posted, app, saved: () => saved };
  }

  const key = (e: Element, k: string) => e.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

  it('says ready, draws the graph boxes and the map lanes, and a mismatch badge opens its diagnostic with Enter', async () => {
    const { root, posted, app } = await start();
    assert.deepEqual(posted, [{ v: 1, type: 'ready' }]);
    app.dispatch({ v: 1, type: 'plan', script: one.plan!.file, reply: one, retarget: null });
    assert.match(root.querySelector('h1')!.textContent!, /^Restore plan — restore\.py$/);
    assert.equal(root.querySelectorAll('svg.graph .box').length, 3);
    assert.equal(root.querySelectorAll('svg.address-map .lane').length, 2);
    const badge = root.querySelector('svg.address-map .badge[role=button]')!;
    assert.equal(badge.getAttribute('tabindex'), '0');
    key(badge, 'Enter');
    assert.deepEqual(posted.at(-1), { v: 1, type: 'openMismatch', index: 0 });
    assert.ok(root.querySelector('svg.graph .box.memory.has-mismatch'));
    assert.match(root.querySelector('.mismatches')!.textContent!, /GS202 line \d+ · SST memory/);
  });

  it('a click on a graph box asks the host to open its source line', async () => {
    const { root, posted, app } = await start();
    app.dispatch({ v: 1, type: 'plan', script: one.plan!.file, reply: one, retarget: null });
    (root.querySelector('svg.graph .box.gem5') as unknown as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const m = posted.at(-1) as Extract<PlanViewToHost, { type: 'openSource' }>;
    assert.equal(m.type, 'openSource');
    assert.equal(m.file, one.plan!.file);
    assert.equal(m.line, one.plan!.graph.components[2].source!.line);
  });

  it('64 nodes: one ×64 box until expanded from the toolbar, the choice kept in the persisted state', async () => {
    const { root, app, saved } = await start();
    app.dispatch({ v: 1, type: 'plan', script: many.plan!.file, reply: many, retarget: null });
    assert.equal(root.querySelectorAll('svg.graph .box').length, 3);
    const toggle = [...root.querySelectorAll('button.group-toggle')].find((b) => /Expand gem5_node_# ×64/.test(b.textContent!)) as HTMLButtonElement;
    toggle.click();
    assert.equal(root.querySelectorAll('svg.graph .box').length, 66);
    assert.equal(JSON.stringify(Object.values((saved() as { collapse: Record<string, boolean> }).collapse)), '[false]');
    assert.match(root.textContent!, /61 node lanes without a mismatch are folded/);
  });

  it('keeps the checkpoint the host names in the persisted state (for a window reload) and shows the host\'s notice', async () => {
    const { root, app, saved } = await start();
    app.dispatch({ v: 1, type: 'plan', script: one.plan!.file, checkpoint: '/w/m5out/take_7/checkpoint', notice: null, reply: one, retarget: null });
    assert.deepEqual((saved() as { script: string; checkpoint: string | null }).checkpoint, '/w/m5out/take_7/checkpoint');
    assert.equal((saved() as { script: string }).script, one.plan!.file);
    app.dispatch({ v: 1, type: 'plan', script: one.plan!.file, checkpoint: null, notice: 'The checkpoint /w/x this plan was opened with no longer exists', reply: one, retarget: null });
    assert.equal((saved() as { checkpoint: string | null }).checkpoint, null);
    assert.match(root.querySelector('.notice[role=status]')!.textContent!, /no longer exists/);
    assert.ok(root.querySelector('svg.graph'), 'the plan is still drawn under the notice');
    app.dispatch({ v: 1, type: 'plan', script: one.plan!.file, checkpoint: 7, notice: null, reply: one, retarget: null });
    assert.equal((saved() as { checkpoint: string | null }).checkpoint, null, 'a malformed checkpoint is dropped with its message');
  });

  it('ignores malformed host messages and shows an error message', async () => {
    const { root, app } = await start();
    app.dispatch({ v: 1, type: 'plan', script: 3 });
    assert.match(root.textContent!, /Computing the plan…/);
    app.dispatch({ v: 1, type: 'error', message: 'server gone' });
    assert.match(root.querySelector('[role=alert]')!.textContent!, /server gone/);
  });
});
