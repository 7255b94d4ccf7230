/**
 * Before a take or restore is launched: the language server's errors for the files involved stop the launch with a
 * message naming them, an offer to show them, and a way to run anyway.
 */
import * as vscode from 'vscode';
import { RunFilesRequest } from '../../../server/src/protocol/lsp';
import type { ServerController } from '../languageClient';

export async function preflight(server: ServerController, folder: vscode.WorkspaceFolder, script: string): Promise<boolean> {
  let files: string[] = [];
  try {
    files = (await server.languageClient?.sendRequest(RunFilesRequest, { folder: folder.uri.fsPath, script })) ?? [];
  } catch {
    files = [];
  }
  const errors = files.flatMap((f) => vscode.languages.getDiagnostics(vscode.Uri.file(f))
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.source === 'gem5-sst')
    .map((d) => `${vscode.workspace.asRelativePath(f)}:${d.range.start.line + 1} ${typeof d.code === 'object' ? d.code.value : d.code} ${d.message}`));
  if (!errors.length) return true;
  const choice = await vscode.window.showErrorMessage(
    `gem5 + SST: ${errors.length} error${errors.length > 1 ? 's' : ''} in the files this run uses — it would fail or restore the wrong state.`,
    { modal: true, detail: errors.slice(0, 8).join('\n') + (errors.length > 8 ? `\n… and ${errors.length - 8} more` : '') },
    'Show Problems', 'Run Anyway',
  );
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  return choice === 'Run Anyway';
}
