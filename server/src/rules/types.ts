/**
 * What a rule reports. The language server turns a Finding into an LSP Diagnostic (+ code actions from `fixes`);
 * the CLI prints it as text, JSON or SARIF.
 */
import type { Code, Severity } from '../protocol/codes';
import type { Span } from '../protocol/span';

export interface RelatedLocation {
  /** Absolute path. */
  file: string;
  span: Span;
  message: string;
}

export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface QuickFix {
  title: string;
  /** Safe enough to be applied with "Fix all"/auto-fix. */
  preferred: boolean;
  edits: TextEdit[];
}

export interface Finding {
  code: Code;
  /** Default severity of the code unless the rule decided otherwise; user overrides are applied by the caller. */
  severity: Severity;
  message: string;
  /** Absolute path of the file the diagnostic belongs to. */
  file: string;
  span: Span;
  related: RelatedLocation[];
  fixes: QuickFix[];
}
