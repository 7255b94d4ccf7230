/**
 * Offsets ↔ LSP positions. JavaScript strings are UTF-16, so a string offset already is an LSP character offset;
 * only line starts need indexing. Line breaks are \n, \r\n and \r, as LSP defines them.
 */
import type { Position, Span } from '../protocol/span';

export class LineIndex {
  private readonly starts: number[];

  constructor(
    private readonly text: string,
    /** The line starts of `text` when the caller has them (afterEdits). */
    known?: number[],
  ) {
    if (known) {
      this.starts = known;
      return;
    }
    const starts = [0];
    if (!text.includes('\r')) {
      // Common case: only \n line breaks, found with the native search.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /**
   * The index of `text`, which is the text of `before` with `edits` applied in order (offsets as each applies), made
   * from `before`'s line starts: those before an edit stay, those after it move by its length change, its own lines
   * are found in the inserted text. Only \n line breaks can be followed so (an edit can split or join \r\n): with a
   * \r anywhere, the text is indexed again.
   */
  static afterEdits(before: LineIndex, edits: readonly { from: number; to: number; insert: string }[], text: string): LineIndex {
    if (before.text.includes('\r') || edits.some((e) => e.insert.includes('\r'))) return new LineIndex(text);
    let starts = before.starts;
    for (const e of edits) {
      let first = lowerBound(starts, e.from + 1); // starts after the edit's first character: removed or moved
      const next: number[] = starts.slice(0, first);
      for (let i = e.insert.indexOf('\n'); i >= 0; i = e.insert.indexOf('\n', i + 1)) next.push(e.from + i + 1);
      const delta = e.insert.length - (e.to - e.from);
      for (first = lowerBound(starts, e.to + 1); first < starts.length; first++) next.push(starts[first] + delta);
      starts = next;
    }
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Start offset of a 0-based line (clamped). */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: off - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    // A character past the end of the line clamps to the line end (before its line break), as LSP requires.
    let lineEnd = next;
    while (lineEnd > start && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.min(start + Math.max(0, pos.character), lineEnd);
  }

  span(from: number, to: number): Span {
    return { start: this.positionAt(from), end: this.positionAt(to) };
  }
}

/** The first index of the sorted `xs` whose value is >= `x` (xs.length when none). */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
