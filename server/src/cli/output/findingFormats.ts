/**
 * The three faces of `gem5-ckpt check` output: compiler-like text, the documented JSON, and SARIF 2.1.0 for GitHub
 * code scanning. Lines and columns are 1-based in all of them; files are relative to the folder given.
 */
import { relative, sep } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CODES, docsUrl, type Code, type Severity } from '../../protocol/codes';
import type { Finding } from '../../rules/types';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  related: { file: string; line: number; column: number; message: string }[];
}

const rel = (base: string, file: string) => relative(base, file).split(sep).join('/') || '.';

export function toJsonDiagnostics(findings: readonly Finding[], base: string): JsonDiagnostic[] {
  return findings.map((f) => ({
    file: rel(base, f.file),
    line: f.span.start.line + 1,
    column: f.span.start.character + 1,
    endLine: f.span.end.line + 1,
    endColumn: f.span.end.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
    related: f.related.map((r) => ({ file: rel(base, r.file), line: r.span.start.line + 1, column: r.span.start.character + 1, message: r.message })),
  }));
}

export function renderText(findings: readonly Finding[], base: string): string {
  const lines = toJsonDiagnostics(findings, base).map((d) => {
    const related = d.related.map((r) => `\n    ${r.file}:${r.line}:${r.column}: note: ${r.message}`).join('');
    return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}${related}`;
  });
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const summary = `${count('error')} error(s), ${count('warning')} warning(s), ${count('information') + count('hint')} note(s)`;
  return [...lines, summary].join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(findings: readonly Finding[], base: string, version: string): Log {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const rules: ReportingDescriptor[] = codes.map((code) => ({
    id: code,
    shortDescription: { text: CODES.get(code as Code)!.title },
    helpUri: docsUrl(code as Code),
    defaultConfiguration: { level: SARIF_LEVEL[CODES.get(code as Code)!.severity] },
  }));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: codes.indexOf(f.code),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: rel(base, f.file), uriBaseId: 'SRCROOT' }, region: region(f.span) } }],
    relatedLocations: f.related.map((r, i) => ({
      id: i,
      message: { text: r.message },
      physicalLocation: { artifactLocation: { uri: rel(base, r.file), uriBaseId: 'SRCROOT' }, region: region(r.span) },
    })),
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'gem5-ckpt', version, informationUri: 'https://github.com/gem5-sst-tools/gem5-sst-checkpoints', rules } },
      results,
    }],
  };
}

function region(span: Finding['span']) {
  // SARIF regions are 1-based and the end column is exclusive, like ours once shifted.
  return {
    startLine: span.start.line + 1,
    startColumn: span.start.character + 1,
    endLine: Math.max(span.end.line + 1, span.start.line + 1),
    endColumn: Math.max(span.end.character + 1, 1),
  };
}
