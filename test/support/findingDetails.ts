/**
 * What a rule fixture's findings say, beyond code and line (case.json `details`): the message, the severity, the
 * related locations and the quick fixes with the text they leave behind. Each entry picks one finding by code, file
 * and line; whatever it states must hold exactly.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Finding } from '../../server/src/rules/types';

/** A line of a file in the case: by text on it (the first line containing `at`) or by number (1-based). */
export interface LineRef {
  file: string;
  at?: string;
  line?: number;
}

export interface FixExpectation {
  title: string;
  preferred: boolean;
  /**
   * Per file, the lines the fix leaves where it changed something: the applied file minus the lines it shares with
   * the original at its start and end (a one-line replacement gives its new line; an insertion the inserted lines).
   */
  after: Record<string, string[]>;
}

export interface FindingDetail extends LineRef {
  code: string;
  /** The whole message; `{root}` stands for the case's workspace root. */
  message?: string;
  /** Parts the message must contain (when the whole message is not worth pinning). */
  messageIncludes?: string[];
  /** Parts the message must not contain (a clause that belongs to another situation). */
  messageExcludes?: string[];
  severity?: Finding['severity'];
  /** Exactly these related locations, in order (`message` checked when given). */
  related?: (LineRef & { message?: string })[];
  /** Exactly these quick fixes, in order. */
  fixes?: FixExpectation[];
}

async function lineOf(root: string, ref: LineRef): Promise<number> {
  if (ref.line !== undefined) return ref.line;
  if (ref.at === undefined) throw new Error(`${ref.file}: a detail needs "at" or "line"`);
  const lines = (await readFile(join(root, ref.file), 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.includes(ref.at!));
  if (i < 0) throw new Error(`"${ref.at}" is not in ${ref.file}`);
  return i + 1;
}

/** Text with a fix's edits applied (spans are line/character; edits never overlap). */
export function applyEdits(text: string, edits: { span: Finding['span']; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const at = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => at(b.span.start) - at(a.span.start))) out = out.slice(0, at(e.span.start)) + e.newText + out.slice(at(e.span.end));
  return out;
}

/** The lines of `after` between its common prefix and suffix with `before`. */
export function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return b.slice(head, b.length - tail);
}

async function fixOutcome(root: string, fix: Finding['fixes'][number]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const file of [...new Set(fix.edits.map((e) => e.file))].sort()) {
    const text = await readFile(file, 'utf8');
    out[relative(root, file)] = changedLines(text, applyEdits(text, fix.edits.filter((e) => e.file === file)));
  }
  return out;
}

/** Problems with the details a case states (empty when every one holds). */
export async function detailProblems(root: string, details: FindingDetail[], findings: Finding[]): Promise<string[]> {
  const problems: string[] = [];
  const fill = (s: string) => s.split('{root}').join(root);
  const lines = await Promise.all(details.map((d) => lineOf(root, d)));
  const keyOf = (d: FindingDetail, line: number) => `${d.code} ${d.file}:${line}|${d.message ?? ''}`;
  const taken = new Map<string, number>();
  for (const [i, d] of details.entries()) {
    const line = lines[i];
    const label = `${d.code} ${d.file}:${line}`;
    let candidates = findings.filter((f) => f.code === d.code && relative(root, f.file) === d.file && f.span.start.line + 1 === line)
      .sort((x, y) => x.span.start.character - y.span.start.character);
    // Several findings of one code on one line: the stated message tells them apart, else one detail per finding
    // takes them in order of position (two quotes in one token).
    if (candidates.length > 1 && d.message !== undefined) candidates = candidates.filter((f) => f.message === fill(d.message!));
    const key = keyOf(d, line);
    const index = taken.get(key) ?? 0;
    taken.set(key, index + 1);
    const stated = details.filter((x, j) => keyOf(x, lines[j]) === key).length;
    if (candidates.length !== stated) {
      if (index === 0) problems.push(`${label}: ${candidates.length} finding(s) match, ${stated} detail(s) state them (need one per finding)`);
      continue;
    }
    const f = candidates[index];
    if (d.message !== undefined && f.message !== fill(d.message)) problems.push(`${label}: message\n    is        ${f.message}\n    should be ${fill(d.message)}`);
    // A bare string would be read character by character and pass for any message.
    for (const key of ['messageIncludes', 'messageExcludes'] as const) {
      if (d[key] !== undefined && !Array.isArray(d[key])) problems.push(`${label}: ${key} must be a list of strings`);
    }
    for (const part of d.messageIncludes ?? []) if (!f.message.includes(fill(part))) problems.push(`${label}: message lacks "${fill(part)}": ${f.message}`);
    for (const part of d.messageExcludes ?? []) if (f.message.includes(fill(part))) problems.push(`${label}: message should not say "${fill(part)}": ${f.message}`);
    if (d.severity !== undefined && f.severity !== d.severity) problems.push(`${label}: severity ${f.severity}, should be ${d.severity}`);
    if (d.related) {
      const is = f.related.map((r) => `${relative(root, r.file)}:${r.span.start.line + 1} ${r.message}`);
      const should: string[] = [];
      for (const r of d.related) {
        const l = await lineOf(root, r);
        const n = should.length;
        should.push(`${r.file}:${l} ${r.message !== undefined ? fill(r.message) : (is[n]?.replace(/^\S+ /, '') ?? '(any message)')}`);
      }
      if (JSON.stringify(is) !== JSON.stringify(should)) problems.push(`${label}: related\n    are        ${JSON.stringify(is)}\n    should be  ${JSON.stringify(should)}`);
    }
    if (d.fixes) {
      const is = await Promise.all(f.fixes.map(async (x) => ({ title: x.title, preferred: x.preferred, after: await fixOutcome(root, x) })));
      const should = d.fixes.map((x) => ({ title: fill(x.title), preferred: x.preferred, after: Object.fromEntries(Object.entries(x.after).sort(([a], [b]) => (a < b ? -1 : 1))) }));
      if (JSON.stringify(is) !== JSON.stringify(should)) problems.push(`${label}: fixes\n    are        ${JSON.stringify(is)}\n    should be  ${JSON.stringify(should)}`);
    }
  }
  return problems;
}
