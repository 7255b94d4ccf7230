/** Messages of the Restore plan webview: the host accepts exactly the four message shapes, nothing more. */
import assert from 'node:assert/strict';
import { filesOfPlan, parsePlanHostToView, parsePlanViewToHost } from '../../../server/src/protocol/planWebview';
import { component, handMade } from './planFixtures';

describe('restore plan: webview message validation', () => {
  it('accepts ready, retarget, openSource with a 1-based line and openMismatch with an index', () => {
    assert.deepEqual(parsePlanViewToHost({ v: 1, type: 'ready' }), { v: 1, type: 'ready' });
    assert.deepEqual(parsePlanViewToHost({ v: 1, type: 'retarget' }), { v: 1, type: 'retarget' });
    assert.deepEqual(parsePlanViewToHost({ v: 1, type: 'openSource', file: '/w/a.py', line: 3 }), { v: 1, type: 'openSource', file: '/w/a.py', line: 3 });
    assert.deepEqual(parsePlanViewToHost({ v: 1, type: 'openMismatch', index: 0 }), { v: 1, type: 'openMismatch', index: 0 });
  });

  it('drops other versions, unknown types, extra keys, bad lines and indexes, and non-objects', () => {
    for (const bad of [
      null, 'ready', [], { v: 2, type: 'ready' }, { v: 1, type: 'exec' }, { v: 1, type: 'ready', command: 'x' },
      { v: 1, type: 'openSource', file: '/w/a.py', line: 0 }, { v: 1, type: 'openSource', file: '/w/a.py', line: 1.5 },
      { v: 1, type: 'openSource', file: '', line: 1 }, { v: 1, type: 'openSource', file: 7, line: 1 },
      { v: 1, type: 'openSource', file: 'x'.repeat(5000), line: 1 }, { v: 1, type: 'openMismatch', index: -1 },
      { v: 1, type: 'openMismatch', index: '0' }, { v: 1, type: 'openMismatch', index: 0, file: '/etc/passwd' },
    ]) assert.equal(parsePlanViewToHost(bad), null, JSON.stringify(bad)?.slice(0, 80));
  });

  it('the view accepts a plan and an error from the host, and nothing malformed', () => {
    const reply = handMade([component('a', 't')], []);
    assert.ok(parsePlanHostToView({ v: 1, type: 'plan', script: '/w/sst.py', reply, retarget: null }));
    assert.deepEqual(parsePlanHostToView({ v: 1, type: 'error', message: 'x' }), { v: 1, type: 'error', message: 'x' });
    assert.equal(parsePlanHostToView({ v: 1, type: 'plan', script: '/w/sst.py', reply: { plan: {}, gem5Nodes: [] } }), null);
    assert.equal(parsePlanHostToView({ v: 1, type: 'error' }), null);
  });

  it('names the script and every source file of the plan as the files the view may open', () => {
    const reply = handMade([component('a', 't', { source: { file: '/w/lib.py', line: 2 }, subcomponents: [{ slot_name: 's', slot_number: 0, type: 'u', params: {}, subcomponents: [], source: { file: '/w/sub.py', line: 1 } }] })], []);
    assert.deepEqual([...filesOfPlan('/w/sst.py', reply)].sort(), ['/w/lib.py', '/w/sst.py', '/w/sub.py']);
  });
});
