/**
 * Point Restore at Checkpoint edits the rank count in .vscode/tasks.json when GS501 would reject it (one gem5 per
 * rank, partitioner-aware), as a second file of the same result: on the example and on copies of the corpus restore
 * scripts with tasks.json of other rank counts. After writing both files the rules report no GS501 for the pair;
 * comments and formatting of tasks.json survive; ranks that cannot be decided are named by file and line.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeRetarget, retargetDiff, type RetargetResult } from '../../../server/src/retarget';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { GiB, composableBoardLayout, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';
import { findCorpus } from '../../support/corpusJobs';

async function gs501(root: string, file: string): Promise<string[]> {
  const engine = createWorkspaceEngine([root]);
  return (await engine.findingsFor(file)).filter((f) => f.code === 'GS501').map((f) => `${f.span.start.line + 1} ${f.message}`);
}

async function writeResult(r: RetargetResult): Promise<void> {
  await writeFile(r.file, r.after);
  for (const o of r.others) await writeFile(o.file, o.after);
}

const lineIn = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('retarget: the rank count in tasks.json (the example)', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  beforeEach(async () => { ws = await copyExample(); });
  afterEach(async () => ws.dispose());

  it('two gem5 nodes under "ranks": 1 become "ranks": 3 (sst.linear: memory and bus share rank 0), comments kept, GS501 gone', async () => {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    assert.equal((await gs501(ws.root, ws.sst)).length, 1, 'serial with two gem5 nodes: GS501 before');
    const tasksBefore = await readFile(ws.tasks, 'utf8');
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root] });
    assert.equal(r.others.length, 1);
    const t = r.others[0];
    assert.equal(t.file, ws.tasks);
    assert.equal(t.after, tasksBefore.replace('"ranks": 1', '"ranks": 3'), 'only the number changes: comments and layout stay');
    assert.ok(r.changes.some((c) => c.file === ws.tasks && c.line === lineIn(tasksBefore, '"ranks": 1') && /"ranks": 1 → 3 \(2 gem5Components, sst\.linear/.test(c.what)), JSON.stringify(r.changes));
    assert.ok(!r.remaining.some((f) => f.code === 'GS501'));
    const diff = retargetDiff(r, ws.root);
    assert.match(diff, /^--- a\/\.vscode\/tasks\.json\n\+\+\+ b\/\.vscode\/tasks\.json\n@@ [^\n]+\n(?: [^\n]*\n)*-\s+"ranks": 1\n\+\s+"ranks": 3\n/m);
    await writeResult(r);
    assert.deepEqual(await gs501(ws.root, ws.sst), []);
  });

  it('one gem5 node under "ranks": 1 leaves tasks.json alone', async () => {
    const take = join(ws.root, 'm5out', 'take_7');
    await writeCheckpoint(take, { memories: sstBoardLayout(2n * GiB, 0x100000000n, 4n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: join(take, 'checkpoint'), roots: [ws.root] });
    assert.notEqual(r.after, r.before);
    assert.deepEqual(r.others, []);
    assert.ok(!r.changes.some((c) => c.file));
  });

  it('inserts "ranks" in the file\'s own indentation when the task has none', async () => {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    await ws.edit(ws.tasks, ',\n      "ranks": 1', '');
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root] });
    assert.match(r.others[0]?.after ?? '', /"cwd": "\$\{workspaceFolder\}\/sst",\n {6}"ranks": 3\n {4}\}/);
    assert.match(r.others[0].after, /^ {2}\/\/ Take a checkpoint with gem5 alone/m);
    await writeResult(r);
    assert.deepEqual(await gs501(ws.root, ws.sst), []);
  });

  it('reads a task without "ranks" as gem5sst.defaultRanks: left alone at 3, raised to 3 from 2', async () => {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    await ws.edit(ws.tasks, ',\n      "ranks": 1', '');
    const enough = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root], settings: { ...DEFAULT_SETTINGS, defaultRanks: 3 } });
    assert.deepEqual(enough.others, [], 'launched with 3 ranks already: nothing to write');
    assert.ok(!enough.remaining.some((f) => f.code === 'GS501'));
    const short = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root], settings: { ...DEFAULT_SETTINGS, defaultRanks: 2 } });
    assert.match(short.others[0]?.after ?? '', /"ranks": 3\n/);
    assert.ok(short.changes.some((c) => c.file === ws.tasks && c.what.startsWith('"ranks": (absent, 2) → 3')), JSON.stringify(short.changes));
  });

  it('uses the open tasks.json buffer, not the file on disk', async () => {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    const buffer = (await readFile(ws.tasks, 'utf8')).replace('"ranks": 1', '"ranks": 2');
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root], textOf: (p) => (p === ws.tasks ? buffer : undefined) });
    assert.equal(r.others[0].before, buffer);
    assert.match(r.others[0].after, /"ranks": 3/);
    assert.ok(r.changes.some((c) => /"ranks": 2 → 3/.test(c.what)));
  });

  it('names the line of a "ranks" it cannot read (an ${input:…}) and of a shell task running mpirun, editing neither', async () => {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    await ws.edit(ws.tasks, '"ranks": 1', '"ranks": "${input:ranks}"');
    await ws.edit(ws.tasks, '  "tasks": [\n', '  "tasks": [\n    { "label": "restore by hand", "type": "shell", "command": "mpirun -np 1 sst restore.py" },\n');
    const text = await readFile(ws.tasks, 'utf8');
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root] });
    assert.deepEqual(r.others, []);
    const mine = r.blockers.filter((b) => b.file === ws.tasks).sort((a, b) => a.line - b.line);
    assert.deepEqual(mine.map((b) => b.line), [lineIn(text, 'restore by hand'), lineIn(text, '"ranks"')]);
    assert.match(mine[0].message, /task "restore by hand" runs restore\.py with a command line the model cannot read: make it give at least 2 ranks/);
    assert.match(mine[1].message, /"ranks" is "\$\{input:ranks\}", not a rank count the model can read: it must be at least 2/);
  });

  it('with no task running the script, states the rank count it needs at the second gem5Component, and creates no tasks.json', async () => {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    await rm(ws.tasks);
    const r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root] });
    assert.deepEqual(r.others, []);
    const b = r.blockers.find((x) => /no sst task/.test(x.message));
    assert.equal(b?.line, await ws.lineOf(ws.sst, 'gem5_node = sst.Component('));
    assert.match(b!.message, /run it with at least 3 ranks \(mpirun -np 3, sst\.linear\)/);
  });

  it('an unknown partitioner is named at its sstArgs line; the script\'s setProgramOption partitioner counts when the task gives none', async () => {
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    await ws.edit(ws.tasks, '"ranks": 1', '"ranks": 1,\n      "sstArgs": ["--partitioner=sst.roundrobin"]');
    let text = await readFile(ws.tasks, 'utf8');
    let r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root] });
    assert.deepEqual(r.others, []);
    const b = r.blockers.find((x) => x.file === ws.tasks);
    assert.equal(b?.line, lineIn(text, 'sst.roundrobin'));
    assert.match(b!.message, /cannot be decided: the partitioner sst\.roundrobin places components in a way the model does not know/);
    // Serial with one gem5 node: the partitioner does not matter (SST uses sst.single), so nothing is said.
    await ws.edit(ws.sst, 'nodes = 2', 'nodes = 1');
    r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root] });
    assert.deepEqual(r.blockers.filter((x) => x.file === ws.tasks), []);
    await ws.edit(ws.sst, 'nodes = 1', 'nodes = 2');
    // The task's sstArgs win over the script: without them, the script's choice decides.
    await ws.edit(ws.tasks, ',\n      "sstArgs": ["--partitioner=sst.roundrobin"]', '');
    await ws.edit(ws.sst, 'import sst\n', 'import sst\nsst.setProgramOption("partitioner", "zoltan")\n');
    text = await readFile(ws.sst, 'utf8');
    r = await computeRetarget({ sstScript: ws.sst, checkpointDir: ws.checkpoint, roots: [ws.root] });
    assert.deepEqual(r.others, []);
    const s = r.blockers.find((x) => !x.file && /partitioner zoltan/.test(x.message));
    assert.equal(s?.line, lineIn(text, 'setProgramOption'));
  });
});

const corpus = findCorpus();

(corpus ? describe : describe.skip)('retarget: the rank count for copies of the corpus restore scripts', function () {
  this.timeout(60000);
  let base: string;
  let root: string;
  let tasks: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'retarget-ranks-'));
    root = join(base, 'darchr-gem5-kg');
    await cp(join(corpus!, 'darchr-gem5-kg'), root, { recursive: true });
    tasks = join(root, '.vscode', 'tasks.json');
    await mkdir(join(root, '.vscode'));
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  async function setup(script: string, nodes: number, task: Record<string, unknown>): Promise<string> {
    const sst = join(root, 'ext', 'sst', 'sst', script);
    await writeFile(sst, (await readFile(sst, 'utf8')).replace(/^system_nodes = 1$/m, `system_nodes = ${nodes}`));
    const body = JSON.stringify({ label: 'restore', type: 'sst', action: 'restore', script: `sst/${script}`, cwd: '${workspaceFolder}/ext/sst', ...task }, null, 4);
    await writeFile(tasks, `{\n    // restores under MPI\n    "version": "2.0.0",\n    "tasks": [\n${body.replace(/^/gm, '        ')}\n    ]\n}\n`);
    return sst;
  }

  it('restore/arm_restore.py, 3 nodes under the default sst.linear with "ranks": 2 → 4 (membus and memory first), then no GS501', async () => {
    const sst = await setup('restore/arm_restore.py', 3, { ranks: 2 });
    assert.ok((await gs501(root, sst)).length > 0);
    const take = join(base, 'runs', 'take_a');
    await writeCheckpoint(take, { memories: sstBoardLayout(2n * GiB, 0x100000000n, 8n * GiB), cpu: { count: 1, type: 'ArmAtomicSimpleCPU' } });
    const r = await computeRetarget({ sstScript: sst, checkpointDir: join(take, 'checkpoint'), roots: [root] });
    assert.match(r.others[0]?.after ?? '', /"ranks": 4\n/);
    assert.match(r.others[0].after, /\/\/ restores under MPI/);
    await writeResult(r);
    assert.deepEqual(await gs501(root, sst), []);
  });

  it('checkpoints/arm_checkpoints.py with --partitioner=self: setRank(node + 1) for 2 nodes needs 3 ranks', async () => {
    const sst = await setup('checkpoints/arm_checkpoints.py', 2, { ranks: 1, sstArgs: ['--partitioner=self'] });
    const take = join(base, 'runs', 'take_b');
    await writeCheckpoint(take, { memories: composableBoardLayout(2n * GiB, 4n * GiB), cpu: { count: 1, type: 'ArmAtomicSimpleCPU' } });
    const r = await computeRetarget({ sstScript: sst, checkpointDir: join(take, 'checkpoint'), roots: [root] });
    assert.ok(r.changes.some((c) => c.file === tasks && /"ranks": 1 → 3 \(2 gem5Components, self: one gem5 per rank\)/.test(c.what)), JSON.stringify(r.changes));
    await writeResult(r);
    assert.deepEqual(await gs501(root, sst), []);
  });

  it('--partitioner=self with two gem5Components given one setRank: no rank count helps, the setRank line is named', async () => {
    const sst = await setup('checkpoints/arm_sst_main.py', 2, { ranks: 4, sstArgs: ['--partitioner', 'sst.self'] });
    await writeFile(sst, (await readFile(sst, 'utf8')).replace('gem5_nodes[node].setRank(node, 0)', 'gem5_nodes[node].setRank(1, 0)'));
    const take = join(base, 'runs', 'take_c');
    await writeCheckpoint(take, { memories: composableBoardLayout(2n * GiB, 4n * GiB), cpu: { count: 1, type: 'ArmAtomicSimpleCPU' } });
    const r = await computeRetarget({ sstScript: sst, checkpointDir: join(take, 'checkpoint'), roots: [root] });
    assert.deepEqual(r.others, []);
    const b = r.blockers.find((x) => /setRank puts gem5_node_1 on rank 1 with gem5_node_0/.test(x.message));
    assert.ok(b && !b.file, JSON.stringify(r.blockers));
    assert.ok(r.remaining.some((f) => f.code === 'GS501'), 'the rule still reports it');
  });
});
