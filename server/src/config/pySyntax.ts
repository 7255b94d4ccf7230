/**
 * CPython 3.11's first syntax error in a source text, found the way CPython finds it: the tokenizer's error if the
 * parser reaches one; otherwise the second pass's specific message or "invalid syntax" at the furthest token; then
 * an error the tokenizer raises anywhere later in the file wins, as in _PyPegen_tokenize_full_source_to_check_for_errors.
 */
import { PyParser, RaisedError, TokenStream } from './pyParser';
import { normalizeSource, PyTokenizer, TokenizeError, type PySyntaxError } from './pyTokenizer';

export type { PySyntaxError } from './pyTokenizer';

export function firstSyntaxError(text: string): PySyntaxError | null {
  const tokenizer = new PyTokenizer(normalizeSource(text));
  const ts = new TokenStream(tokenizer);
  let err: PySyntaxError;
  const first = new PyParser(ts, false, compileFStringExpr);
  try {
    first.parseFile();
    const sem = first.semantic;
    return sem ? first.locate(sem.first, sem.last, sem.msg) : null;
  } catch (e) {
    if (e instanceof TokenizeError) return e.error;
    if (e instanceof RaisedError) err = e.error;
    else if (PyParser.isFail(e)) {
      const furthest = ts.tokens.length - 1;
      const second = new PyParser(ts, true, compileFStringExpr);
      let specific: PySyntaxError | null = null;
      try {
        second.parseFile();
      } catch (e2) {
        if (e2 instanceof TokenizeError) return e2.error;
        if (e2 instanceof RaisedError) specific = e2.error;
        else if (!PyParser.isFail(e2)) throw e2;
      }
      if (!specific) {
        err = genericError(first, ts, furthest);
        // An unexpected indent or unindent is final: CPython does not look further (_PyPegen_set_syntax_error).
        if (err.type === 'IndentationError') return err;
      } else err = specific;
    } else throw e;
  }
  return laterTokenizerError(tokenizer, ts) ?? err;
}

function genericError(parser: PyParser, ts: TokenStream, furthest: number): PySyntaxError {
  const t = ts.tokens[furthest];
  if (t.type === 'INDENT') return parser.locate(furthest, furthest, 'unexpected indent', 'IndentationError');
  if (t.type === 'DEDENT') return parser.locate(furthest, furthest, 'unexpected unindent', 'IndentationError');
  return parser.locate(furthest, furthest, 'invalid syntax');
}

/** Tokenizes the rest of the file: an error the tokenizer raises itself replaces the parser's error. */
function laterTokenizerError(tokenizer: PyTokenizer, ts: TokenStream): PySyntaxError | null {
  const errLine = ts.tokens[ts.tokens.length - 1]?.line ?? 1;
  try {
    for (;;) if (tokenizer.next().type === 'ENDMARKER') return null;
  } catch (e) {
    if (!(e instanceof TokenizeError)) throw e;
    if (e.raisedByTokenizer) return e.error;
    const open = tokenizer.innermostOpen();
    if (open && errLine > open.line) {
      return { type: 'SyntaxError', msg: `'${open.ch}' was never closed`, lineno: open.line, offset: open.col + 1, endLineno: open.line, endOffset: 0 };
    }
    return null;
  }
}

/** An f-string's expression is compiled on its own, as `(expr)`. */
function compileFStringExpr(src: string): PySyntaxError | null {
  return firstSyntaxError(src);
}
