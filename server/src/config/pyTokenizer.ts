/**
 * A tokenizer that follows CPython 3.11's (Parser/tokenizer.c) closely enough to raise the same errors at the same
 * places: indentation, brackets, strings, number literals, invalid characters. Tokens are produced on demand, as
 * CPython's parser pulls them, because which error wins depends on how far the parser got.
 */

export type TokenType = 'NAME' | 'NUMBER' | 'STRING' | 'OP' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'ENDMARKER';

export interface Token {
  type: TokenType;
  value: string;
  /** 1-based line and 0-based column of the start (col -1: no position, CPython then uses the cursor). */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** Where the tokenizer's cursor was (column on `line`) when the token was made; used when col is -1. */
  cursorCol: number;
  /** Bracket depth after this token (CPython's `tok->level`). */
  level: number;
  /** Offset of the start in the normalised source. */
  start: number;
}

/** A SyntaxError as CPython reports it: 1-based line, 1-based `offset` and the end pair as CPython sets them. */
export interface PySyntaxError {
  type: 'SyntaxError' | 'IndentationError' | 'TabError';
  msg: string;
  lineno: number;
  offset: number;
  endLineno: number;
  endOffset: number;
}

/**
 * Thrown when the tokenizer fails. `raisedByTokenizer` errors are the ones CPython's tokenizer raises itself (they
 * win over a parser error found earlier in the file); the others only count when the parser reaches them.
 */
export class TokenizeError extends Error {
  constructor(
    readonly error: PySyntaxError,
    readonly raisedByTokenizer: boolean,
  ) {
    super(error.msg);
  }
}

const TABSIZE = 8;
const MAXINDENT = 100;
const MAXLEVEL = 200;
const EOF = -1;

const THREE_CHAR = new Set(['**=', '...', '//=', '<<=', '>>=', '!=']);
/** First characters of the two- and three-character operators, to skip the lookups for everything else. */
const TWO_CHAR_FIRST = new Set([...'!%&*+-/:<=>@^|'].map((ch) => ch.charCodeAt(0)));
const TWO_CHAR = new Set(['!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=', '<>', '==', '>=', '>>', '@=', '^=', '|=']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isXDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}\u00B7\u0387\u1369-\u1371\u19DA]/u;

/** Normalises newlines the way CPython does for compile(): \r\n and \r become \n, and a final \n is added. */
export function normalizeSource(text: string): string {
  let t = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (!t.endsWith('\n')) t += '\n';
  return t;
}

export class PyTokenizer {
  private pos = 0;
  private lineStart = 0;
  private lineno = 1;
  private atbol = true;
  private pendin = 0;
  private indstack = [0];
  private altindstack = [0];
  private readonly parens: { ch: string; line: number; col: number }[] = [];
  private done = false;

  /**
   * `src` must be normalised (see normalizeSource). `from` starts at the beginning of a top-level line (no open
   * bracket, no indentation) instead of the start of the file.
   */
  constructor(
    private readonly src: string,
    from?: { offset: number; line: number },
  ) {
    if (from) {
      this.pos = from.offset;
      this.lineStart = from.offset;
      this.lineno = from.line;
    }
  }

  get level(): number {
    return this.parens.length;
  }

  /** The innermost open bracket, for "'(' was never closed". */
  innermostOpen(): { ch: string; line: number; col: number } | null {
    return this.parens[this.parens.length - 1] ?? null;
  }

  private nextc(): number {
    if (this.pos >= this.src.length) {
      this.pos = this.src.length + 1; // past the end, so that backup() keeps EOF sticky
      return EOF;
    }
    const c = this.src.charCodeAt(this.pos++);
    if (c === 10 && this.pos < this.src.length) {
      // CPython moves to the next line when it reads past the newline, not when it reads the newline.
      this.pendingLine = true;
    }
    return c;
  }

  private pendingLine = false;

  /** Called before reading a character of a new line: CPython's tok_nextc loads the next line lazily. */
  private advanceLine(): void {
    if (this.pendingLine) {
      this.pendingLine = false;
      this.lineno++;
      this.lineStart = this.pos;
    }
  }

  private read(): number {
    this.advanceLine();
    return this.nextc();
  }

  private backup(c: number): void {
    if (c === EOF) {
      return;
    }
    this.pos--;
    if (c === 10) this.pendingLine = false;
  }

  private col(): number {
    return Math.min(this.pos, this.src.length) - this.lineStart;
  }

  private fail(msg: string, opts: { type?: PySyntaxError['type']; col?: number; endCol?: number; raised?: boolean } = {}): never {
    const offset = opts.col ?? this.col();
    throw new TokenizeError(
      { type: opts.type ?? 'SyntaxError', msg, lineno: this.lineno, offset, endLineno: this.lineno, endOffset: opts.endCol ?? offset },
      opts.raised ?? true,
    );
  }

