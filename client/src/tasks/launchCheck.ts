/**
 * Launch check: before gem5, sst, mpirun or srun is started, make sure the OS can find it. A missing one gives a
 * message naming the executable and where its name came from, with "Set path…" (pick the file, stored in the setting
 * where it is defined) and "Open Settings" — instead of VS Code's raw terminal error.
 */
import * as vscode from 'vscode';
import { executableSettings } from '../settings';
import { processFor, type SimTaskDefinition } from './commandLine';
import { executablesOf, missingExecutable, missingMessage, type ExecutableUse } from './executables';

export const SET_PATH = 'Set path…';
export const OPEN_SETTINGS = 'Open Settings';
export const OPEN_TASKS = 'Open tasks.json';

/** The first executable the run would not find, or null. */
export function missingFor(def: SimTaskDefinition, folder: vscode.WorkspaceFolder): ExecutableUse | null {
  const settings = executableSettings(folder);
  const spec = processFor(def, folder.uri.fsPath, settings, 'check');
  return missingExecutable(executablesOf(def, spec, folder.uri.fsPath, settings), spec.cwd);
}

/** Where a setting currently has its value (so "Set path…" replaces that one rather than being shadowed by it). */
function targetOf(key: string, folder: vscode.WorkspaceFolder): vscode.ConfigurationTarget {
  const i = vscode.workspace.getConfiguration(undefined, folder).inspect(key);
  if (i?.workspaceFolderValue !== undefined) return vscode.ConfigurationTarget.WorkspaceFolder;
  if (i?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

export async function reportMissing(use: ExecutableUse, folder: vscode.WorkspaceFolder): Promise<void> {
  const actions = use.fromTask ? [OPEN_TASKS, OPEN_SETTINGS] : [SET_PATH, OPEN_SETTINGS];
  const choice = await vscode.window.showErrorMessage(missingMessage(use), ...actions);
  if (choice === OPEN_SETTINGS) {
    await vscode.commands.executeCommand('workbench.action.openSettings', use.setting);
  } else if (choice === OPEN_TASKS) {
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, '.vscode', 'tasks.json'));
  } else if (choice === SET_PATH) {
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: false, canSelectMany: false, title: `Path to ${use.tool}`, openLabel: `Use as ${use.tool}` });
    if (!picked?.[0]) return;
    await vscode.workspace.getConfiguration(undefined, folder).update(use.setting, picked[0].fsPath, targetOf(use.setting, folder));
    void vscode.window.showInformationMessage(`gem5 + SST: ${use.setting} is now ${picked[0].fsPath}. Start the run again.`);
  }
}

/**
 * A task that does not start the missing executable: its terminal says what is missing and the message with the
 * actions is shown when it runs (a task from tasks.json or the Run Task list reaches here without our commands).
 */
export function missingExecutableRun(use: ExecutableUse, folder: vscode.WorkspaceFolder): vscode.CustomExecution {
  return new vscode.CustomExecution(async () => {
    const write = new vscode.EventEmitter<string>();
    const close = new vscode.EventEmitter<number>();
    return {
      onDidWrite: write.event,
      onDidClose: close.event,
      open: () => {
        write.fire(`${missingMessage(use)}\r\n`);
        close.fire(127);
        void reportMissing(use, folder);
      },
      close: () => undefined,
    };
  });
}
