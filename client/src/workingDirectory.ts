/**
 * "Set SST working directory…": stores `gem5sst.sst.workingDirectory` for the SST script's folder (relative to it when
 * inside), from a folder picker or from a GS102 quick fix that names the directory. The old value can be restored
 * with "Undo". When an `sst` task runs the script, its `cwd` wins over the setting, so the user is told and sent there.
 */
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';

const KEY = 'gem5sst.sst.workingDirectory';

export interface SetWorkingDirectoryArgs {
  /** The SST script the directory is for. */
  script?: string;
  /** The directory; asked for when absent. */
  dir?: string;
  /** The script's working directory comes from an sst task (its cwd wins over the setting). */
  fromTask?: boolean;
}

function valueFor(dir: string, folder: vscode.WorkspaceFolder | undefined): string {
  if (!folder) return dir;
  const rel = relative(folder.uri.fsPath, dir);
  return rel === '' ? '.' : !rel.startsWith('..') && !isAbsolute(rel) ? rel : dir;
}

export async function setSstWorkingDirectory(args: SetWorkingDirectoryArgs = {}): Promise<void> {
  const scriptUri = args.script ? vscode.Uri.file(args.script) : vscode.window.activeTextEditor?.document.uri;
  const folder = (scriptUri && vscode.workspace.getWorkspaceFolder(scriptUri)) || vscode.workspace.workspaceFolders?.[0];
  if (args.fromTask) {
    const open = await vscode.window.showWarningMessage('gem5 + SST: an sst task runs this script, and its "cwd" decides where SST runs (the setting would be ignored). Change the task\'s cwd in tasks.json.', 'Open tasks.json');
    if (open && folder) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, '.vscode', 'tasks.json'));
    return;
  }
  let dir = args.dir;
  if (!dir) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: folder?.uri,
      title: 'Directory SST runs in (paths inside cmd resolve against it)', openLabel: 'Set SST working directory',
    });
    dir = picked?.[0]?.fsPath;
  }
  if (!dir) return;
  const config = vscode.workspace.getConfiguration(undefined, folder?.uri);
  const previous = config.inspect<string | null>(KEY)?.workspaceFolderValue;
  const value = valueFor(dir, folder);
  await config.update(KEY, value, folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
  const undo = await vscode.window.showInformationMessage(`gem5 + SST: SST working directory set to "${value}" (${KEY}).`, 'Undo');
  if (undo) await config.update(KEY, previous, folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
}
