/**
 * The checks CPython 3.11 makes on an f-string literal (Parser/string_parser.c: fstring_find_literal and
 * fstring_find_expr): braces, conversions, nesting, backslashes and comments in expressions, empty expressions.
 * The expressions themselves are handed to `compileExpr` (the same syntax checker, on `(expr)`).
 */
import type { PySyntaxError } from './pyTokenizer';

export interface StringPrefix {
  f: boolean;
  bytes: boolean;
  raw: boolean;
  length: number;
}

export function fstringPrefix(token: string): StringPrefix {
  let i = 0;
  let f = false, bytes = false, raw = false;
  while (i < token.length && token[i] !== '"' && token[i] !== "'") {
    const c = token[i].toLowerCase();
    if (c === 'f') f = true;
    else if (c === 'b') bytes = true;
    else if (c === 'r') raw = true;
    i++;
  }
  return { f, bytes, raw, length: i };
}

/** A message about the f-string (located by the caller), or a located error from one of its expressions. */
export type FStringProblem = { msg: string } | { error: PySyntaxError };

class Problem {
  constructor(readonly problem: FStringProblem) {}
}

export function checkFString(token: string, compileExpr: (src: string) => PySyntaxError | null): FStringProblem | null {
  const prefix = fstringPrefix(token);
  const q = token.startsWith(token[prefix.length].repeat(3), prefix.length) && token.length >= prefix.length + 6 ? 3 : 1;
  const s = token.slice(prefix.length + q, token.length - q);
  const fail = (msg: string): never => {
    throw new Problem({ msg });
  };

  /** Literal text and replacement fields from `i`; at level > 0 stops at the `}` closing a format spec. */
  const fields = (i: number, level: number): number => {
    while (i < s.length) {
      const ch = s[i];
      if (!prefix.raw && ch === '\\' && i + 1 < s.length) {
        if (s[i + 1] === 'N' && s[i + 2] === '{') {
          const close = s.indexOf('}', i);
          i = close < 0 ? s.length : close + 1;
        } else i += 2;
        continue;
      }
      if (ch === '{' || ch === '}') {
        if (level === 0) {
          if (s[i + 1] === ch) {
            i += 2;
            continue;
          }
          if (ch === '}') fail("f-string: single '}' is not allowed");
        } else if (ch === '}') return i;
        i = expr(i + 1, level);
        continue;
      }
      i++;
    }
    return i;
  };

  const expr = (i: number, level: number): number => {
    if (level >= 2) fail('f-string: expressions nested too deeply');
    const start = i;
    let quote: string | null = null;
    const stack: string[] = [];
    for (; i < s.length; i++) {
      const ch = s[i];
      if (ch === '\\') fail('f-string expression part cannot include a backslash');
      if (quote) {
        if (s.startsWith(quote, i)) {
          i += quote.length - 1;
          quote = null;
        }
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = s.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
        i += quote.length - 1;
        continue;
      }
      if (ch === '(' || ch === '[' || ch === '{') {
        if (stack.length >= 200) fail('f-string: too many nested parenthesis');
        stack.push(ch);
        continue;
      }
      if (ch === '#') fail("f-string expression part cannot include '#'");
      if (stack.length === 0 && '!:}=<>'.includes(ch)) {
        const next = s[i + 1];
        if (next === '=' && ch !== ':' && ch !== '}') {
          i++;
          continue;
        }
        if (ch === '<' || ch === '>') continue;
        break;
      }
      if (ch === ')' || ch === ']' || ch === '}') {
        const open = stack.pop();
        if (open === undefined) return fail(`f-string: unmatched '${ch}'`);
        if ('([{'.indexOf(open) !== ')]}'.indexOf(ch)) fail(`f-string: closing parenthesis '${ch}' does not match opening parenthesis '${open}'`);
      }
    }
    if (quote) fail('f-string: unterminated string');
    if (stack.length) fail(`f-string: unmatched '${stack[stack.length - 1]}'`);
    if (i >= s.length) fail("f-string: expecting '}'");
    const source = s.slice(start, i);
    if (!source.trim()) fail('f-string: empty expression not allowed');
    const err = compileExpr(`(${source})`);
    if (err) throw new Problem({ error: { ...err, msg: `f-string: ${err.msg}` } });
    if (s[i] === '=') i++;
    if (i >= s.length) fail("f-string: expecting '}'");
    if (s[i] === '!') {
      i++;
      if (i >= s.length) fail("f-string: expecting '}'");
      if (!'sra'.includes(s[i])) fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      i++;
    }
    if (i >= s.length) fail("f-string: expecting '}'");
    if (s[i] === ':') i = fields(i + 1, level + 1);
    if (i >= s.length || s[i] !== '}') fail("f-string: expecting '}'");
    return i + 1;
  };

  try {
    fields(0, 0);
    return null;
  } catch (e) {
    if (e instanceof Problem) return e.problem;
    throw e;
  }
}
