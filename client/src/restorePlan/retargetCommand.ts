/**
 * Point Restore at Checkpoint…: asks the language server for every edit an SST script needs to restore a checkpoint
 * and hands them to VS Code's refactor preview (a WorkspaceEdit whose edits need confirmation), so nothing is written
 * until the user accepts. The rank count in .vscode/tasks.json is part of the same edit when it must change. Values
 * computed with no literal to change are listed with their file and line.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { RetargetRequest } from '../../../server/src/protocol/lsp';
import type { RetargetReply } from '../../../server/src/protocol/retarget';
import type { ServerController } from '../languageClient';
import { CheckpointTree } from '../tree/checkpointTree';
import { SST_SCRIPT } from './sstScriptText';

export const RETARGET_COMMAND = 'gem5sst.retarget';

async function isSstScript(uri: vscode.Uri): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  try {
    return SST_SCRIPT.test(open ? open.getText() : await readFile(uri.fsPath, 'utf8'));
  } catch {
    return false;
  }
}

/** The active editor's SST script (unless `preferActive` is false), the only one in the workspace, or the user's pick. */
export async function pickSstScript(placeHolder = 'SST script to point at the checkpoint', preferActive = true): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (preferActive && active?.uri.scheme === 'file' && active.languageId === 'python' && SST_SCRIPT.test(active.getText())) return active.uri.fsPath;
  const found: vscode.Uri[] = [];
  for (const uri of await vscode.workspace.findFiles('**/*.py', '**/{node_modules,.git,out,build}/**', 2000)) if (await isSstScript(uri)) found.push(uri);
  if (found.length === 1) return found[0].fsPath;
  const picked = await vscode.window.showQuickPick(found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { placeHolder });
  return picked?.uri.fsPath;
}

async function pickCheckpointDir(tree: CheckpointTree): Promise<string | undefined> {
  const dirs: string[] = [];
  for (const f of vscode.workspace.workspaceFolders ?? []) dirs.push(...(await tree.checkpointDirs(f)));
  if (dirs.length === 1) return dirs[0];
  const picked = await vscode.window.showQuickPick(dirs.map((d) => ({ label: vscode.workspace.asRelativePath(d), dir: d })), { placeHolder: 'Checkpoint to restore' });
  return picked?.dir;
}

/**
 * The reply as one WorkspaceEdit (the script and, when the rank count changes, tasks.json) whose every edit waits
 * for the user's confirmation in the refactor preview.
 */
export function previewEdit(script: vscode.Uri, reply: RetargetReply, label: string): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const describe = (file: string | undefined) => reply.changes.filter((c) => (c.file ?? script.fsPath) === (file ?? script.fsPath)).map((c) => c.what).join('; ');
  const add = (uri: vscode.Uri, edits: RetargetReply['edits'], description: string) => {
    for (const e of edits) {
      const range = new vscode.Range(e.span.start.line, e.span.start.character, e.span.end.line, e.span.end.character);
      edit.replace(uri, range, e.newText, { label, description, needsConfirmation: true });
    }
  };
  add(script, reply.edits, describe(undefined));
  for (const f of reply.files ?? []) add(vscode.Uri.file(f.file), f.edits, describe(f.file));
  return edit;
}

async function showBlockers(script: vscode.Uri, reply: RetargetReply): Promise<void> {
  const items = [...reply.blockers.map((b) => ({ file: b.file, line: b.line, text: b.message })),
    ...reply.remaining.filter((r) => !reply.blockers.some((b) => !b.file && b.line === r.line)).map((r) => ({ file: undefined, line: r.line, text: `${r.code}: ${r.message}` }))];
  if (!items.length) return;
  const first = items[0];
  const where = first.file ? `${vscode.workspace.asRelativePath(first.file)} line ${first.line}` : `line ${first.line}`;
  const go = `Go to ${where}`;
  const choice = await vscode.window.showWarningMessage(
    `gem5 + SST: ${items.length} value(s) cannot be edited safely — ${where}: ${first.text}`, go);
  if (choice === go) {
    const doc = await vscode.workspace.openTextDocument(first.file ? vscode.Uri.file(first.file) : script);
    const pos = new vscode.Position(first.line - 1, 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  }
}

export function registerRetargetCommand(context: vscode.ExtensionContext, server: ServerController, tree: CheckpointTree, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand(RETARGET_COMMAND, async (a?: unknown, b?: unknown) => {
    // From the Checkpoints view: (node); from an editor: (uri); programmatically: (script uri or path, checkpoint dir).
    const fromTree = Boolean(a && typeof a === 'object' && (a as { kind?: unknown }).kind === 'checkpoint');
    let checkpoint = fromTree ? CheckpointTree.dirOf(a) : typeof b === 'string' ? b : null;
    let script = fromTree ? undefined : a instanceof vscode.Uri ? a.fsPath : typeof a === 'string' ? a : undefined;
    script ??= await pickSstScript();
    if (!script) return;
    checkpoint ??= (await pickCheckpointDir(tree)) ?? null;
    if (!checkpoint) return;
    const client = server.languageClient;
    if (!client) {
      void vscode.window.showErrorMessage('gem5 + SST: the language server is not running.');
      return;
    }
    const reply = await client.sendRequest(RetargetRequest, { script, checkpoint });
    const uri = vscode.Uri.file(script);
    const rel = vscode.workspace.asRelativePath(checkpoint);
    if (reply.error) {
      void vscode.window.showErrorMessage(`gem5 + SST: cannot point ${vscode.workspace.asRelativePath(uri)} at ${rel}: ${reply.error}`);
      return;
    }
    for (const c of reply.changes) log.info(`retarget ${c.file ?? script}:${c.line}: ${c.what}`);
    if (!reply.edits.length && !reply.files?.some((f) => f.edits.length)) {
      if (!reply.blockers.length && !reply.remaining.length) void vscode.window.showInformationMessage(`gem5 + SST: ${vscode.workspace.asRelativePath(uri)} already restores ${rel}.`);
      else await showBlockers(uri, reply);
      return;
    }
    // needsConfirmation: VS Code opens the refactor preview; the promise settles when the user applies or discards.
    const applied = await vscode.workspace.applyEdit(previewEdit(uri, reply, `Point restore at ${rel}`));
    if (applied) await showBlockers(uri, reply);
  }));
}
