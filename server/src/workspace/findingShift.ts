/**
 * Carries findings computed for one text of a file over to a newer text of it, the way an editor moves markers:
 * the two texts differ in one range (their common prefix and suffix stay); a finding whose locations in the file
 * lie on lines outside that range moves with them, one on a line the range touches is dropped (what it said may
 * no longer hold). Used for findings that are recomputed once edits settle, so the file never shows them at
 * positions that moved.
 */
import type { Position, Span } from '../protocol/span';
import type { Finding } from '../rules/types';

/** The one range in which two texts differ: [start, oldEnd) of the old text became [start, newEnd) of the new. */
interface TextChange {
  start: Position;
  oldEnd: Position;
  newEnd: Position;
}

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** The changed range between two texts; null when they are equal. */
export function changeBetween(oldText: string, newText: string): TextChange | null {
  if (oldText === newText) return null;
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start: positionAt(oldText, start), oldEnd: positionAt(oldText, oldEnd), newEnd: positionAt(newText, newEnd) };
}

/**
 * The span in the new text, or null when it is on a line the change touches: an edit elsewhere on the line may
 * change what it says (a `#` typed in front comments it out), so only untouched lines carry findings over.
 */
function shiftSpan(span: Span, c: TextChange): Span | null {
  if (span.end.line < c.start.line) return span;
  // Whole lines replaced (or inserted, or deleted) leave the line at the end of the old range whole.
  const wholeLines = c.start.character === 0 && c.oldEnd.character === 0 && c.newEnd.character === 0;
  if (span.start.line < (wholeLines ? c.oldEnd.line : c.oldEnd.line + 1)) return null;
  const lines = c.newEnd.line - c.oldEnd.line;
  return { start: { line: span.start.line + lines, character: span.start.character }, end: { line: span.end.line + lines, character: span.end.character } };
}

/**
 * `findings` (computed when `file` read `oldText`) as they stand in `newText`: every location in `file` (the
 * finding's own, related ones, quick-fix edits) moved; findings with a location on a changed line left out.
 */
export function shiftFindings(findings: readonly Finding[], file: string, oldText: string, newText: string): Finding[] {
  const c = changeBetween(oldText, newText);
  if (!c) return [...findings];
  const out: Finding[] = [];
  const inFile = <T extends { file: string; span: Span }>(x: T): T | null => {
    if (x.file !== file) return x;
    const span = shiftSpan(x.span, c);
    return span ? { ...x, span } : null;
  };
  for (const f of findings) {
    const own = inFile(f);
    const related = f.related.map(inFile);
    const fixes = f.fixes.map((q) => ({ ...q, edits: q.edits.map(inFile) }));
    if (!own || related.includes(null) || fixes.some((q) => q.edits.includes(null))) continue;
    out.push({ ...own, related: related as Finding['related'], fixes: fixes as Finding['fixes'] });
  }
  return out;
}
