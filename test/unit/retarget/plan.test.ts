/**
 * Point Restore at Checkpoint on the example and on copies of the corpus restore scripts, against generated
 * checkpoints of other sizes and ranges: after the edits the rules report no GS2xx–GS4xx error for the pair, and the
 * edited script still executes under CPython with the recording `sst` module, building the expected graph.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { computeRetarget, type RetargetResult } from '../../../server/src/retarget';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { GiB, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';
import { findCorpus } from '../../support/corpusJobs';
import { runCPython, type Graph } from '../../support/cpythonGraph';

async function errorsAfter(root: string, file: string): Promise<string[]> {
  const engine = createWorkspaceEngine([root]);
  return (await engine.findingsFor(file)).filter((f) => f.severity === 'error' && /^GS[234]/.test(f.code)).map((f) => `${f.code}:${f.span.start.line + 1} ${f.message}`);
}

async function cpython(script: string, cwd: string): Promise<Graph> {
  const [r] = await runCPython([{ script, cwd, argv: [] }]);
  assert.ok(r.ok, `CPython: ${r.error}`);
  return r.graph!;
}

const comp = (g: Graph, name: string) => {
  const c = g.components.find((x) => x.name === name);
  assert.ok(c, `no component ${name}`);
  return c;
};
const backendParam = (g: Graph, key: string) => comp(g, 'memory').subcomponents.find((s) => s.slot_name === 'backend')!.params[key];

describe('retarget: the example restore script', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  beforeEach(async () => { ws = await copyExample(); });
  afterEach(async () => ws.dispose());

  async function retarget(dir: string): Promise<RetargetResult> {
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: dir, roots: [ws.root] });
    await writeFile(ws.sst, r.after);
    return r;
  }

  it('points the example at a checkpoint with 2 GiB local and a 4 GiB remote store: path, sizes, range and SST memory', async () => {
    const take = join(ws.root, 'm5out', 'take_7');
    await writeCheckpoint(take, { memories: sstBoardLayout(2n * GiB, 0x100000000n, 4n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const before = await errorsAfter(ws.root, ws.sst);
    assert.equal(before.length, 0, 'the example starts clean');
    // Point the example's unchanged script at the new checkpoint by hand: the rules see what is wrong.
    const r = await retarget(join(take, 'checkpoint'));
    assert.deepEqual(r.blockers, []);
    assert.deepEqual(r.remaining, []);
    assert.deepEqual(await errorsAfter(ws.root, ws.sst), []);
    assert.match(r.after, /"--ckpt-dir=\.\.\/m5out\/take_7\/checkpoint"/);
    assert.match(r.after, /local_memory_size = "2GiB"/);
    assert.match(r.after, /sst_memory_size = "8GiB"/);
    assert.match(r.after, /f"--remote-memory-addr-range=4294967296,8589934592"/);
    const g = await cpython(ws.sst, dirname(ws.sst));
    assert.equal(backendParam(g, 'mem_size'), '8GiB');
    assert.equal(comp(g, 'memory').params!.addr_range_end, '8589934592');
    const cmd = comp(g, 'gem5_node_0').params!.cmd;
    assert.match(cmd, /--ckpt-dir=\.\.\/m5out\/take_7\/checkpoint --take-ckpt=False$/);
    assert.match(cmd, / --local-memory-size=2GiB --remote-memory-addr-range=4294967296,8589934592 /);
  });

  it('a script already pointing at the checkpoint gets no edit', async () => {
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root] });
    assert.equal(r.after, r.before);
    assert.deepEqual(r.edits, []);
    assert.deepEqual(r.blockers, []);
  });

  it('switches an atomic restore CPU to timing, and adds --cpu-type=timing when cmd leaves the atomic default', async () => {
    await ws.edit(ws.sst, '"--cpu-type=timing"', '"--cpu-type=atomic"');
    let r = await retarget(ws.checkpoint);
    assert.match(r.after, /"--cpu-type=timing"/);
    assert.deepEqual(await errorsAfter(ws.root, ws.sst), []);
    await ws.edit(ws.sst, '        "--cpu-type=timing",\n', '');
    assert.ok((await errorsAfter(ws.root, ws.sst)).some((e) => e.startsWith('GS302')));
    r = await retarget(ws.checkpoint);
    assert.match(r.after, /"\.\.\/configs\/arm-sst-checkpoint\.py --cpu-type=timing"/);
    assert.deepEqual(await errorsAfter(ws.root, ws.sst), []);
    assert.match(comp(await cpython(ws.sst, dirname(ws.sst)), 'gem5_node_0').params!.cmd, /arm-sst-checkpoint\.py --cpu-type=timing /);
  });

  it('with two nodes built in one loop, a range both nodes compute is not rewritten: it names the line instead', async () => {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    const take = join(ws.root, 'm5out', 'take_8');
    await writeCheckpoint(take, { memories: sstBoardLayout(GiB, 0x100000000n, 2n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: join(take, 'checkpoint'), roots: [ws.root] });
    const rangeLine = await ws.lineOf(ws.sst, '--remote-memory-addr-range=');
    assert.ok(r.blockers.some((b) => b.line === rangeLine && /--remote-memory-addr-range/.test(b.message)), JSON.stringify(r.blockers));
    assert.doesNotMatch(r.after, /remote-memory-addr-range=4294967296,/);
    // The path is one literal for both nodes with one value: that edit is made.
    assert.match(r.after, /take_8\/checkpoint/);
  });

  it('refuses a directory that is not a checkpoint', async () => {
    await assert.rejects(computeRetarget({ sstScript: ws.sst, checkpointDir: ws.root, roots: [ws.root] }), /no m5\.cpt/);
  });
});

const corpus = findCorpus();

(corpus ? describe : describe.skip)('retarget: copies of the corpus restore scripts (../shared/corpus)', function () {
  this.timeout(60000);
  let base: string;
  let root: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'retarget-corpus-'));
    root = join(base, 'darchr-gem5-kg');
    await cp(join(corpus!, 'darchr-gem5-kg'), root, { recursive: true });
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  // --is-composable=True makes the stream script build the SST board (domain-spec §3.5), so its checkpoints have the
  // SST board's store order; one taken on the ArmComposableMemoryBoard would have the images swapped (GS211).
  it('checkpoints/arm_checkpoints.py: the chpt_dir variable\'s literal and the stated remote range follow an SST-board checkpoint whose remote window is at 10 GiB', async () => {
    const sst = join(root, 'ext', 'sst', 'sst', 'checkpoints', 'arm_checkpoints.py');
    const take = join(base, 'runs', 'take_b');
    await writeCheckpoint(take, { memories: sstBoardLayout(2n * GiB, 10n * GiB, 4n * GiB), cpu: { count: 1, type: 'ArmAtomicSimpleCPU' } });
    const r = await computeRetarget({ sstScript: sst, checkpointDir: join(take, 'checkpoint'), roots: [root] });
    assert.deepEqual(r.blockers, []);
    await writeFile(sst, r.after);
    assert.deepEqual(await errorsAfter(root, sst), []);
    assert.match(r.after, new RegExp(`^chpt_dir = "${join(take, 'checkpoint')}"$`, 'm'));
    assert.match(r.after, /f"--remote-memory-addr-range=10737418240,15032385536"/);
    const cmd = comp(await cpython(sst, dirname(sst)), 'gem5_node_0').params!.cmd;
    assert.ok(cmd.includes(`--chpt-dir=${join(take, 'checkpoint')} `), cmd);
    assert.match(cmd, /--remote-memory-addr-range=10737418240,15032385536 /);
  });

  it('restore/arm_restore.py: path and range edited in their f-strings; the computed SST memory size is named by line, not rewritten', async () => {
    const sst = join(root, 'ext', 'sst', 'sst', 'restore', 'arm_restore.py');
    const take = join(base, 'runs', 'take_a');
    await writeCheckpoint(take, { memories: sstBoardLayout(2n * GiB, 0x100000000n, 8n * GiB), cpu: { count: 1, type: 'ArmAtomicSimpleCPU' } });
    const r = await computeRetarget({ sstScript: sst, checkpointDir: join(take, 'checkpoint'), roots: [root] });
    const text = await readFile(sst, 'utf8');
    const memLine = text.split('\n').findIndex((l) => l.includes('"mem_size" : sst_memory_size')) + 1;
    assert.deepEqual(r.blockers.map((b) => b.line), [memLine]);
    const assigned = text.split('\n').findIndex((l) => l.startsWith('sst_memory_size = ')) + 1;
    assert.match(r.blockers[0].message, new RegExp(`mem_size \\(6GiB\\) is computed \\(sst_memory_size = … at line ${assigned}\\) with no literal to change; it must be at least 12GiB`));
    assert.deepEqual(r.remaining.map((f) => f.code), ['GS202']);
    assert.match(r.after, /f"--remote-memory-addr-range 4294967296,12884901888"/);
    assert.ok(r.after.includes(`f"--chpt-dir=${join(take, 'checkpoint')}"`));
    await writeFile(sst, r.after);
    const g = await cpython(sst, dirname(sst));
    assert.match(comp(g, 'gem5_node_0').params!.cmd, /--remote-memory-addr-range 4294967296,12884901888 /);
    // The hand edit the blocker asks for, and the pair is clean.
    await writeFile(sst, r.after.replace(/sst_memory_size = str\([^\n]*\n[^\n]*\+"GiB"/, 'sst_memory_size = "12GiB"'));
    assert.deepEqual(await errorsAfter(root, sst), []);
  });
});
