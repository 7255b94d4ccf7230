/** The "Restore plan" CodeLens at the top of every SST script with gem5 nodes (setting gem5sst.codeLens.restorePlan). */
import * as vscode from 'vscode';
import { restorePlanLensLine } from './sstScriptText';

export const CODELENS_SETTING = 'gem5sst.codeLens.restorePlan';

export function restorePlanCodeLens(): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(doc) {
      if (doc.uri.scheme !== 'file' || !vscode.workspace.getConfiguration('gem5sst', doc.uri).get<boolean>('codeLens.restorePlan', true)) return [];
      const line = restorePlanLensLine(doc.getText());
      if (line === null) return [];
      const range = new vscode.Range(line, 0, line, 0);
      return [new vscode.CodeLens(range, { title: 'Restore plan', tooltip: 'Show the SST graph and the address map of this restore', command: 'gem5sst.openRestorePlan', arguments: [doc.uri] })];
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'python', scheme: 'file' }, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(CODELENS_SETTING)) changed.fire();
    }),
  );
}