  private make(type: TokenType, start: number, end: number, startLine = this.lineno, startLineStart = this.lineStart): Token {
    return {
      type,
      value: this.src.slice(start, end),
      line: startLine,
      col: start - startLineStart,
      endLine: this.lineno,
      endCol: end - this.lineStart,
      cursorCol: this.col(),
      level: this.parens.length,
      start,
    };
  }

  private positionless(type: TokenType): Token {
    return { type, value: '', line: this.lineno, col: -1, endLine: this.lineno, endCol: -1, cursorCol: this.col(), level: this.parens.length, start: Math.min(this.pos, this.src.length) };
  }

  next(): Token {
    if (this.done) return this.positionless('ENDMARKER');
    let blankline = false;
    for (;;) {
      if (this.atbol) {
        this.atbol = false;
        let col = 0;
        let altcol = 0;
        let c: number;
        for (;;) {
          c = this.read();
          if (c === 32) {
            col++;
            altcol++;
          } else if (c === 9) {
            col = (Math.floor(col / TABSIZE) + 1) * TABSIZE;
            altcol = altcol + 1;
          } else if (c === 12) {
            col = altcol = 0;
          } else break;
        }
        this.backup(c);
        blankline = c === 35 || c === 10;
        if (!blankline && this.parens.length === 0) {
          const top = this.indstack.length - 1;
          if (col === this.indstack[top]) {
            if (altcol !== this.altindstack[top]) this.tabError();
          } else if (col > this.indstack[top]) {
            if (this.indstack.length >= MAXINDENT) this.lineError('too many levels of indentation', 'IndentationError');
            if (altcol <= this.altindstack[top]) this.tabError();
            this.pendin++;
            this.indstack.push(col);
            this.altindstack.push(altcol);
          } else {
            while (this.indstack.length > 1 && col < this.indstack[this.indstack.length - 1]) {
              this.pendin--;
              this.indstack.pop();
              this.altindstack.pop();
            }
            if (col !== this.indstack[this.indstack.length - 1]) {
              // E_DEDENT: CPython reports the end of the line as the column.
              this.lineError('unindent does not match any outer indentation level', 'IndentationError', this.lineLength());
            }
            if (altcol !== this.altindstack[this.altindstack.length - 1]) this.tabError();
          }
        }
      }
      if (this.pendin !== 0) {
        if (this.pendin < 0) {
          this.pendin++;
          return this.positionless('DEDENT');
        }
        this.pendin--;
        return this.positionless('INDENT');
      }
      const tok = this.again(blankline);
      if (tok) return tok;
      // a blank line or a newline inside brackets: read the next line
    }
  }

  private lineLength(): number {
    const nl = this.src.indexOf('\n', this.lineStart);
    return (nl < 0 ? this.src.length : nl + 1) - this.lineStart;
  }

  private tabError(): never {
    throw new TokenizeError({ type: 'TabError', msg: 'inconsistent use of tabs and spaces in indentation', lineno: this.lineno, offset: 1, endLineno: this.lineno, endOffset: 0 }, false);
  }

  private lineError(msg: string, type: PySyntaxError['type'], offset = 1): never {
    throw new TokenizeError({ type, msg, lineno: this.lineno, offset, endLineno: this.lineno, endOffset: -1 }, false);
  }

