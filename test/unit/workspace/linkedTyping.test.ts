/**
 * Typing in a gem5 script that other files run (the example's SST node and gem5 take task run it): each pull
 * answers from the script's own pass and the linked part carried over; the linked runs are resolved again once
 * edits settle, and the engine asks for one refresh when that changed a finding.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { TextEdit } from '../../../server/src/config/scriptDocument';
import type { Finding } from '../../../server/src/rules/types';
import { createWorkspaceEngine, type CheckPass, type WorkspaceIndex } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

async function untilCurrent(engine: WorkspaceIndex): Promise<void> {
  for (let i = 0; i < 1000 && !engine.isCurrent(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(engine.isCurrent(), 'the settled workspace pass ran by itself');
}

const shown = (fs: readonly Finding[]) => fs.map((f) => `${f.code}@${f.span.start.line}:${f.span.start.character}`).sort();

/** An engine over the example with both scripts open and one finished workspace pass (the links are known). */
async function linkedEngine(ws: ExampleCopy, gem5Text: string) {
  const passes: CheckPass[] = [];
  let refreshes = 0;
  const engine = createWorkspaceEngine([ws.root], undefined, { onDidChange: () => refreshes++, onPass: (p) => passes.push(p) });
  engine.setOpenDocument(ws.sst, readFileSync(ws.sst, 'utf8'), 1);
  engine.setOpenDocument(ws.gem5, gem5Text, 1);
  await engine.findingsAll();
  await engine.findingsFor(ws.gem5);
  passes.length = 0;
  return { engine, passes, refreshes: () => refreshes };
}

/** The exact findings of `gem5` for these texts: a whole-workspace pass of a fresh engine. */
async function exactFindings(ws: ExampleCopy, gem5Text: string): Promise<Finding[]> {
  const engine = createWorkspaceEngine([ws.root]);
  engine.setOpenDocument(ws.sst, readFileSync(ws.sst, 'utf8'), 1);
  engine.setOpenDocument(ws.gem5, gem5Text, 1);
  return (await engine.findingsAll()).get(ws.gem5) ?? [];
}

/** Applies one edit to `text` through the engine and returns the new text. */
function type(engine: WorkspaceIndex, path: string, text: string, edit: TextEdit, version: number): string {
  const next = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
  engine.changeOpenDocument(path, [edit], next, version);
  return next;
}

describe('workspace engine: typing in a gem5 script that other files run', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  let original: string;
  before(async () => {
    ws = await copyExample();
    original = readFileSync(ws.gem5, 'utf8');
  });
  after(() => ws.dispose());

  it('keeps a finding the SST node run makes in the script, moved with the lines typed above it, without resolving that run per edit', async () => {
    // A fixed local memory size the checkpoint does not hold: GS208, reported in the gem5 script by the restore run.
    const start = original.replace('size=args.local_memory_size', 'size="2GiB"');
    const { engine, passes, refreshes } = await linkedEngine(ws, start);
    assert.deepEqual(shown(await engine.findingsFor(ws.gem5)), ['GS208@43:43']);
    let text = start;
    let v = 1;
    // One character at a time at the end of the blank line before `cache_hierarchy = …` (4 lines above GS208).
    const at = start.indexOf('\ncache_hierarchy');
    for (const [i, ch] of [...'# a comment\n'].entries()) text = type(engine, ws.gem5, text, { from: at + i, to: at + i, insert: ch }, ++v);
    const typed = await engine.findingsFor(ws.gem5);
    assert.deepEqual(shown(typed), ['GS208@44:43']);
    assert.deepEqual(typed, await exactFindings(ws, text), 'the same findings an exact pass gives for this text');
    assert.ok(passes.length > 0 && passes.every((p) => p.focus === ws.gem5 && p.scripts.length === 1 && !p.taskFiles.length),
      `only passes over the gem5 script alone ran while typing: ${JSON.stringify(passes.map((p) => [p.focus, p.scripts, p.taskFiles]))}`);
    await untilCurrent(engine);
    assert.equal(refreshes(), 0, 'what the pulls showed was right: no refresh');
  });

  it('a linked finding an edit brings about arrives after the edits settle, with one refresh', async () => {
    const { engine, refreshes } = await linkedEngine(ws, original);
    assert.deepEqual(await engine.findingsFor(ws.gem5), []);
    let text = original;
    const at = original.indexOf('args.local_memory_size');
    text = type(engine, ws.gem5, text, { from: at, to: at + 'args.local_memory_size'.length, insert: '"2GiB"' }, 2);
    assert.deepEqual(await engine.findingsFor(ws.gem5), [], 'answered before the linked runs are resolved again');
    text = type(engine, ws.gem5, text, { from: text.length, to: text.length, insert: '# end\n' }, 3);
    assert.deepEqual(await engine.findingsFor(ws.gem5), []);
    await untilCurrent(engine);
    assert.equal(refreshes(), 1);
    const settled = await engine.findingsFor(ws.gem5);
    assert.deepEqual(shown(settled), ['GS208@43:43']);
    assert.deepEqual(settled, await exactFindings(ws, text));
  });

  it('an edit in the SST script drops the carried-over part: the gem5 script’s next answer is exact', async () => {
    const start = original.replace('size=args.local_memory_size', 'size="2GiB"');
    const { engine } = await linkedEngine(ws, start);
    assert.deepEqual(shown(await engine.findingsFor(ws.gem5)), ['GS208@43:43']);
    // The node now runs another gem5 script (one that does not exist): GS208 is gone, though the gem5 script did not change.
    const sst = readFileSync(ws.sst, 'utf8');
    assert.ok(sst.includes('"../configs/arm-sst-checkpoint.py"'));
    engine.setOpenDocument(ws.sst, sst.replace('"../configs/arm-sst-checkpoint.py"', '"../configs/other.py"'), 2);
    // Typing in the gem5 script again (below the finding), before any settled pass.
    const at = start.indexOf('board = ');
    type(engine, ws.gem5, start, { from: at, to: at, insert: '#\n' }, 2);
    assert.equal(engine.isCurrent(), false);
    const after = await engine.findingsFor(ws.gem5);
    assert.ok(!after.some((f) => f.code === 'GS208'), `GS208 came from the old SST script: ${shown(after).join(', ')}`);
  });
});
