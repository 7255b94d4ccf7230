/**
 * Syntax problems of a script: lezer's error nodes (confirmed in long files, where @lezer/python 1.1.19 reports
 * a few spurious errors) and the indentation errors Python raises but lezer accepts.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { LineIndex } from './lineIndex';
import type { SyntaxIssue } from './types';

/** Above this size lezer's error nodes are re-checked before they are reported (see perf-baselines §1, finding 7). */
export const CONFIRM_ERRORS_ABOVE = 100_000;

export function findSyntaxErrors(tree: Tree, text: string, lines: LineIndex): SyntaxIssue[] {
  const errors: { from: number; to: number }[] = [];
  tree.iterate({
    enter(n) {
      if (n.type.isError) {
        errors.push({ from: n.from, to: n.to });
        return false;
      }
      return undefined;
    },
  });
  const issues: SyntaxIssue[] = [];
  let lastLine = -1;
  const confirmCache = new Map<number, boolean>();
  for (const e of errors) {
    const line = lines.positionAt(e.from).line;
    if (line === lastLine) continue; // one report per line: lezer splits one mistake into several error nodes
    if (text.length > CONFIRM_ERRORS_ABOVE && !confirmError(tree, text, e.from, confirmCache)) continue;
    lastLine = line;
    issues.push(describeError(text, lines, e.from, e.to));
  }
  const indent = findIndentationError(text, lines);
  if (indent) issues.push(indent);
  return issues.sort((a, b) => a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character);
}

function describeError(text: string, lines: LineIndex, from: number, to: number): SyntaxIssue {
  const pos = lines.positionAt(from);
  const lineEnd = lines.lineStart(pos.line + 1) > from ? lines.lineStart(pos.line + 1) : text.length;
  let end = to;
  if (end <= from) {
    // Zero-width error: mark the next character (or the previous one at a line end) so the squiggle is visible.
    end = Math.min(from + 1, lineEnd);
    const ch = text[from];
    if (ch === '\n' || ch === '\r' || from >= text.length) {
      const start = Math.max(lines.lineStart(pos.line), from - 1);
      return { span: lines.span(start, from), message: 'Python syntax error: this line ends unexpectedly (a missing bracket, comma or expression?)' };
    }
  }
  const snippet = text.slice(from, Math.min(end, from + 30)).split(/\r?\n/)[0];
  return { span: lines.span(from, end), message: snippet.trim() ? `Python syntax error: invalid syntax at '${snippet.trim()}'` : 'Python syntax error: invalid syntax' };
}

/** Re-parses the top-level statement around an error alone; a clean re-parse means lezer's error was spurious. */
function confirmError(tree: Tree, text: string, pos: number, cache: Map<number, boolean>): boolean {
  const top = tree.topNode;
  let stmt: SyntaxNode | null = top.childAfter(pos) ?? top.childBefore(pos);
  const before = top.childBefore(pos);
  if (before && before.to > pos) stmt = before;
  if (!stmt) return true;
  // Take the neighbours too: an error node between statements belongs to one of them.
  const prev = stmt.prevSibling;
  const next = stmt.nextSibling;
  const from = prev && !prev.type.isError ? prev.from : stmt.from;
  const to = next && !next.type.isError ? next.to : stmt.to;
  const key = from * 31 + to;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const alone = parser.parse(text.slice(lineStart, to));
  let hasError = false;
  alone.iterate({
    enter(n) {
      if (n.type.isError) hasError = true;
      return hasError ? false : undefined;
    },
  });
  cache.set(key, hasError);
  return hasError;
}

/**
 * The first indentation error CPython's tokenizer would raise: a dedent to a column no enclosing block uses,
 * an indent with no block opened, or tabs and spaces mixed so that the result depends on the tab size.
 */
const [LF, CR, HASH, DQUOTE, SQUOTE, BACKSLASH, SPACE, TAB, COLON] = [10, 13, 35, 34, 39, 92, 32, 9, 58];

