/**
 * Runs inside the real extension host (VS Code 1.100.3 in code-server), with the extension loaded from source.
 * The workspace is the example with one planted defect (SST memory written as "5GB").
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';

const results: { name: string; ok: boolean; error?: string }[] = [];

async function check(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok - ${name}`);
  } catch (e) {
    results.push({ name, ok: false, error: e instanceof Error ? e.stack : String(e) });
    console.log(`not ok - ${name}\n${e instanceof Error ? e.stack : String(e)}`);
  }
}

async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run(): Promise<void> {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const sst = vscode.Uri.file(join(root, 'sst', 'restore.py'));
  const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'gem5-sst-checkpoints');

  await check('the extension activates in a workspace with a checkpoint', async () => {
    assert.ok(ext, 'extension present');
    await waitFor('activation', () => ext!.isActive, 30000);
  });

  await check('its commands are registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['gem5sst.takeCheckpoint', 'gem5sst.restoreInSst', 'gem5sst.verifyCheckpoint', 'gem5sst.openExplorer', 'gem5sst.replaceRemoteImage', 'gem5sst.restartServer']) {
      assert.ok(all.includes(c), c);
    }
  });

  const doc = await vscode.workspace.openTextDocument(sst);
  await vscode.window.showTextDocument(doc);

  await check('diagnostics with rule codes arrive for the planted defect', async () => {
    const diags = await waitFor('GS202 and GS204', () => {
      const d = vscode.languages.getDiagnostics(sst);
      const codes = d.map((x) => (typeof x.code === 'object' ? String(x.code.value) : String(x.code)));
      return codes.includes('GS202') && codes.includes('GS204') ? d : undefined;
    });
    const gs202 = diags.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'GS202')!;
    assert.equal(gs202.severity, vscode.DiagnosticSeverity.Error);
    assert.match(gs202.message, /SST memory ends at 0x12a05f1ff/);
  });

  await check('the quick fix, applied through the API, clears the diagnostics', async () => {
    const gs204 = vscode.languages.getDiagnostics(sst).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'GS204')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', sst, gs204.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.includes('GiB'));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    await waitFor('no GS202/GS204', () => (vscode.languages.getDiagnostics(sst).length === 0 ? true : undefined));
    assert.match(doc.getText(), /sst_memory_size = "5GiB"/);
  });

  await check('the task provider offers take and restore runs for the example', async () => {
    const tasks = await waitFor('tasks', async () => {
      const t = await vscode.tasks.fetchTasks();
      return t.some((x) => x.definition.type === 'gem5' && x.definition.action === 'take') ? t : undefined;
    });
    const take = tasks.find((t) => t.definition.type === 'gem5' && t.definition.action === 'take' && /atomic/.test(t.name))!;
    const exec = take.execution as vscode.ProcessExecution;
    assert.ok(exec instanceof vscode.ProcessExecution, 'a process, not a shell');
    assert.ok(exec.args.includes('--cpu-type=atomic') && exec.args.includes('--take-ckpt=True'), exec.args.join(' '));
    assert.ok(tasks.some((t) => t.definition.type === 'sst'), 'an SST restore task');
  });

  await check('each task type is provided by its own provider, returning only tasks of that type', async () => {
    const gem5 = await vscode.tasks.fetchTasks({ type: 'gem5' });
    const sst = await vscode.tasks.fetchTasks({ type: 'sst' });
    assert.ok(gem5.length && gem5.every((t) => t.definition.type === 'gem5'), gem5.map((t) => `${t.definition.type}:${t.name}`).join(', '));
    assert.ok(sst.length && sst.every((t) => t.definition.type === 'sst'), sst.map((t) => `${t.definition.type}:${t.name}`).join(', '));
    // The example's SST script has one gem5 node: it runs serially, so no mpirun/srun run is offered.
    assert.ok(!sst.some((t) => /mpirun|srun/.test(t.name)), sst.map((t) => t.name).join(', '));
  });

  await check('a task whose sst is missing does not start it: its execution reports the launch check instead', async () => {
    const config = vscode.workspace.getConfiguration('gem5sst', vscode.workspace.workspaceFolders![0]);
    const before = config.inspect<string>('sst.path')?.workspaceValue;
    await config.update('sst.path', join(root, 'no-such-sst'), vscode.ConfigurationTarget.Workspace);
    try {
      const serial = (await vscode.tasks.fetchTasks({ type: 'sst' })).find((t) => /single rank/.test(t.name));
      assert.ok(serial, 'the serial restore is offered');
      assert.ok(serial!.execution instanceof vscode.CustomExecution, 'not a process that would fail with the raw terminal error');
    } finally {
      await config.update('sst.path', before, vscode.ConfigurationTarget.Workspace);
    }
    const again = (await vscode.tasks.fetchTasks({ type: 'sst' })).find((t) => /single rank/.test(t.name));
    assert.ok(again?.execution instanceof vscode.ProcessExecution, 'with sst found again it is a process');
  });

  await check('the graph output of the SST script names its gem5 node, gem5 script and checkpoint', async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('gem5sst.openGraphOutput');
    const graph = await waitFor('graph output', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'gem5sst-graph' && /gem5_node_0/.test(d.getText())));
    assert.match(graph.getText(), /gem5_node_0 → configs\/arm-sst-checkpoint\.py · restore · m5out\/take_0\/checkpoint/);
    assert.match(graph.getText(), /SST working directory: `sst` — the cwd of the sst task/);
  });

  await check('the checkpoint explorer opens for the example checkpoint', async () => {
    await vscode.commands.executeCommand('gem5sst.openExplorer', join(root, 'm5out', 'take_0', 'checkpoint'));
    await waitFor('explorer tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label.startsWith('Checkpoint')) || undefined);
  });

  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} of ${results.length} in-host checks failed:\n${failed.map((f) => `${f.name}: ${f.error}`).join('\n')}`);
}
