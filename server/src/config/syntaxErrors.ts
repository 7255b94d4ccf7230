/**
 * The syntax error of a script, as CPython reports it: at most one (CPython stops at the first), at CPython's line
 * and column, with CPython's message (see pySyntax.ts). lezer's own error nodes are not used: lezer recovers where
 * CPython does not, and places errors elsewhere.
 */
import type { Tree } from '@lezer/common';
import type { LineIndex } from './lineIndex';
import { firstSyntaxError, type PySyntaxError } from './pySyntax';
import type { SyntaxIssue } from './types';

/** `_tree` is unused: kept so that callers need not change. */
export function findSyntaxErrors(_tree: Tree | null, text: string, lines: LineIndex): SyntaxIssue[] {
  const error = firstSyntaxError(text);
  return error ? [toIssue(error, lines)] : [];
}

/** CPython's 1-based offsets → an LSP span starting exactly at CPython's column. */
export function toIssue(error: PySyntaxError, lines: LineIndex): SyntaxIssue {
  const start = lines.offsetAt({ line: error.lineno - 1, character: Math.max(0, error.offset - 1) });
  const hasEnd = error.endOffset > 0 && (error.endLineno > error.lineno || (error.endLineno === error.lineno && error.endOffset > error.offset));
  let end = hasEnd ? lines.offsetAt({ line: error.endLineno - 1, character: error.endOffset - 1 }) : start;
  if (end <= start) {
    // A point error covers the character there; at a line end the range stays empty (editors still show it).
    const lineEnd = lines.offsetAt({ line: error.lineno - 1, character: Number.MAX_SAFE_INTEGER });
    end = Math.min(start + 1, Math.max(start, lineEnd));
  }
  return { span: lines.span(start, end), message: `${error.type}: ${error.msg}` };
}
