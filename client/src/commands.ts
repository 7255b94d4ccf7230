/**
 * Palette and tree commands: take/restore with quick picks (remembering the last choice), verify with cancellable
 * progress, the explorer, remote-image replacement with backup and undo, logs and restart.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { undoReplaceRemoteImage, verifyCheckpoint } from '../../server/src/checkpoint';
import { replaceRemoteWithConfirmation } from './replaceRemote';
import type { ServerController } from './languageClient';
import { missingFor, reportMissing } from './tasks/launchCheck';
import { preflight } from './tasks/preflight';
import { buildTask, type TaskSuggestions } from './tasks/taskProvider';
import { expandWorkspaceFolder, type SimTaskDefinition } from './tasks/commandLine';
import { CheckpointTree } from './tree/checkpointTree';

type Action = 'take' | 'restore-sst' | 'restore-gem5';

interface Deps {
  context: vscode.ExtensionContext;
  server: ServerController;
  tasks: TaskSuggestions;
  tree: CheckpointTree;
  log: vscode.LogOutputChannel;
  openExplorer(dir: string): void;
}

function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage('gem5 + SST: trust this workspace to run gem5 or SST.', 'Manage Workspace Trust')
    .then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder' });
}

function matches(action: Action, def: Record<string, unknown>): boolean {
  if (action === 'take') return def.type === 'gem5' && def.action === 'take';
  if (action === 'restore-gem5') return def.type === 'gem5' && def.action === 'restore';
  return def.type === 'sst';
}

async function runAction(deps: Deps, action: Action, checkpointDir?: string): Promise<void> {
  if (!requireTrust()) return;
  const folder = await pickFolder();
  if (!folder) return;
  const suggestions = (await deps.tasks.suggested(folder)).filter((s) => matches(action, s.definition));
  if (!suggestions.length) {
    void vscode.window.showInformationMessage('gem5 + SST: no gem5/SST script pair found for this. Define a task in .vscode/tasks.json (type "gem5" or "sst").');
    return;
  }
  const memoKey = `gem5sst.last.${action}`;
  const last = deps.context.workspaceState.get<string>(memoKey);
  const items = suggestions.map((s) => ({ label: s.label, detail: s.detail, suggestion: s }))
    .sort((a, b) => (a.label === last ? -1 : b.label === last ? 1 : 0));
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { placeHolder: 'Which run?' });
  if (!picked) return;
  await deps.context.workspaceState.update(memoKey, picked.label);
  const def = { ...picked.suggestion.definition } as unknown as SimTaskDefinition & Record<string, unknown>;
  if (checkpointDir && def.type === 'gem5' && Array.isArray(def.args)) {
    def.args = (def.args as string[]).map((a) => (/^--(ckpt-dir|chpt-dir)=/.test(a) ? `${a.split('=')[0]}=${checkpointDir}` : a));
  }
  // The script path is relative to the task's working directory (for SST: where SST runs).
  const cwd = def.cwd ? resolve(folder.uri.fsPath, expandWorkspaceFolder(String(def.cwd), folder.uri.fsPath)) : folder.uri.fsPath;
  const missing = missingFor(def, folder);
  if (missing) {
    void reportMissing(missing, folder);
    return;
  }
  if (!(await preflight(deps.server, folder, resolve(cwd, String(def.script))))) return;
  await vscode.tasks.executeTask(buildTask(def, folder, picked.label));
}

async function pickCheckpoint(deps: Deps, arg: unknown, title: string): Promise<string | undefined> {
  const dir = CheckpointTree.dirOf(arg);
  if (dir) return dir;
  const dirs: string[] = [];
  for (const f of vscode.workspace.workspaceFolders ?? []) dirs.push(...(await deps.tree.checkpointDirs(f)));
  if (dirs.length === 1) return dirs[0];
  const picked = await vscode.window.showQuickPick(dirs.map((d) => ({ label: vscode.workspace.asRelativePath(d), dir: d })), { placeHolder: title });
  return picked?.dir;
}

export async function verifyWithProgress(dir: string, log: vscode.LogOutputChannel): Promise<void> {
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Verifying ${vscode.workspace.asRelativePath(dir)}`, cancellable: true }, async (progress, token) => {
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    let lastPercent = 0;
    return verifyCheckpoint(dir, {
      signal: ac.signal,
      onProgress(done, total, store) {
        const percent = total ? Number((done * 100n) / total) : 100;
        if (percent !== lastPercent) progress.report({ message: `store${store} ${percent}%`, increment: 0 });
        lastPercent = percent;
      },
    }).catch((e) => {
      if (ac.signal.aborted) return null;
      throw e;
    });
  });
  if (!results) return;
  const broken = results.filter((r) => !r.ok);
  for (const r of results) log.info(`verify ${dir} store${r.id}: ${r.ok ? 'ok' : r.problems.map((p) => p.message).join('; ')}`);
  if (broken.length) void vscode.window.showErrorMessage(`gem5 + SST: ${broken.length} broken store(s): ${broken.map((b) => b.problems[0]?.message).join('; ')}`);
  else void vscode.window.showInformationMessage(`gem5 + SST: all ${results.length} stores are intact and range_size long.`);
}

export function registerCommands(deps: Deps): void {
  const { context, log } = deps;
  const reg = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg('gem5sst.takeCheckpoint', () => runAction(deps, 'take'));
  reg('gem5sst.restoreInSst', (arg) => runAction(deps, 'restore-sst', CheckpointTree.dirOf(arg) ?? undefined));
  reg('gem5sst.restoreGem5', (arg) => runAction(deps, 'restore-gem5', CheckpointTree.dirOf(arg) ?? undefined));
  reg('gem5sst.verifyCheckpoint', async (arg) => {
    const dir = await pickCheckpoint(deps, arg, 'Checkpoint to verify');
    if (dir) await verifyWithProgress(dir, log);
  });
  reg('gem5sst.openExplorer', async (arg) => {
    const dir = await pickCheckpoint(deps, arg, 'Checkpoint to explore');
    if (dir) deps.openExplorer(dir);
  });
  reg('gem5sst.replaceRemoteImage', (arg) => replaceRemoteWithConfirmation(deps, arg));
  reg('gem5sst.undoReplaceRemoteImage', async (arg) => {
    const target = await pickCheckpoint(deps, arg, 'Checkpoint whose remote store replacement to undo');
    if (!target) return;
    const ok = await vscode.window.showWarningMessage(`Undo the remote-image replacement in ${vscode.workspace.asRelativePath(target)}?`,
      { modal: true, detail: 'The replaced store is deleted and its backup (.before-replace) put back in its place.' }, 'Undo Replacement');
    if (ok !== 'Undo Replacement') return;
    try {
      const r = await undoReplaceRemoteImage(target);
      for (const note of r.recovered) log.info(`undo ${target}: ${note}`);
      deps.tree.refresh();
      void vscode.window.showInformationMessage(`gem5 + SST: ${vscode.workspace.asRelativePath(r.target)} restored from its backup.`);
    } catch (e) {
      void vscode.window.showErrorMessage(`gem5 + SST: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  reg('gem5sst.refreshCheckpoints', () => deps.tree.refresh());
  reg('gem5sst.revealCheckpoint', (arg) => {
    const dir = CheckpointTree.dirOf(arg);
    if (dir) void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(join(dir, 'm5.cpt')));
  });
  reg('gem5sst.copyCheckpointPath', (arg) => {
    const dir = CheckpointTree.dirOf(arg);
    if (dir) void vscode.env.clipboard.writeText(dir);
  });
  reg('gem5sst.showLogs', () => log.show());
  reg('gem5sst.restartServer', () => deps.server.restart());
  reg('gem5sst.openExample', async () => {
    const example = context.asAbsolutePath('examples/disaggregated');
    if (!existsSync(example)) {
      void vscode.window.showInformationMessage('gem5 + SST: the example workspace ships with the source repository (examples/disaggregated); run `npm run example` there to generate its checkpoint.');
      return;
    }
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(example), { forceNewWindow: true });
  });
}
