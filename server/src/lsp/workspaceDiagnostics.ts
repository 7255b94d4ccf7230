/**
 * Workspace diagnostics (LSP `workspace/diagnostic`): the findings of files nobody opened — SST scripts, the gem5
 * scripts they run, checkpoints, tasks.json — so the Problems panel shows what `gem5-ckpt check` shows. Each file's
 * report carries a result id (a hash of its diagnostics) so an unchanged file is answered "unchanged"; a file whose
 * findings are gone gets an empty report. Setting `gem5sst.diagnostics.mode` = "openFilesOnly" limits reports to
 * open files (as Pylance's diagnosticMode does): unopened files are then cleared.
 */
import { createHash } from 'node:crypto';
import {
  DocumentDiagnosticReportKind, type Diagnostic, type PreviousResultId, type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';

export type DiagnosticMode = 'workspace' | 'openFilesOnly';

/** `gem5sst.diagnostics.mode` from the raw settings object; anything else is the default, "workspace". */
export function diagnosticModeFrom(raw: unknown): DiagnosticMode {
  const mode = (raw as { diagnostics?: { mode?: unknown } } | undefined)?.diagnostics?.mode;
  return mode === 'openFilesOnly' ? 'openFilesOnly' : 'workspace';
}

const resultIdOf = (diagnostics: readonly Diagnostic[]) =>
  createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64url').slice(0, 16);

/**
 * The workspace report for every file with diagnostics, plus an empty report for each file the client still holds
 * diagnostics for (its previous result ids) that has none now. Open files are left to document pulls (the client
 * prefers those), except that they are never cleared here.
 */
export function workspaceReport(
  diagnostics: ReadonlyMap<string, readonly Diagnostic[]>,
  previous: readonly PreviousResultId[],
  isOpen: (uri: string) => boolean,
  modeOf: (uri: string) => DiagnosticMode,
): WorkspaceDiagnosticReport {
  const before = new Map(previous.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  const reported = new Set<string>();
  for (const [uri, list] of diagnostics) {
    if (!isOpen(uri) && modeOf(uri) === 'openFilesOnly') continue;
    if (!list.length) continue;
    reported.add(uri);
    const resultId = resultIdOf(list);
    items.push(before.get(uri) === resultId
      ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId }
      : { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: [...list] });
  }
  for (const uri of before.keys()) {
    if (reported.has(uri) || isOpen(uri)) continue;
    const resultId = resultIdOf([]);
    if (before.get(uri) !== resultId) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: [] });
  }
  return { items };
}
