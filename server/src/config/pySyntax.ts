/**
 * CPython 3.11's first syntax error in a source text, found the way CPython finds it: the tokenizer's error if the
 * parser reaches one; otherwise the second pass's specific message or "invalid syntax" at the furthest token; then
 * an error the tokenizer raises anywhere later in the file wins, as in _PyPegen_tokenize_full_source_to_check_for_errors.
 */
import { PyParser, RaisedError, TokenStream } from './pyParser';
import { normalizeSource, PyTokenizer, TokenizeError, type PySyntaxError, type Token } from './pyTokenizer';

export type { PySyntaxError } from './pyTokenizer';

/** Where a top-level statement starts, and the first compile-stage error before it. */
interface Restart {
  offset: number;
  line: number;
  semantic: PySyntaxError | null;
}

interface Checked {
  text: string;
  restarts: Restart[];
  result: PySyntaxError | null;
}

/** The last few texts checked (one per open file being edited, roughly), to restart after an edit. */
const recent: Checked[] = [];
const RECENT = 4;
const CACHE_MAX_CHARS = 2_000_000;

/**
 * The first error of `text`. A text that differs from one checked recently only after some top-level statement is
 * re-checked from the statement before the edit: what comes earlier parsed then and cannot change.
 */
export function firstSyntaxError(text: string): PySyntaxError | null {
  if (text.includes('\r') || text.length > CACHE_MAX_CHARS) return check(normalizeSource(text), null).result;
  let best: { entry: Checked; prefix: number } | null = null;
  for (const entry of recent) {
    if (entry.text === text) return entry.result;
    const prefix = commonPrefix(entry.text, text);
    if (!best || prefix > best.prefix) best = { entry, prefix };
  }
  let restart: Restart | null = null;
  if (best) {
    const rs = best.entry.restarts;
    // The statement before the edited one too: its end depends on the first token after it (elif, else, …).
    let k = rs.length - 1;
    while (k >= 0 && rs[k].offset > best.prefix) k--;
    restart = k >= 1 ? rs[k - 1] : null;
  }
  // Past the edit, a statement start found again in the unchanged end of a text that parsed completes the check.
  const suffix = best && best.entry.result === null ? { entry: best.entry, length: commonSuffix(best.entry.text, text, best.prefix) } : undefined;
  const done = check(normalizeSource(text), restart, best?.entry.restarts, suffix && { restarts: suffix.entry.restarts, oldLength: suffix.entry.text.length, length: suffix.length, delta: text.length - suffix.entry.text.length });
  const entry = { text, restarts: done.restarts, result: done.result };
  recent.unshift(entry);
  if (recent.length > RECENT) recent.pop();
  return done.result;
}

/** The same answer without the restart cache (for tests that compare the two). */
export function firstSyntaxErrorFromScratch(text: string): PySyntaxError | null {
  return check(normalizeSource(text), null).result;
}

/** Length of the common end of `a` and `b`, not reaching into their common prefix. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The unchanged end of an earlier text that parsed without error: its statement starts, shifted by `delta`. */
interface Suffix {
  restarts: Restart[];
  /** Length of the earlier text (statement starts lie inside it; normalising only adds a final newline). */
  oldLength: number;
  length: number;
  delta: number;
}

class Resynced {}
const RESYNCED = new Resynced();

/** Checks `src` (normalised), from `restart` when given (whose earlier restarts are `before`). */
function check(src: string, restart: Restart | null, before?: Restart[], suffix?: Suffix): { result: PySyntaxError | null; restarts: Restart[] } {
  const restarts = restart && before ? before.filter((r) => r.offset < restart.offset) : [];
  // Old statement starts inside the unchanged end, by their offset in the new text.
  const oldAt = new Map<number, number>();
  if (suffix) {
    const unchangedFrom = suffix.oldLength - suffix.length;
    suffix.restarts.forEach((r, i) => {
      if (r.offset >= unchangedFrom) oldAt.set(r.offset + suffix.delta, i);
    });
  }
  let semanticSoFar: PySyntaxError | null = null;
  try {
    const result = runParser(src, restart, (t, semantic) => {
      // Only a real token at the start of a line begins a statement one can restart at (not an INDENT).
      if (t.col !== 0 || t.type === 'INDENT' || t.type === 'DEDENT' || t.type === 'ENDMARKER') return;
      const i = oldAt.get(t.start);
      if (suffix && i !== undefined && t.start > (restart?.offset ?? -1)) {
        // Everything from here on parsed before, without error: the check is complete.
        const lineDelta = t.line - suffix.restarts[i].line;
        for (const r of suffix.restarts.slice(i)) restarts.push({ offset: r.offset + suffix.delta, line: r.line + lineDelta, semantic: restart?.semantic ?? semantic });
        semanticSoFar = restart?.semantic ?? semantic;
        throw RESYNCED;
      }
      restarts.push({ offset: t.start, line: t.line, semantic: restart?.semantic ?? semantic });
    });
    return { result, restarts };
  } catch (e) {
    if (e !== RESYNCED) throw e;
    return { result: semanticSoFar, restarts };
  }
}

function runParser(src: string, restart: Restart | null, onStatement: (t: Token, semantic: PySyntaxError | null) => void): PySyntaxError | null {
  const tokenizer = new PyTokenizer(src, restart ?? undefined);
  const ts = new TokenStream(tokenizer);
  let err: PySyntaxError;
  const first = new PyParser(ts, false, compileFStringExpr);
  const semanticNow = () => (first.semantic ? first.locate(first.semantic.first, first.semantic.last, first.semantic.msg) : null);
  const starts: Token[] = [];
  try {
    first.parseFile((t) => {
      starts.push(t);
      onStatement(t, semanticNow());
    });
    return restart?.semantic ?? semanticNow();
  } catch (e) {
    if (e instanceof TokenizeError) return e.error;
    if (e instanceof RaisedError) err = e.error;
    else if (PyParser.isFail(e)) {
      const furthest = ts.tokens.length - 1;
      // CPython's second pass starts at the top of the file; the top-level statements before the failing one parsed,
      // and the invalid_* rules do not fire on valid code, so it starts at the statement before the failing one.
      const from = starts.length >= 2 ? starts[starts.length - 2] : null;
      const ts2 = from ? new TokenStream(new PyTokenizer(src, { offset: from.start, line: from.line })) : ts;
      const second = new PyParser(ts2, true, compileFStringExpr);
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
      // The rest of the file is tokenized from where either pass got furthest.
      const lastOf = (t: TokenStream) => t.tokens[t.tokens.length - 1]?.start ?? -1;
      if (lastOf(ts2) > lastOf(ts)) return laterTokenizerError(ts2.tokenizer, ts2) ?? err;
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
  return check(normalizeSource(src), null).result;
}
