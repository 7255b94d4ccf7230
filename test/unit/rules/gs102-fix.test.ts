import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workingDirectoryActions } from '../../../server/src/lsp/workingDirectoryFix';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { workingDirectoryCandidates } from '../../../server/src/workspace/workingDirectoryCandidates';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';
import { applyEdits } from '../../support/lspClient';

const everywhere = { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } };

async function gs102And(ws: ExampleCopy) {
  const engine = createWorkspaceEngine([ws.root]);
  const findings = (await engine.findingsAll()).get(ws.sst) ?? [];
  const { scripts } = await engine.snapshot();
  const actions = workingDirectoryActions(ws.sst, everywhere, await engine.runsFor(ws.sst), {
    root: ws.root, knownFiles: scripts.keys(), textOf: (p) => readFileSync(p, 'utf8'), diagnosticFor: () => undefined,
  });
  return { gs102: findings.filter((f) => f.code === 'GS102'), actions };
}

describe('GS102 and the SST working directory: candidates and the quick fix', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  beforeEach(async () => {
    ws = await copyExample({ checkpoint: false });
  });
  afterEach(() => ws.dispose());

  it('an sst task whose cwd makes cmd miss the gem5 script: the message names the directory, the fix edits the task cwd and clears GS102', async () => {
    await ws.edit(ws.tasks, '"cwd": "${workspaceFolder}/sst"', '"cwd": "${workspaceFolder}"');
    await ws.edit(ws.tasks, '"script": "restore.py"', '"script": "sst/restore.py"');
    const { gs102, actions } = await gs102And(ws);
    assert.equal(gs102.length, 1);
    assert.match(gs102[0].message, new RegExp(`it resolves when SST runs in ${join(ws.root, 'sst').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const fix = actions.find((a) => a.edit);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.match(fix!.title, /^Run SST in sst \(the sst task's cwd\)/);
    const edits = Object.values(fix!.edit!.changes!)[0];
    writeFileSync(ws.tasks, applyEdits(readFileSync(ws.tasks, 'utf8'), edits));
    assert.match(readFileSync(ws.tasks, 'utf8'), /"cwd": "\$\{workspaceFolder\}\/sst"/);
    assert.deepEqual((await gs102And(ws)).gs102, []);
  });

  it('no sst task and a script that resolves only from an ancestor: offers to pin the setting to that ancestor (no diagnostic)', async () => {
    const tasks = JSON.parse(readFileSync(ws.tasks, 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { tasks: { type: string }[] };
    tasks.tasks = tasks.tasks.filter((t) => t.type !== 'sst');
    writeFileSync(ws.tasks, JSON.stringify(tasks));
    mkdirSync(join(ws.root, 'sst', 'runs'));
    const moved = join(ws.root, 'sst', 'runs', 'restore.py');
    renameSync(ws.sst, moved);
    ws.sst = moved;
    const { gs102, actions } = await gs102And(ws);
    assert.deepEqual(gs102, [], 'an inferred directory is not a defect');
    assert.equal(actions.length, 1);
    assert.match(actions[0].title, /^Pin the SST working directory to sst \(gem5sst\.sst\.workingDirectory\)/);
    assert.deepEqual(actions[0].command?.arguments, [{ script: moved, dir: join(ws.root, 'sst') }]);
  });

  it('a script that resolves from nowhere says so and offers no fix', async () => {
    await ws.edit(ws.sst, '"../configs/arm-sst-checkpoint.py"', '"../../configs/arm-sst-checkpoint.py"');
    const { gs102, actions } = await gs102And(ws);
    assert.equal(gs102.length, 1);
    assert.match(gs102[0].message, /no directory in the workspace has it$/);
    assert.deepEqual(actions, []);
  });
});

describe('working-directory candidates from the workspace files', () => {
  it('finds the directory of a known file that ends with the cmd path when no ancestor has it, and keeps ../ steps on the SST script path', () => {
    const t = mkdtempSync(join(tmpdir(), 'wd-'));
    try {
      for (const f of ['a/configs/x.py', 'b/c/s.py', 'g/ext/sst/s2.py', 'g/configs/y.py']) {
        mkdirSync(join(t, f, '..'), { recursive: true });
        writeFileSync(join(t, f), '');
      }
      const known = ['a/configs/x.py', 'g/configs/y.py'].map((f) => join(t, f));
      const exists = (p: string) => { try { readFileSync(p); return true; } catch { return false; } };
      assert.deepEqual(workingDirectoryCandidates('configs/x.py', join(t, 'b/c/s.py'), t, known, exists), [join(t, 'a')]);
      // From g/ext/sst, ../../configs/y.py resolves (an ancestor walk finds it first).
      assert.deepEqual(workingDirectoryCandidates('../../configs/y.py', join(t, 'g/ext/sst/s2.py'), t, known, exists), [join(t, 'g/ext/sst')]);
      assert.deepEqual(workingDirectoryCandidates('/abs/x.py', join(t, 'b/c/s.py'), t, known, exists), []);
    } finally {
      rmSync(t, { recursive: true, force: true });
    }
  });
});
