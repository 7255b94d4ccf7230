/**
 * Plain-text edits of one file: applying span edits to a text, and turning two versions of a text into line hunks
 * (for VS Code's refactor preview) and a unified diff (for `gem5-ckpt retarget`).
 */
import type { Span } from '../protocol/span';

export interface SpanEdit {
  span: Span;
  newText: string;
}

/** Offset of a (0-based line, UTF-16 character) position; null when outside the text. */
export function offsetAt(text: string, pos: { line: number; character: number }): number | null {
  let off = 0;
  for (let l = 0; l < pos.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return null;
    off = nl + 1;
  }
  const lineEnd = text.indexOf('\n', off);
  const len = (lineEnd < 0 ? text.length : lineEnd) - off;
  return pos.character <= len ? off + pos.character : null;
}

/** Applies non-overlapping edits; throws when two edits overlap or a span is outside the text. */
export function applyEdits(text: string, edits: readonly SpanEdit[]): string {
  const located = edits.map((e) => {
    const from = offsetAt(text, e.span.start);
    const to = offsetAt(text, e.span.end);
    if (from === null || to === null || to < from) throw new Error(`edit outside the text at line ${e.span.start.line + 1}`);
    return { from, to, newText: e.newText };
  }).sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 1; i < located.length; i++) {
    if (located[i].from < located[i - 1].to) throw new Error('overlapping edits');
  }
  let out = '';
  let pos = 0;
  for (const e of located) {
    out += text.slice(pos, e.from) + e.newText;
    pos = e.to;
  }
  return out + text.slice(pos);
}

/** A run of changed lines: lines [oldStart, oldStart+oldLines.length) of the old text become newLines. */
export interface LineHunk {
  oldStart: number;
  oldLines: string[];
  newStart: number;
  newLines: string[];
}

/** Line hunks between two texts (common prefix/suffix trimmed, then an LCS over the changed middle). */
export function lineHunks(before: string, after: string): LineHunk[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (!am.length && !bm.length) return [];
  // LCS table over the middle; retargeting changes a few lines, so the middle is small.
  if (am.length * bm.length > 4_000_000) return [{ oldStart: pre, oldLines: am, newStart: pre, newLines: bm }];
  const n = am.length;
  const m = bm.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const hunks: LineHunk[] = [];
  let cur: LineHunk | null = null;
  let i = 0;
  let j = 0;
  const flush = () => {
    if (cur) hunks.push(cur);
    cur = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      flush();
      i++;
      j++;
      continue;
    }
    cur ??= { oldStart: pre + i, oldLines: [], newStart: pre + j, newLines: [] };
    if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) cur.newLines.push(bm[j++]);
    else cur.oldLines.push(am[i++]);
  }
  flush();
  return hunks;
}

/** The hunks as whole-line replacements of the old text (what a WorkspaceEdit carries). */
export function hunkEdits(before: string, hunks: readonly LineHunk[]): SpanEdit[] {
  const old = before.split('\n');
  const last = old.length - 1;
  const endOfLine = (l: number) => ({ line: l, character: old[l].length });
  return hunks.map((h) => {
    const end = h.oldStart + h.oldLines.length;
    // Inside the text: replace whole lines with their newlines.
    if (end <= last) {
      return { span: { start: { line: h.oldStart, character: 0 }, end: { line: end, character: 0 } }, newText: h.newLines.map((l) => l + '\n').join('') };
    }
    // Through the last line, which has no newline of its own: the newline before the hunk joins it.
    if (h.oldStart === 0) return { span: { start: { line: 0, character: 0 }, end: endOfLine(last) }, newText: h.newLines.join('\n') };
    return { span: { start: endOfLine(h.oldStart - 1), end: endOfLine(last) }, newText: h.newLines.map((l) => '\n' + l).join('') };
  });
}

/** A unified diff (3 lines of context) between two versions of a file. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  // A final newline ends the last line; it is not an empty line of its own.
  const bothEnd = before.endsWith('\n') && after.endsWith('\n');
  const b0 = bothEnd ? before.slice(0, -1) : before;
  const hunks = lineHunks(b0, bothEnd ? after.slice(0, -1) : after);
  if (!hunks.length) return '';
  const a = b0.split('\n');
  const out: string[] = [`--- ${oldName}`, `+++ ${newName}`];
  // Merge hunks whose contexts touch into one block.
  let k = 0;
  while (k < hunks.length) {
    let last = k;
    while (last + 1 < hunks.length && hunks[last + 1].oldStart - (hunks[last].oldStart + hunks[last].oldLines.length) <= 2 * context) last++;
    const first = hunks[k];
    const oldFrom = Math.max(0, first.oldStart - context);
    const newFrom = first.newStart - (first.oldStart - oldFrom);
    const body: string[] = [];
    let pos = oldFrom;
    let oldCount = 0;
    let newCount = 0;
    for (let h = k; h <= last; h++) {
      const hk = hunks[h];
      for (; pos < hk.oldStart; pos++, oldCount++, newCount++) body.push(' ' + a[pos]);
      for (const l of hk.oldLines) body.push('-' + l);
      for (const l of hk.newLines) body.push('+' + l);
      oldCount += hk.oldLines.length;
      newCount += hk.newLines.length;
      pos = hk.oldStart + hk.oldLines.length;
    }
    const end = Math.min(a.length, pos + context);
    for (; pos < end; pos++, oldCount++, newCount++) body.push(' ' + a[pos]);
    const range = (start: number, count: number) => `${count ? start + 1 : start},${count}`;
    out.push(`@@ -${range(oldFrom, oldCount)} +${range(newFrom, newCount)} @@`, ...body);
    k = last + 1;
  }
  return out.join('\n') + '\n';
}
