/** `gem5sst/restorePlan` through its handler: the example, the corpus restore scripts, and bad requests. */
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerRestorePlan } from '../../../server/src/restorePlan/lsp';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';
import { sharedCorpus } from '../../support/sharedCorpus';

describe('restore plan: request handler', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  beforeEach(async () => { ws = await copyExample(); });
  afterEach(async () => ws.dispose());

  it('answers the example with its graph, its gem5 node\'s script and checkpoint, and no mismatch', async () => {
    const r = await answerRestorePlan(createWorkspaceEngine([ws.root]), { script: ws.sst });
    assert.equal(r.error, null);
    assert.deepEqual(r.plan!.graph.components.map((c) => c.name), ['memory', 'bus', 'gem5_node_0']);
    assert.deepEqual(r.gem5Nodes, [{ component: 2, node: 0, gem5Script: join(ws.root, 'configs', 'arm-sst-checkpoint.py'), checkpoint: join(ws.root, 'm5out', 'take_0', 'checkpoint') }]);
    assert.deepEqual(r.plan!.map.mismatches, []);
  });

  it('computes on the open buffer: an unsaved edit shows as a GS202 mismatch with its diagnostic range', async () => {
    const engine = createWorkspaceEngine([ws.root]);
    const text = (await import('node:fs')).readFileSync(ws.sst, 'utf8');
    engine.setOpenDocument(ws.sst, text.replace('sst_memory_size = "5GiB"', 'sst_memory_size = "4GiB"'), 2);
    const r = await answerRestorePlan(engine, { script: ws.sst });
    const m = r.plan!.map.mismatches;
    assert.deepEqual(m.map((x) => x.code), ['GS202']);
    assert.equal(m[0].span.start.line + 1, await ws.lineOf(ws.sst, '"mem_size": sst_memory_size'));
    assert.ok(r.findings.errors >= 1);
  });

  it('answers bad requests and non-SST files with an error, never a throw', async () => {
    const engine = createWorkspaceEngine([ws.root]);
    assert.equal((await answerRestorePlan(engine, { script: 'relative.py' })).error, 'invalid request');
    assert.equal((await answerRestorePlan(engine, { path: ws.sst })).error, 'invalid request');
    assert.equal((await answerRestorePlan(engine, null)).error, 'invalid request');
    assert.equal((await answerRestorePlan(null, { script: ws.sst })).error, 'the language server is starting');
    const gem5 = await answerRestorePlan(engine, { script: join(ws.root, 'configs', 'arm-sst-checkpoint.py') });
    assert.equal(gem5.plan, null);
    assert.match(gem5.error!, /not an SST script/);
  });
});

const corpus = sharedCorpus('darchr-gem5-kg');

(corpus ? describe : describe.skip)('restore plan: request handler on copies of the corpus restore scripts', function () {
  this.timeout(60000);
  let base: string;
  let root: string;
  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'plan-corpus-'));
    root = join(base, 'darchr-gem5-kg');
    await cp(corpus!, root, { recursive: true });
  });
  after(() => rm(base, { recursive: true, force: true }));

  it('restore/arm_restore.py: bus, memory and one gem5 node, its SST memory\'s GS202 placed on the memory', async () => {
    const r = await answerRestorePlan(createWorkspaceEngine([root]), { script: join(root, 'ext', 'sst', 'sst', 'restore', 'arm_restore.py') });
    assert.deepEqual(r.plan!.graph.components.map((c) => c.type), ['memHierarchy.Bus', 'memHierarchy.MemController', 'gem5.gem5Component']);
    assert.deepEqual(r.plan!.map.mismatches.map((m) => [m.code, m.on.kind]), [['GS202', 'memory']]);
    assert.equal(r.plan!.map.regions[0].memSize, '6GiB');
  });

  it('checkpoints/arm_checkpoints.py: the gem5 node runs the unified script and restores the composable checkpoint', async () => {
    const r = await answerRestorePlan(createWorkspaceEngine([root]), { script: join(root, 'ext', 'sst', 'sst', 'checkpoints', 'arm_checkpoints.py') });
    assert.equal(r.gem5Nodes.length, 1);
    assert.match(r.gem5Nodes[0].gem5Script!, /arm-stream-checkpoint-restore-unified-script\.py$/);
    assert.match(r.gem5Nodes[0].checkpoint!, /composable-chpt\/checkpoint$/);
  });
});
