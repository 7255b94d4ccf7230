import assert from 'node:assert/strict';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../support/cli';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';

interface Diagnostic { file: string; code: string; severity: string; message: string }
const diagnostics = (args: string[]): Diagnostic[] => {
  const r = runCli(['check', ...args, '--format', 'json']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout).diagnostics as Diagnostic[];
};
const codes = (d: Diagnostic[]) => d.filter((x) => x.severity !== 'information').map((x) => `${x.code} ${x.file}`).sort();

describe('gem5-ckpt check of a file or a subfolder: the workspace context counts', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  before(() => ensureBuilt());
  beforeEach(async () => {
    ws = await copyExample();
  });
  afterEach(() => ws.dispose());

  it('a file in a workspace (.vscode/) is checked with its tasks: the sst task\'s cwd resolves its cmd (no false GS102)', async () => {
    // SST runs in the workspace folder, as the task says; the cmd paths are relative to it.
    await ws.edit(ws.tasks, '"cwd": "${workspaceFolder}/sst"', '"cwd": "${workspaceFolder}"');
    await ws.edit(ws.sst, '"../configs/arm-sst-checkpoint.py"', '"configs/arm-sst-checkpoint.py"');
    await ws.edit(ws.sst, '"--ckpt-dir=../m5out/take_0/checkpoint"', '"--ckpt-dir=m5out/take_0/checkpoint"');
    assert.deepEqual(codes(diagnostics([ws.root])), [], 'the folder is clean');
    assert.deepEqual(codes(diagnostics([ws.sst])), [], 'and so is its SST script checked alone');
    assert.deepEqual(codes(diagnostics([join(ws.root, 'sst')])), [], 'and its subfolder');
  });

  it('checking a file shows only its findings and those of what its runs read, not the rest of the workspace', async () => {
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    await mkdir(join(ws.root, 'other'));
    await copyFile(ws.sst, join(ws.root, 'other', 'unrelated.py'));
    const all = codes(diagnostics([ws.root]));
    assert.ok(all.some((c) => c.endsWith('other/unrelated.py')), all.join('\n'));
    const one = diagnostics([ws.sst]);
    assert.deepEqual(codes(one), ['GS202 restore.py', 'GS204 restore.py']);
  });

  it('a file outside any workspace: a gem5 script that exists above the checked file\'s folder is not called missing', async () => {
    await rm(join(ws.root, '.vscode'), { recursive: true });
    // sst/deeper/restore.py runs ../configs/… from sst/, one level above its own folder.
    await mkdir(join(ws.root, 'sst', 'deeper'));
    const deeper = join(ws.root, 'sst', 'deeper', 'restore.py');
    await copyFile(ws.sst, deeper);
    const d = diagnostics([deeper]);
    assert.equal(d.filter((x) => x.code === 'GS102').length, 0, JSON.stringify(d));
    assert.deepEqual(codes(d), []);
  });

  it('a file outside any workspace whose gem5 script exists nowhere above it still gets GS102', async () => {
    await rm(join(ws.root, '.vscode'), { recursive: true });
    await ws.edit(ws.sst, '"../configs/arm-sst-checkpoint.py"', '"../configs/missing.py"');
    assert.deepEqual(codes(diagnostics([ws.sst])), ['GS102 restore.py']);
  });
});