  /** One token after the indentation has been handled; null to go to the next line. */
  private again(blankline: boolean): Token | null {
    for (;;) {
      let c: number;
      do c = this.read();
      while (c === 32 || c === 9 || c === 12);
      const start = this.pos - 1;
      if (c === 35) {
        while (c !== EOF && c !== 10) c = this.read();
      }
      if (c === EOF) {
        if (this.parens.length > 0) {
          const open = this.parens[this.parens.length - 1];
          throw new TokenizeError({ type: 'SyntaxError', msg: `'${open.ch}' was never closed`, lineno: open.line, offset: open.col + 1, endLineno: open.line, endOffset: 0 }, false);
        }
        // Dedent to column 0 first, as CPython does at the end of the input.
        if (this.indstack.length > 1) {
          this.indstack.pop();
          this.altindstack.pop();
          return { ...this.positionless('DEDENT'), cursorCol: this.col() };
        }
        this.done = true;
        const t = this.positionless('ENDMARKER');
        return { ...t, col: Math.max(0, this.col() - 1) };
      }
      if (isIdentStart(c)) {
        let sawB = false, sawR = false, sawU = false, sawF = false;
        for (;;) {
          if (!(sawB || sawU || sawF) && (c === 98 || c === 66)) sawB = true;
          else if (!(sawB || sawU || sawR || sawF) && (c === 117 || c === 85)) sawU = true;
          else if (!(sawR || sawU) && (c === 114 || c === 82)) sawR = true;
          else if (!(sawF || sawB || sawU) && (c === 102 || c === 70)) sawF = true;
          else break;
          c = this.read();
          if (c === 34 || c === 39) return this.string(c, start);
        }
        let nonascii = false;
        while (isIdentChar(c)) {
          if (c >= 128) nonascii = true;
          c = this.read();
        }
        this.backup(c);
        if (nonascii) this.verifyIdentifier(start);
        return this.make('NAME', start, this.pos);
      }
      if (c === 10) {
        this.atbol = true;
        if (blankline || this.parens.length > 0) return null;
        const t = this.make('NEWLINE', start, start);
        return { ...t, endLine: t.line, endCol: t.col };
      }
      if (c === 46) {
        c = this.read();
        if (isDigit(c)) return this.number(c, start, 'fraction');
        if (c === 46) {
          const c3 = this.read();
          if (c3 === 46) return this.make('OP', start, this.pos);
          this.backup(c3);
        }
        this.backup(c);
        return this.make('OP', start, start + 1);
      }
      if (isDigit(c)) return this.number(c, start, 'start');
      if (c === 34 || c === 39) return this.string(c, start);
      if (c === 92) {
        c = this.read();
        if (c !== 10) {
          throw new TokenizeError({ type: 'SyntaxError', msg: 'unexpected character after line continuation character', lineno: this.lineno, offset: this.col(), endLineno: this.lineno, endOffset: 0 }, false);
        }
        c = this.read();
        if (c === EOF) {
          throw new TokenizeError({ type: 'SyntaxError', msg: 'unexpected EOF while parsing', lineno: this.lineno, offset: this.col(), endLineno: this.lineno, endOffset: -1 }, false);
        }
        this.backup(c);
        continue;
      }
      if (TWO_CHAR_FIRST.has(c)) {
        const two = this.src.slice(start, start + 2);
        if (TWO_CHAR.has(two)) {
          this.read();
          if (THREE_CHAR.has(this.src.slice(start, start + 3))) this.read();
          return this.make('OP', start, this.pos);
        }
      }
      const ch = String.fromCharCode(c);
      if (ch === '(' || ch === '[' || ch === '{') {
        if (this.parens.length >= MAXLEVEL) this.fail('too many nested parentheses');
        this.parens.push({ ch, line: this.lineno, col: start - this.lineStart });
      } else if (ch === ')' || ch === ']' || ch === '}') {
        const open = this.parens.pop();
        if (!open) this.fail(`unmatched '${ch}'`);
        if ('([{'.indexOf(open.ch) !== ')]}'.indexOf(ch)) {
          this.fail(open.line !== this.lineno
            ? `closing parenthesis '${ch}' does not match opening parenthesis '${open.ch}' on line ${open.line}`
            : `closing parenthesis '${ch}' does not match opening parenthesis '${open.ch}'`);
        }
      }
      if (c < 32 || c === 127) this.fail(`invalid non-printable character U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
      return this.make('OP', start, this.pos);
    }
  }

  private verifyIdentifier(start: number): void {
    const s = this.src.slice(start, this.pos);
    const chars = [...s];
    let offset = 0;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const ok = i === 0 ? ID_START.test(ch) : ID_CONTINUE.test(ch);
      offset += ch.length;
      if (!ok) {
        if (i + 1 < chars.length) this.pos = start + offset;
        const cp = ch.codePointAt(0)!;
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        const printable = !/[\p{C}\p{Z}]/u.test(ch) || ch === ' ';
        this.fail(printable ? `invalid character '${ch}' (U+${hex})` : `invalid non-printable character U+${hex}`);
      }
    }
  }

  private string(quote: number, start: number): Token {
    const firstLine = this.lineno;
    const firstLineStart = this.lineStart;
    let quoteSize = 1;
    let endQuoteSize = 0;
    let c = this.read();
    if (c === quote) {
      c = this.read();
      if (c === quote) quoteSize = 3;
      else endQuoteSize = 1;
    }
    if (c !== quote) this.backup(c);
    while (endQuoteSize !== quoteSize) {
      c = this.read();
      if (c === EOF || (quoteSize === 1 && c === 10)) {
        const detected = this.lineno;
        const offset = start - firstLineStart + 1;
        const msg = quoteSize === 3
          ? `unterminated triple-quoted string literal (detected at line ${detected})`
          : `unterminated string literal (detected at line ${detected})`;
        throw new TokenizeError({ type: 'SyntaxError', msg, lineno: firstLine, offset, endLineno: firstLine, endOffset: offset }, true);
      }
      if (c === quote) endQuoteSize++;
      else {
        endQuoteSize = 0;
        if (c === 92) this.read();
      }
    }
    return this.make('STRING', start, this.pos, firstLine, firstLineStart);
  }

  private decimalTail(): number {
    for (;;) {
      let c: number;
      do c = this.read();
      while (isDigit(c));
      if (c !== 95) return c;
      c = this.read();
      if (!isDigit(c)) {
        this.backup(c);
        this.fail('invalid decimal literal');
      }
    }
  }

  private verifyEnd(c: number, kind: string): void {
    // CPython's lookahead(): the rest of the keyword, then a character that cannot continue a name.
    const ahead = (s: string) => this.src.startsWith(s, this.pos) && !isIdentChar(this.src.charCodeAt(this.pos + s.length) || 0);
    let r = false;
    if (c === 97) r = ahead('nd');
    else if (c === 101) r = ahead('lse');
    else if (c === 102) r = ahead('or');
    else if (c === 105) r = 'fns'.includes(this.src.charAt(this.pos) || '?');
    else if (c === 111) r = ahead('r');
    else if (c === 110) r = ahead('ot');
    if (r) return; // a DeprecationWarning in 3.11, not an error
    if (isIdentChar(c)) {
      this.backup(c);
      this.fail(`invalid ${kind} literal`);
    }
  }

  private number(first: number, start: number, entry: 'start' | 'fraction'): Token {
    let c = first;
    if (entry === 'fraction') {
      return this.fractionTail(c, start, true);
    }
    if (c === 48) {
      c = this.read();
      if (c === 120 || c === 88) {
        c = this.read();
        do {
          if (c === 95) c = this.read();
          if (!isXDigit(c)) {
            this.backup(c);
            this.fail('invalid hexadecimal literal');
          }
          do c = this.read();
          while (isXDigit(c));
        } while (c === 95);
        this.verifyEnd(c, 'hexadecimal');
      } else if (c === 111 || c === 79 || c === 98 || c === 66) {
        const octal = c === 111 || c === 79;
        const kind = octal ? 'octal' : 'binary';
        const inRange = (d: number) => (octal ? d >= 48 && d < 56 : d === 48 || d === 49);
        c = this.read();
        do {
          if (c === 95) c = this.read();
          if (!inRange(c)) {
            if (isDigit(c)) this.fail(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`);
            this.backup(c);
            this.fail(`invalid ${kind} literal`);
          }
          do c = this.read();
          while (inRange(c));
        } while (c === 95);
        if (isDigit(c)) this.fail(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`);
        this.verifyEnd(c, kind);
      } else {
        let nonzero = false;
        for (;;) {
          if (c === 95) {
            c = this.read();
            if (!isDigit(c)) {
              this.backup(c);
              this.fail('invalid decimal literal');
            }
          }
          if (c !== 48) break;
          c = this.read();
        }
        const zerosEnd = this.pos;
        if (isDigit(c)) {
          nonzero = true;
          c = this.decimalTail();
        }
        if (c === 46) return this.fractionTail(this.read(), start, false);
        if (c === 101 || c === 69) return this.exponent(c, start);
        if (c === 106 || c === 74) return this.imaginary(start);
        if (nonzero) {
          this.backup(c);
          this.fail('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', {
            col: start + 1 - this.lineStart,
            endCol: zerosEnd - this.lineStart,
          });
        }
        this.verifyEnd(c, 'decimal');
      }
    } else {
      c = this.decimalTail();
      if (c === 46) return this.fractionTail(this.read(), start, false);
      if (c === 101 || c === 69) return this.exponent(c, start);
      if (c === 106 || c === 74) return this.imaginary(start);
      this.verifyEnd(c, 'decimal');
    }
    this.backup(c);
    return this.make('NUMBER', start, this.pos);
  }

  private fractionTail(c: number, start: number, _fromDot: boolean): Token {
    if (isDigit(c)) c = this.decimalTail();
    if (c === 101 || c === 69) return this.exponent(c, start);
    if (c === 106 || c === 74) return this.imaginary(start);
    this.verifyEnd(c, 'decimal');
    this.backup(c);
    return this.make('NUMBER', start, this.pos);
  }

  private exponent(e: number, start: number): Token {
    let c = this.read();
    if (c === 43 || c === 45) {
      c = this.read();
      if (!isDigit(c)) {
        this.backup(c);
        this.fail('invalid decimal literal');
      }
    } else if (!isDigit(c)) {
      this.backup(c);
      this.verifyEnd(e, 'decimal');
      this.backup(e);
      return this.make('NUMBER', start, this.pos);
    }
    c = this.decimalTail();
    if (c === 106 || c === 74) return this.imaginary(start);
    this.verifyEnd(c, 'decimal');
    this.backup(c);
    return this.make('NUMBER', start, this.pos);
  }

  private imaginary(start: number): Token {
    const c = this.read();
    this.verifyEnd(c, 'imaginary');
    this.backup(c);
    return this.make('NUMBER', start, this.pos);
  }
}
