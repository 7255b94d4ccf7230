/** Findings → LSP diagnostics and code actions. */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { docsUrl } from '../protocol/codes';
import type { Severity } from '../protocol/codes';
import type { Finding } from '../rules/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

export const uriOf = (path: string) => URI.file(path).toString();
export const pathOf = (uri: string) => URI.parse(uri).fsPath;

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.span,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docsUrl(f.code) },
    source: 'gem5-sst',
    message: f.message,
    relatedInformation: f.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.span }, message: r.message })),
  };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function codeActionsFor(findings: readonly Finding[], range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    if (!f.fixes.length || !overlaps(f.span, range)) continue;
    for (const fix of f.fixes) {
      const changes: Record<string, { range: Range; newText: string }[]> = {};
      for (const e of fix.edits) (changes[uriOf(e.file)] ??= []).push({ range: e.span, newText: e.newText });
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [toDiagnostic(f)], edit: { changes } });
    }
  }
  return actions;
}
