/**
 * Replace Remote Memory Image…: the user always names the source (never taken silently, even when it is the only
 * other checkpoint), every check runs before a modal dialog that names both files and their sizes, and only the
 * dialog's button starts the replacement. A webview message can open this flow but never confirm it.
 */
import * as vscode from 'vscode';
import { planReplaceRemoteImage, ReplaceRefused, replaceRemoteImage, type ReplacePlan } from '../../server/src/checkpoint';
import { formatSize } from '../../server/src/protocol/format';
import { CheckpointTree } from './tree/checkpointTree';

export interface ReplaceDeps {
  tree: CheckpointTree;
  log: vscode.LogOutputChannel;
}

const BROWSE = 'Browse…';

async function allCheckpoints(tree: CheckpointTree): Promise<string[]> {
  const dirs: string[] = [];
  for (const f of vscode.workspace.workspaceFolders ?? []) dirs.push(...(await tree.checkpointDirs(f)));
  return dirs;
}

async function pickTarget(deps: ReplaceDeps, arg: unknown): Promise<string | undefined> {
  const dir = CheckpointTree.dirOf(arg);
  if (dir) return dir;
  const items = (await allCheckpoints(deps.tree)).map((d) => ({ label: vscode.workspace.asRelativePath(d), dir: d }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Checkpoint taken with KVM (its remote store is replaced)' }))?.dir;
}

/** Always asks, listing the other checkpoints plus a folder browser. */
async function pickSource(deps: ReplaceDeps, target: string): Promise<string | undefined> {
  const others = (await allCheckpoints(deps.tree)).filter((d) => d !== target);
  const items = [...others.map((d) => ({ label: vscode.workspace.asRelativePath(d), dir: d as string | undefined })), { label: BROWSE, dir: undefined }];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Atomic-mode checkpoint to copy the remote store from' });
  if (!picked) return undefined;
  if (picked.dir) return picked.dir;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Copy its remote store', title: 'Checkpoint directory (holds m5.cpt)' });
  return chosen?.[0]?.fsPath;
}

export function confirmationText(plan: ReplacePlan): { message: string; detail: string } {
  const size = (n: number) => `${formatSize(BigInt(n))} (${n} bytes) compressed`;
  return {
    message: `Replace the remote memory image (store${plan.store}) of ${vscode.workspace.asRelativePath(plan.targetDir)}?`,
    detail: `Replace:  ${plan.targetFile}\n          ${size(plan.targetBytes)}\nwith:     ${plan.sourceFile}\n          ${size(plan.sourceBytes)}\n` +
      `Both inflate to range_size ${plan.rangeSize}. The original is kept as ${plan.backup} (Undo puts it back). ` +
      'The copy is verified (gzip intact, range_size long) before it replaces anything.',
  };
}

export async function replaceRemoteWithConfirmation(deps: ReplaceDeps, arg: unknown): Promise<void> {
  const target = await pickTarget(deps, arg);
  if (!target) return;
  const source = await pickSource(deps, target);
  if (!source) return;
  let plan: ReplacePlan;
  try {
    plan = await planReplaceRemoteImage(target, source);
  } catch (e) {
    void vscode.window.showErrorMessage(`gem5 + SST: not replaced — ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const { message, detail } = confirmationText(plan);
  if (await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Replace') !== 'Replace') return;
  try {
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Replacing the remote memory image', cancellable: true }, (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      let last = -1;
      return replaceRemoteImage(target, source, {
        signal: ac.signal,
        onProgress(phase, done, total) {
          const percent = total ? Math.floor((done * 100) / total) : 100;
          if (percent !== last) progress.report({ message: `${phase === 'copy' ? 'copying' : 'verifying the copy'} ${percent}%` });
          last = percent;
        },
      });
    });
    for (const note of r.recovered) deps.log.info(`replace ${target}: ${note}`);
    deps.log.info(`replaced ${r.targetFile} with ${r.sourceFile} (backup ${r.backup})`);
    deps.tree.refresh();
    const undo = await vscode.window.showInformationMessage(`gem5 + SST: store${r.store} replaced; the old file is kept as ${vscode.workspace.asRelativePath(r.backup)}.`, 'Undo…');
    if (undo) await vscode.commands.executeCommand('gem5sst.undoReplaceRemoteImage', target);
  } catch (e) {
    void vscode.window.showErrorMessage(`gem5 + SST: not replaced — ${e instanceof ReplaceRefused ? e.message : String(e)}`);
  }
}