export function findIndentationError(text: string, lines: LineIndex): SyntaxIssue | null {
  const stack: { col8: number; col1: number }[] = [{ col8: 0, col1: 0 }];
  let depth = 0; // bracket depth
  let quote: string | null = null; // open string delimiter
  let lastSignificant = ''; // last non-comment, non-space char of the current logical line
  let prevLogicalEndsWithColon = false;
  let i = 0;
  let atLineStart = true;
  let continuation = false;
  while (i < text.length) {
    if (atLineStart && depth === 0 && quote === null && !continuation) {
      let j = i;
      let col8 = 0;
      let col1 = 0;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\f')) {
        if (text[j] === '\t') {
          col8 = (Math.floor(col8 / 8) + 1) * 8;
          col1 += 1;
        } else if (text[j] === ' ') {
          col8++;
          col1++;
        } else {
          col8 = 0;
          col1 = 0;
        }
        j++;
      }
      const c = text[j];
      const blank = j >= text.length || c === '\n' || c === '\r' || c === '#';
      if (!blank) {
        const top = stack[stack.length - 1];
        const lineSpan = () => lines.span(i, j);
        if ((col8 > top.col8) !== (col1 > top.col1) || (col8 === top.col8) !== (col1 === top.col1)) {
          return { span: lineSpan(), message: 'TabError: inconsistent use of tabs and spaces in indentation' };
        }
        if (col8 > top.col8) {
          if (!prevLogicalEndsWithColon) return { span: lineSpan(), message: 'IndentationError: unexpected indent' };
          stack.push({ col8, col1 });
        } else if (col8 < top.col8) {
          while (stack.length > 1 && stack[stack.length - 1].col8 > col8) stack.pop();
          const t = stack[stack.length - 1];
          if (t.col8 !== col8) return { span: lineSpan(), message: 'IndentationError: unindent does not match any outer indentation level' };
          if (t.col1 !== col1) return { span: lineSpan(), message: 'TabError: inconsistent use of tabs and spaces in indentation' };
        }
        lastSignificant = '';
      }
      i = j;
      atLineStart = false;
      if (blank) {
        // skip to end of line; comments and blank lines do not affect indentation
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        atLineStart = true;
        continue;
      }
    }
    const ch = text.charCodeAt(i);
    if (quote !== null) {
      if (ch === BACKSLASH) {
        i += 2;
        continue;
      }
      if (ch === quote.charCodeAt(0) && (quote.length === 1 || text.startsWith(quote, i))) {
        i += quote.length;
        quote = null;
        lastSignificant = 'x';
        continue;
      }
      if ((ch === LF || ch === CR) && quote.length === 1) {
        quote = null; // unterminated single-quoted string: lezer reports it; resume at the next line
      } else {
        i++;
        continue;
      }
    }
    if (ch === HASH) {
      while (i < text.length && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      continue;
    }
    if (ch === DQUOTE || ch === SQUOTE) {
      const triple = text.charCodeAt(i + 1) === ch && text.charCodeAt(i + 2) === ch;
      quote = text.slice(i, i + (triple ? 3 : 1));
      i += quote.length;
      continue;
    }
    if (ch === BACKSLASH && (text.charCodeAt(i + 1) === LF || text.charCodeAt(i + 1) === CR)) {
      continuation = true;
      i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      atLineStart = true;
      continue;
    }
    if (ch === 40 || ch === 91 || ch === 123) depth++; // ( [ {
    else if ((ch === 41 || ch === 93 || ch === 125) && depth > 0) depth--; // ) ] }
    if (ch === LF || ch === CR) {
      if (ch === CR && text.charCodeAt(i + 1) === LF) i++;
      i++;
      atLineStart = true;
      if (depth === 0) {
        prevLogicalEndsWithColon = lastSignificant === ':';
        continuation = false;
      }
      continue;
    }
    if (ch !== SPACE && ch !== TAB) lastSignificant = ch === COLON ? ':' : 'x';
    atLineStart = false;
    i++;
    if (continuation && depth === 0) continuation = false;
  }
  return null;
}
