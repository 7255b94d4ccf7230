/**
 * The findingsSignature of this extension's diagnostics on a file as VS Code holds them (0-based severities,
 * `code` as a value or `{value, target}`), to compare with the signature the server put in its plan reply.
 * Free of the vscode module so a test can check it against the server's side.
 */
import { findingsSignature, type SignatureSeverity } from '../../../server/src/protocol/findingsSignature';

/** The server's `source` on every diagnostic (server/src/lsp/convert.ts). */
export const DIAGNOSTIC_SOURCE = 'gem5-sst';

export interface DiagnosticLike {
  source?: string;
  code?: string | number | { value: string | number };
  range: { start: { line: number; character: number } };
  /** vscode.DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
  message: string;
}

const SEVERITIES: SignatureSeverity[] = ['error', 'warning', 'information', 'hint'];

export function diagnosticsSignature(diagnostics: readonly DiagnosticLike[]): string {
  return findingsSignature(diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => ({
    code: typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''),
    line: d.range.start.line, character: d.range.start.character, severity: SEVERITIES[d.severity] ?? 'hint', message: d.message,
  })));
}
