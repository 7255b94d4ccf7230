/**
 * A recogniser for the Python 3.11 grammar that fails where CPython's PEG parser fails. It parses twice as CPython
 * does: a first pass that only says "no" (the error is then at the furthest token read), and, after a failure, a
 * second pass with CPython's `invalid_*` rules switched on, which raise the specific messages ("Perhaps you forgot a
 * comma?", "expected ':'", "cannot assign to …"). No tree is built; expressions keep only what those rules need.
 */
import { exprName, invalidTarget, isSingleTarget, type Expr, type ExprKind } from './pyExpr';
import { checkFString, fstringPrefix } from './pyFString';
import { PyTokenizer, type PySyntaxError, type Token } from './pyTokenizer';

/** The parser cannot go on from here (the first pass's "no"). */
class Fail {}
const FAIL = new Fail();

/** A SyntaxError raised by a parser rule itself (forced tokens, invalid_* rules, string checks). */
export class RaisedError extends Error {
  constructor(readonly error: PySyntaxError) {
    super(error.msg);
  }
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
const SOFT_KEYWORDS = new Set(['match', 'case', '_']);
const AUGASSIGN = new Set(['+=', '-=', '*=', '@=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '**=', '//=']);
const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const BINARY_LEVEL = new Map<string, number>([
  ['|', 0], ['^', 1], ['&', 2], ['<<', 3], ['>>', 3], ['+', 4], ['-', 4], ['*', 5], ['/', 5], ['//', 5], ['%', 5], ['@', 5],
]);
const SUM_LEVEL = 4;
const EXPRESSION_KEYWORDS = new Set(['not', 'lambda', 'await', 'None', 'True', 'False', 'yield']);
const EXPRESSION_START_OPS = new Set(['(', '[', '{', '-', '+', '~', '*', '...', '**']);
const EXPRESSION_END_OPS = new Set([')', ']', '}', ';', '=', ':', ',']);
const CONSTANTS = new Set(['True', 'False', 'None']);

/** The token stream both passes read: tokens are pulled from the tokenizer only when a rule looks at them. */
export class TokenStream {
  readonly tokens: Token[] = [];
  constructor(readonly tokenizer: PyTokenizer) {}

  get(i: number): Token {
    while (this.tokens.length <= i) {
      const last = this.tokens[this.tokens.length - 1];
      if (last?.type === 'ENDMARKER') return last;
      this.tokens.push(this.tokenizer.next());
    }
    return this.tokens[i];
  }
}

/** A compile-stage error (symtable/codegen): reported only when the whole file parses. */
export interface SemanticError {
  msg: string;
  first: number;
  last: number;
}

interface Scope {
  fn: boolean;
  async: boolean;
  loop: boolean;
}

export class PyParser {
  private pos = 0;
  private readonly memo = new Map<number, { e: Expr; end: number } | null>();
  private invalidRules: boolean;
  private inDictValue = false;
  private scope: Scope = { fn: false, async: false, loop: false };
  semantic: SemanticError | null = null;

  constructor(
    private readonly ts: TokenStream,
    private readonly secondPass: boolean,
    /** Checks an f-string's expression, `(expr)`, as CPython compiles it separately. */
    private readonly compileExpr: (src: string) => PySyntaxError | null,
  ) {
    this.invalidRules = secondPass;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // tokens

  private tok(k = 0): Token {
    return this.ts.get(this.pos + k);
  }
  private at(value: string, k = 0): boolean {
    const t = this.tok(k);
    return (t.type === 'OP' || t.type === 'NAME') && t.value === value;
  }
  private atType(type: Token['type'], k = 0): boolean {
    return this.tok(k).type === type;
  }
  private isName(k = 0): boolean {
    const t = this.tok(k);
    return t.type === 'NAME' && !KEYWORDS.has(t.value);
  }
  private accept(value: string): boolean {
    if (this.at(value)) {
      this.pos++;
      return true;
    }
    return false;
  }
  private expect(value: string): number {
    if (!this.at(value)) throw FAIL;
    return this.pos++;
  }
  private expectType(type: Token['type']): number {
    if (!this.atType(type)) throw FAIL;
    return this.pos++;
  }
  private expectName(): number {
    if (!this.isName()) throw FAIL;
    return this.pos++;
  }
  /** CPython's `&&'x'`: a missing token is an error right away, at the token found instead. */
  private forced(value: string): number {
    if (this.at(value)) return this.pos++;
    throw new RaisedError(this.locate(this.pos, this.pos, `expected '${value}'`));
  }

  private attempt<T>(f: () => T): T | null {
    const m = this.pos;
    try {
      return f();
    } catch (e) {
      if (e !== FAIL) throw e;
      this.pos = m;
      return null;
    }
  }

  /** CPython's error location for tokens `first`..`last` (offsets 1-based, as SyntaxError has them). */
  locate(first: number, last: number, msg: string, type: PySyntaxError['type'] = 'SyntaxError'): PySyntaxError {
    const a = this.ts.get(first);
    const b = this.ts.get(last);
    const offset = a.col < 0 ? a.cursorCol : a.col + 1;
    return { type, msg, lineno: a.line, offset, endLineno: b.endLine, endOffset: b.endCol < 0 ? -1 : b.endCol + 1 };
  }

  private raise(first: number, last: number, msg: string): never {
    throw new RaisedError(this.locate(first, last, msg));
  }

  /** RAISE_SYNTAX_ERROR without a location: at the last token read. */
  private raiseAtLast(msg: string, type: PySyntaxError['type'] = 'SyntaxError'): never {
    const i = this.ts.tokens.length - 1;
    throw new RaisedError(this.locate(i, i, msg, type));
  }

  private semanticError(first: number, last: number, msg: string): void {
    if (!this.semantic) this.semantic = { msg, first, last };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // statements

  /**
   * Parses the file; throws FAIL (as a Fail instance), RaisedError or TokenizeError. `onStatement` hears where each
   * top-level statement starts (the places a later check may restart from).
   */
  parseFile(onStatement?: (t: Token) => void): void {
    while (!this.atType('ENDMARKER')) {
      onStatement?.(this.tok());
      this.statement();
    }
  }

  static isFail(e: unknown): boolean {
    return e instanceof Fail;
  }

  private statement(): void {
    const t = this.tok();
    if (t.type === 'NAME') {
      switch (t.value) {
        case 'if': return this.ifStmt();
        case 'while': return this.whileStmt();
        case 'for': return this.forStmt(false);
        case 'try': return this.tryStmt();
        case 'with': return this.withStmt(false);
        case 'def': return this.funcDef(false);
        case 'class': return this.classDef();
        case 'async': {
          const n = this.tok(1);
          this.pos++;
          if (n.value === 'def') return this.funcDef(true);
          if (n.value === 'for') return this.forStmt(true);
          if (n.value === 'with') return this.withStmt(true);
          throw FAIL;
        }
        case 'match': {
          if (this.attempt(() => this.matchStmt()) !== null) return;
          break;
        }
      }
    } else if (t.type === 'OP' && t.value === '@') {
      return this.decorated();
    }
    this.simpleStmts();
  }

  private simpleStmts(): void {
    this.simpleStmt();
    while (this.accept(';')) {
      if (this.atType('NEWLINE')) break;
      this.simpleStmt();
    }
    this.expectType('NEWLINE');
  }

  private simpleStmt(): void {
    const t = this.tok();
    const start = this.pos;
    if (t.type === 'NAME') {
      switch (t.value) {
        case 'pass':
          this.pos++;
          return;
        case 'break':
        case 'continue':
          this.pos++;
          if (!this.scope.loop) this.semanticError(start, start, t.value === 'break' ? "'break' outside loop" : "'continue' not properly in loop");
          return;
        case 'return': {
          this.pos++;
          if (!this.atType('NEWLINE') && !this.at(';')) this.starExpressions('value');
          if (!this.scope.fn) this.semanticError(start, this.pos - 1, "'return' outside function");
          return;
        }
        case 'import': return this.importName();
        case 'from': return this.importFrom();
        case 'raise':
          this.pos++;
          if (this.atType('NEWLINE') || this.at(';')) return;
          this.expression();
          if (this.accept('from')) this.expression();
          return;
        case 'del': return this.delStmt();
        case 'assert':
          this.pos++;
          this.expression();
          if (this.accept(',')) this.expression();
          return;
        case 'global':
        case 'nonlocal':
          this.pos++;
          this.expectName();
          while (this.accept(',')) this.expectName();
          if (t.value === 'nonlocal' && !this.scope.fn) this.semanticError(start, this.pos - 1, 'nonlocal declaration not allowed at module level');
          return;
      }
    }
    this.assignmentOrExpression();
  }

  private importName(): void {
    this.pos++;
    this.dottedAsName();
    while (this.accept(',')) this.dottedAsName();
  }

  private dottedAsName(): void {
    this.dottedName();
    if (this.accept('as')) this.expectName();
  }

  private dottedName(): void {
    this.expectName();
    while (this.accept('.')) this.expectName();
  }

  private importFrom(): void {
    this.pos++;
    let dots = 0;
    while (this.at('.') || this.at('...')) {
      dots++;
      this.pos++;
    }
    if (dots === 0 || !this.at('import')) this.dottedName();
    this.expect('import');
    if (this.accept('*')) return;
    if (this.accept('(')) {
      this.importAsNames();
      this.accept(',');
      this.expect(')');
      return;
    }
    this.importAsNames();
    if (this.at(',') && this.invalidRules && this.atType('NEWLINE', 1)) this.raiseAtLast('trailing comma not allowed without surrounding parentheses');
  }

  private importAsNames(): void {
    this.expectName();
    if (this.accept('as')) this.expectName();
    while (this.at(',') && this.isName(1)) {
      this.pos++;
      this.expectName();
      if (this.accept('as')) this.expectName();
    }
  }

  private delStmt(): void {
    this.pos++;
    const start = this.pos;
    const e = this.attempt(() => this.starExpressions('del'));
    const ok = e !== null && invalidTarget(e, 'del') === null && (this.at(';') || this.atType('NEWLINE'));
    if (ok) return;
    if (this.invalidRules && e) {
      const bad = invalidTarget(e, 'del');
      if (bad) this.raise(bad.first, bad.last, `cannot delete ${exprName(bad)}`);
    }
    this.pos = start;
    throw FAIL;
  }

  private assignmentOrExpression(): void {
    const first = this.atYield() ? this.yieldExpr() : this.starExpressions('value');
    if (this.at(':')) {
      const colon = this.pos;
      const ok = isSingleTarget(first);
      if (!ok) {
        if (this.invalidRules) {
          this.pos++;
          if (this.attempt(() => this.expression())) {
            if (first.kind === 'Tuple' && !first.parenthesized) this.raise(first.elts![0].first, first.elts![0].last, 'only single target (not tuple) can be annotated');
            if (first.kind === 'Tuple' || first.kind === 'List') this.raise(first.first, first.last, `only single target (not ${exprName(first)}) can be annotated`);
            this.raise(first.first, first.last, 'illegal target for annotation');
          }
        }
        this.pos = colon;
        throw FAIL;
      }
      this.pos++;
      this.expression();
      if (this.accept('=')) {
        if (this.atYield()) this.yieldExpr();
        else this.starExpressions('value');
      }
      return;
    }
    if (this.at('=')) {
      let target = first;
      while (this.at('=')) {
        const eq = this.pos;
        this.checkTarget(target, eq);
        this.pos++;
        target = this.atYield() ? this.yieldExpr() : this.starExpressions('value');
      }
      return;
    }
    const t = this.tok();
    if (t.type === 'OP' && AUGASSIGN.has(t.value)) {
      if (!isSingleTarget(first)) {
        if (this.invalidRules) {
          const op = this.pos;
          this.pos++;
          if (this.attempt(() => (this.atYield() ? this.yieldExpr() : this.starExpressions('value')))) {
            this.raise(first.first, first.last, `'${exprName(first)}' is an illegal expression for augmented assignment`);
          }
          this.pos = op;
        }
        throw FAIL;
      }
      this.pos++;
      if (this.atYield()) this.yieldExpr();
      else this.starExpressions('value');
      return;
    }
    if (first.kind === 'Starred') this.semanticError(first.first, first.last, "can't use starred expression here");
  }

  private checkTarget(target: Expr, eq: number): void {
    const bad = target.kind === 'Yield' ? target : invalidTarget(target, 'star');
    if (!bad) {
      this.checkStarredTargets(target);
      return;
    }
    if (this.invalidRules) {
      if (target.kind === 'Yield') this.raise(target.first, target.last, 'assignment to yield expression not possible');
      this.raise(bad.first, bad.last, `cannot assign to ${exprName(bad)} here. Maybe you meant '==' instead of '='?`);
    }
    this.pos = eq;
    throw FAIL;
  }

  /** Compiler checks on starred targets: `*a = b`, `*a, *b = c`. */
  private checkStarredTargets(target: Expr): void {
    if (target.kind === 'Starred') {
      this.semanticError(target.first, target.last, 'starred assignment target must be in a list or tuple');
      return;
    }
    if (target.kind === 'Tuple' || target.kind === 'List') {
      const stars = (target.elts ?? []).filter((e) => e.kind === 'Starred');
      if (stars.length > 1) this.semanticError(target.first, target.last, 'multiple starred expressions in assignment');
      for (const e of target.elts ?? []) if (e.kind === 'Tuple' || e.kind === 'List') this.checkStarredTargets(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // compound statements

  /** `':' block`, with CPython's messages for a missing colon or a missing indented block. */
  private colonBlock(header: number, what: string, forcedColon: boolean): void {
    if (!this.at(':')) {
      if (forcedColon) this.forced(':');
      if (this.invalidRules && this.atType('NEWLINE')) this.raiseAtLast("expected ':'");
      throw FAIL;
    }
    this.pos++;
    this.block(header, what);
  }

  private block(header: number, what: string): void {
    if (this.atType('NEWLINE')) {
      this.pos++;
      if (!this.atType('INDENT')) {
        if (this.invalidRules) {
          const line = this.ts.get(header).line;
          this.raiseAtLast(`expected an indented block after ${what.replace('%d', String(line))}`, 'IndentationError');
        }
        throw FAIL;
      }
      this.pos++;
      do this.statement();
      while (!this.atType('DEDENT') && !this.atType('ENDMARKER'));
      this.expectType('DEDENT');
      return;
    }
    this.simpleStmts();
  }

  private ifStmt(): void {
    let header = this.pos++;
    this.namedExpression();
    this.colonBlock(header, "'if' statement on line %d", false);
    while (this.at('elif')) {
      header = this.pos++;
      this.namedExpression();
      this.colonBlock(header, "'elif' statement on line %d", false);
    }
    if (this.at('else')) {
      header = this.pos++;
      this.forced(':');
      this.block(header, "'else' statement on line %d");
    }
  }

  private loopBody(f: () => void): void {
    const saved = this.scope;
    this.scope = { ...saved, loop: true };
    try {
      f();
    } finally {
      this.scope = saved;
    }
  }

  private whileStmt(): void {
    const header = this.pos++;
    this.namedExpression();
    this.loopBody(() => this.colonBlock(header, "'while' statement on line %d", false));
    this.elseBlock();
  }

  private elseBlock(): void {
    if (this.at('else')) {
      const header = this.pos++;
      this.forced(':');
      this.block(header, "'else' statement on line %d");
    }
  }

  private forStmt(isAsync: boolean): void {
    const header = this.pos++;
    if (isAsync && !this.scope.async) this.semanticError(header - 1, header, "'async for' outside async function");
    this.forTargets();
    this.expect('in');
    this.starExpressions('value');
    this.loopBody(() => this.colonBlock(header, "'for' statement on line %d", false));
    this.elseBlock();
  }

  /** `star_targets` of a for loop or comprehension, with invalid_for_target's message in the second pass. */
  private forTargets(): void {
    const start = this.pos;
    const t = this.attempt(() => this.targetList());
    if (t && invalidTarget(t, 'for') === null && this.at('in')) {
      this.checkStarredTargets(t);
      return;
    }
    if (this.invalidRules) {
      this.pos = start;
      const e = this.attempt(() => this.starExpressions('value'));
      const bad = e && invalidTarget(e, 'for');
      if (bad) this.raise(bad.first, bad.last, `cannot assign to ${exprName(bad)}`);
    }
    this.pos = t ? this.pos : start;
    throw FAIL;
  }

  private targetList(): Expr {
    const first = this.pos;
    const item = () => {
      if (this.at('*')) {
        const s = this.pos++;
        const v = this.bitwiseOr();
        return { kind: 'Starred', first: s, last: this.pos - 1, value: v } as Expr;
      }
      return this.bitwiseOr();
    };
    const e = item();
    if (!this.at(',')) return e;
    const elts = [e];
    while (this.accept(',')) {
      if (this.at('in') || this.at('=') || this.atType('NEWLINE')) break;
      elts.push(item());
    }
    return { kind: 'Tuple', first, last: this.pos - 1, elts };
  }

  private tryStmt(): void {
    const header = this.pos++;
    this.forced(':');
    this.block(header, "'try' statement on line %d");
    let handlers = 0;
    let bareAt = -1;
    let star: boolean | null = null;
    while (this.at('except')) {
      const h = this.pos++;
      const isStar = this.accept('*');
      if (star !== null && star !== isStar) {
        if (this.invalidRules) this.raise(h, h, "cannot have both 'except' and 'except*' on the same 'try'");
        throw FAIL;
      }
      star = isStar;
      if (bareAt >= 0) this.semanticError(bareAt, bareAt, "default 'except:' must be last");
      if (!this.at(':')) {
        this.expression();
        if (this.at(',') && this.invalidRules) {
          const a = this.pos;
          this.pos++;
          if (this.attempt(() => this.expression())) this.raise(h + 1, this.pos - 1, 'multiple exception types must be parenthesized');
          this.pos = a;
        }
        if (this.accept('as')) this.expectName();
      } else if (isStar) {
        if (this.invalidRules) this.raise(h, h + 1, 'expected one or more exception types');
        throw FAIL;
      } else bareAt = h;
      if (!this.at(':')) {
        if (this.invalidRules && this.atType('NEWLINE')) this.raiseAtLast("expected ':'");
        throw FAIL;
      }
      this.pos++;
      this.block(h, isStar ? "'except*' statement on line %d" : "'except' statement on line %d");
      handlers++;
    }
    if (handlers > 0) this.elseBlock();
    if (this.at('finally')) {
      const f = this.pos++;
      this.forced(':');
      this.block(f, "'finally' statement on line %d");
      return;
    }
    if (handlers === 0) {
      if (this.invalidRules) this.raiseAtLast("expected 'except' or 'finally' block");
      throw FAIL;
    }
  }

  private withStmt(isAsync: boolean): void {
    const header = this.pos++;
    if (isAsync && !this.scope.async) this.semanticError(header - 1, header, "'async with' outside async function");
    // `with (a as b, c):` first (3.9+), then plain items.
    const parenthesized = this.at('(') && this.attempt(() => {
      this.pos++;
      this.withItem();
      while (this.accept(',')) {
        if (this.at(')')) break;
        this.withItem();
      }
      this.expect(')');
      if (!this.at(':')) throw FAIL;
      return true;
    });
    if (!parenthesized) {
      this.withItem();
      while (this.accept(',')) this.withItem();
    }
    this.colonBlock(header, "'with' statement on line %d", false);
  }

  private withItem(): void {
    this.expression();
    if (this.accept('as')) {
      const start = this.pos;
      const t = this.targetList();
      if (!(this.at(',') || this.at(')') || this.at(':'))) {
        this.pos = start;
        throw FAIL;
      }
      const bad = invalidTarget(t, 'star');
      if (bad) {
        if (this.invalidRules) this.raise(bad.first, bad.last, `cannot assign to ${exprName(bad)}`);
        throw FAIL;
      }
    }
  }

  private decorated(): void {
    while (this.accept('@')) {
      this.namedExpression();
      this.expectType('NEWLINE');
    }
    if (this.at('def')) return this.funcDef(false);
    if (this.at('async') && this.at('def', 1)) {
      this.pos++;
      return this.funcDef(true);
    }
    if (this.at('class')) return this.classDef();
    throw FAIL;
  }

  private funcDef(isAsync: boolean): void {
    const header = this.pos++;
    this.expectName();
    this.forced('(');
    if (!this.at(')')) this.parameters(true);
    this.expect(')');
    // `['->' expression]` is optional: when the annotation fails, the forced ':' is checked at the '->'.
    if (this.at('->')) {
      const arrow = this.pos;
      if (this.attempt(() => {
        this.pos++;
        return this.expression();
      }) === null) this.pos = arrow;
    }
    this.forced(':');
    const saved = this.scope;
    this.scope = { fn: true, async: isAsync, loop: false };
    try {
      this.block(header, 'function definition on line %d');
    } finally {
      this.scope = saved;
    }
  }

  private classDef(): void {
    const header = this.pos++;
    this.expectName();
    if (this.accept('(')) {
      if (!this.at(')')) this.callArguments();
      this.expect(')');
    }
    const saved = this.scope;
    this.scope = { fn: false, async: false, loop: false };
    try {
      this.colonBlock(header, 'class definition on line %d', false);
    } finally {
      this.scope = saved;
    }
  }

  /** Parameters of a def (annotations allowed) or a lambda, up to the closing token. */
  private parameters(annotations: boolean): void {
    const names = new Map<string, number>();
    let sawDefault = false;
    let sawSlash = false;
    let sawStar = false;
    let sawKw = false;
    const closer = annotations ? ')' : ':';
    const param = (starArg: boolean) => {
      const n = this.expectName();
      const name = this.ts.get(n).value;
      if (names.has(name)) this.semanticError(n, n, `duplicate argument '${name}' in function definition`);
      names.set(name, n);
      if (annotations && this.accept(':')) {
        if (starArg && this.at('*')) {
          this.pos++;
          this.bitwiseOr();
        } else this.expression();
      }
    };
    for (;;) {
      if (sawKw) throw FAIL;
      if (this.at('/')) {
        if (sawSlash || sawStar || names.size === 0) throw FAIL;
        this.pos++;
        sawSlash = true;
      } else if (this.at('*')) {
        if (sawStar) throw FAIL;
        this.pos++;
        sawStar = true;
        if (this.isName()) param(true);
        else if (!this.at(',') || this.at(closer, 1) || this.at('**', 1)) {
          if (this.invalidRules && (this.at(closer) || this.at(',') )) this.raiseAtLast('named arguments must follow bare *');
          throw FAIL;
        }
      } else if (this.at('**')) {
        this.pos++;
        param(false);
        sawKw = true;
      } else {
        const p = this.pos;
        param(false);
        if (this.accept('=')) {
          this.expression();
          sawDefault = true;
        } else if (sawDefault && !sawStar) {
          if (this.invalidRules && (this.at(',') || this.at(closer))) this.raise(p, p, 'non-default argument follows default argument');
          throw FAIL;
        }
      }
      if (!this.accept(',')) break;
      if (this.at(closer)) break;
    }
    if (!this.at(closer)) throw FAIL;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // match statement (3.10)

  private matchStmt(): void {
    const header = this.pos++;
    const subject = this.starNamedExpressions();
    void subject;
    if (!this.at(':')) {
      if (this.invalidRules && this.atType('NEWLINE')) this.raiseAtLast("expected ':'");
      throw FAIL;
    }
    this.pos++;
    this.expectType('NEWLINE');
    if (!this.atType('INDENT')) {
      if (this.invalidRules) this.raiseAtLast(`expected an indented block after 'match' statement on line ${this.ts.get(header).line}`, 'IndentationError');
      throw FAIL;
    }
    this.pos++;
    do {
      if (!(this.tok().type === 'NAME' && this.tok().value === 'case')) throw FAIL;
      const c = this.pos++;
      this.patterns();
      if (this.accept('if')) this.namedExpression();
      if (!this.at(':')) {
        if (this.invalidRules && this.atType('NEWLINE')) this.raiseAtLast("expected ':'");
        throw FAIL;
      }
      this.pos++;
      this.block(c, "'case' statement on line %d");
    } while (!this.atType('DEDENT'));
    this.pos++;
  }

  private patterns(): void {
    this.pattern();
    if (this.at(',')) {
      while (this.accept(',')) {
        if (this.at(':') || this.at('if')) break;
        this.pattern();
      }
    }
  }

  private pattern(): void {
    if (this.at('*')) {
      this.pos++;
      this.expectName();
      return;
    }
    this.closedPattern();
    while (this.accept('|')) this.closedPattern();
    if (this.accept('as')) this.expectName();
  }

  private closedPattern(): void {
    const t = this.tok();
    if (t.type === 'NUMBER' || t.type === 'STRING' || this.at('-') || t.value === 'None' || t.value === 'True' || t.value === 'False') {
      // literal patterns, including complex numbers: -1, 1+2j
      this.sum();
      return;
    }
    if (t.type === 'NAME' && !KEYWORDS.has(t.value)) {
      this.pos++;
      while (this.accept('.')) this.expectName();
      if (this.accept('(')) {
        if (!this.at(')')) {
          do {
            if (this.at(')')) break;
            if (this.isName() && this.at('=', 1)) {
              this.pos += 2;
              this.pattern();
            } else this.pattern();
          } while (this.accept(','));
        }
        this.expect(')');
      }
      return;
    }
    if (this.at('(') || this.at('[')) {
      const close = this.at('(') ? ')' : ']';
      this.pos++;
      if (!this.at(close)) {
        do {
          if (this.at(close)) break;
          this.pattern();
        } while (this.accept(','));
      }
      this.expect(close);
      return;
    }
    if (this.accept('{')) {
      if (!this.at('}')) {
        do {
          if (this.at('}')) break;
          if (this.accept('**')) this.expectName();
          else {
            this.closedPattern();
            this.expect(':');
            this.pattern();
          }
        } while (this.accept(','));
      }
      this.expect('}');
      return;
    }
    throw FAIL;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // expressions

  private atYield(): boolean {
    return this.at('yield');
  }

  private yieldExpr(): Expr {
    const first = this.pos++;
    if (!this.scope.fn) this.semanticError(first, first, "'yield' outside function");
    if (this.accept('from')) this.expression();
    else if (!this.endsExpression()) this.starExpressions('value');
    return { kind: 'Yield', first, last: this.pos - 1 };
  }

  /** Tokens that cannot start an expression (after `yield`, `return`). */
  private endsExpression(): boolean {
    const t = this.tok();
    if (t.type === 'NEWLINE' || t.type === 'ENDMARKER') return true;
    return t.type === 'OP' && EXPRESSION_END_OPS.has(t.value);
  }

  /** star_expressions: `a`, `a, *b`, trailing comma → tuple. */
  private starExpressions(_ctx: 'value' | 'del'): Expr {
    const first = this.pos;
    const e = this.starExpression();
    if (!this.at(',')) return e;
    const elts = [e];
    while (this.accept(',')) {
      if (!this.startsExpression()) break;
      elts.push(this.starExpression());
    }
    return { kind: 'Tuple', first, last: this.pos - 1, elts };
  }

  private starExpression(): Expr {
    if (this.at('*')) {
      const first = this.pos++;
      const v = this.bitwiseOr();
      return { kind: 'Starred', first, last: this.pos - 1, value: v };
    }
    return this.expression();
  }

  private starNamedExpressions(): Expr {
    const first = this.pos;
    const e = this.starNamedExpression();
    if (!this.at(',')) return e;
    const elts = [e];
    while (this.accept(',')) {
      if (!this.startsExpression()) break;
      elts.push(this.starNamedExpression());
    }
    return { kind: 'Tuple', first, last: this.pos - 1, elts };
  }

  private starNamedExpression(): Expr {
    if (this.at('*')) {
      const first = this.pos++;
      const v = this.bitwiseOr();
      return { kind: 'Starred', first, last: this.pos - 1, value: v };
    }
    return this.namedExpression();
  }

  /** Whether the current token can begin an expression (to tell a trailing comma from a next element). */
  private startsExpression(): boolean {
    const t = this.tok();
    switch (t.type) {
      case 'NAME':
        return !KEYWORDS.has(t.value) || EXPRESSION_KEYWORDS.has(t.value);
      case 'NUMBER':
      case 'STRING':
        return true;
      case 'OP':
        return EXPRESSION_START_OPS.has(t.value);
      default:
        return false;
    }
  }

  namedExpression(): Expr {
    if (this.invalidRules) this.invalidNamedExpression();
    if (this.isName() && this.at(':=', 1)) {
      const first = this.pos;
      this.pos += 2;
      this.expression();
      return { kind: 'NamedExpr', first, last: this.pos - 1 };
    }
    const e = this.expression();
    if (this.at(':=')) {
      if (this.invalidRules) {
        const m = this.pos;
        this.pos++;
        if (this.attempt(() => this.expression())) this.raise(e.first, e.last, `cannot use assignment expressions with ${exprName(e)}`);
        this.pos = m;
      }
      throw FAIL;
    }
    return e;
  }

  /** CPython's invalid_named_expression: `if x = 1:`, `[a.b = 1]`. */
  private invalidNamedExpression(): void {
    const m = this.pos;
    if (this.isName() && this.at('=', 1)) {
      this.pos += 2;
      const b = this.attempt(() => this.withoutInvalid(() => this.bitwiseOr()));
      if (b && !this.at('=') && !this.at(':=')) this.raise(m, b.last, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      this.pos = m;
    }
    const t = this.tok();
    if (!(this.at('[') || this.at('(') || t.value === 'True' || t.value === 'None' || t.value === 'False')) {
      const a = this.attempt(() => this.withoutInvalid(() => this.bitwiseOr()));
      if (a && this.at('=')) {
        this.pos++;
        const b = this.attempt(() => this.withoutInvalid(() => this.bitwiseOr()));
        if (b && !this.at('=') && !this.at(':=')) this.raise(a.first, a.last, `cannot assign to ${exprName(a)} here. Maybe you meant '==' instead of '='?`);
      }
      this.pos = m;
    }
  }

  private withoutInvalid<T>(f: () => T): T {
    const saved = this.invalidRules;
    this.invalidRules = false;
    try {
      return f();
    } finally {
      this.invalidRules = saved;
    }
  }

  expression(): Expr {
    if (this.invalidRules) this.invalidExpression();
    const first = this.pos;
    if (this.at('lambda')) return this.lambda();
    const a = this.disjunction();
    if (this.accept('if')) {
      this.disjunction();
      this.expect('else');
      this.expression();
      return { kind: 'IfExp', first, last: this.pos - 1 };
    }
    return a;
  }

  /** CPython's invalid_expression and invalid_legacy_expression (second pass only). */
  private invalidExpression(): void {
    const m = this.pos;
    const t0 = this.tok();
    // NAME is a name that is not a keyword (`True "x"` is not excluded).
    const nameThenString = this.isName() && this.tok(1).type === 'STRING';
    // CPython compares with strncmp over the name's length, so any prefix of a soft keyword counts ("m", "ca").
    const soft = this.isName() && [...SOFT_KEYWORDS].some((k) => k.startsWith(t0.value));
    if (!nameThenString && !soft) {
      const a = this.attempt(() => this.disjunction());
      if (a) {
        const b = this.attempt(() => this.withoutInvalid(() => this.expression()));
        if (b) {
          const legacy = a.kind === 'Name' && (this.ts.get(a.first).value === 'print' || this.ts.get(a.first).value === 'exec');
          if (!legacy && this.ts.get(this.pos - 1).level !== 0) this.raise(a.first, b.last, 'invalid syntax. Perhaps you forgot a comma?');
        }
      }
      this.pos = m;
    }
    const a = this.attempt(() => this.disjunction());
    if (a && this.at('if')) {
      this.pos++;
      const b = this.attempt(() => this.disjunction());
      if (b && !this.at('else') && !this.at(':')) this.raise(a.first, b.last, "expected 'else' after 'if' expression");
    }
    this.pos = m;
    // invalid_legacy_expression reads the expression after any name not followed by '(' (its rules included) and
    // only then checks for print/exec: errors inside that expression surface here.
    if (this.isName() && !this.at('(', 1)) {
      this.pos++;
      // Observed in CPython 3.11: from a dict value, what this reads raises nothing (the next key's missing ':'
      // is reported by the dict instead).
      const rest = () => this.starExpressions('value');
      const b = this.attempt(() => (this.inDictValue ? this.withoutInvalid(rest) : rest()));
      if (b && (t0.value === 'print' || t0.value === 'exec')) this.raise(m, b.last, `Missing parentheses in call to '${t0.value}'. Did you mean ${t0.value}(...)?`);
      this.pos = m;
    }
  }

  private lambda(): Expr {
    const first = this.pos++;
    if (!this.at(':')) this.parameters(false);
    this.expect(':');
    const saved = this.scope;
    this.scope = { fn: true, async: false, loop: false };
    try {
      this.expression();
    } finally {
      this.scope = saved;
    }
    return { kind: 'Lambda', first, last: this.pos - 1 };
  }

  /**
   * Packrat memo (as CPython memoises these rules): the second pass tries the same expression several times at
   * one place, and without it nested brackets would cost 3^depth. Failures are remembered too. The first pass never
   * comes back to a position it failed at: it needs no memo.
   */
  private memoized(rule: number, f: () => Expr): Expr {
    const key = (this.pos * 4 + rule) * 2 + (this.invalidRules ? 1 : 0);
    const hit = this.memo.get(key);
    if (hit !== undefined) {
      if (hit === null) throw FAIL;
      this.pos = hit.end;
      return hit.e;
    }
    const start = this.pos;
    try {
      const e = f();
      this.memo.set(key, { e, end: this.pos });
      return e;
    } catch (err) {
      if (err === FAIL) {
        this.memo.set(key, null);
        this.pos = start;
      }
      throw err;
    }
  }

  private disjunction(): Expr {
    return this.secondPass ? this.memoized(0, () => this.disjunctionRaw()) : this.disjunctionRaw();
  }

  private disjunctionRaw(): Expr {
    const first = this.pos;
    let e = this.conjunction();
    while (this.accept('or')) {
      this.conjunction();
      e = { kind: 'BoolOp', first, last: this.pos - 1 };
    }
    return e;
  }

  private conjunction(): Expr {
    const first = this.pos;
    let e = this.inversion();
    while (this.accept('and')) {
      this.inversion();
      e = { kind: 'BoolOp', first, last: this.pos - 1 };
    }
    return e;
  }

  private inversion(): Expr {
    const first = this.pos;
    if (this.accept('not')) {
      this.inversion();
      return { kind: 'UnaryOp', first, last: this.pos - 1 };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const first = this.pos;
    const left = this.bitwiseOr();
    let firstOpIn: boolean | null = null;
    for (;;) {
      const t = this.tok();
      let n = 0;
      if (t.type === 'OP' && COMPARE.has(t.value)) n = 1;
      else if (t.type === 'NAME' && (t.value === 'in' || t.value === 'is')) n = t.value === 'is' && this.at('not', 1) ? 2 : 1;
      else if (t.type === 'NAME' && t.value === 'not' && this.at('in', 1)) n = 2;
      if (!n) break;
      if (firstOpIn === null) firstOpIn = t.value === 'in';
      this.pos += n;
      this.bitwiseOr();
    }
    if (firstOpIn === null) return left;
    return { kind: 'Compare', first, last: this.pos - 1, firstOpIn, elts: [left] };
  }

  /**
   * Binary operators by precedence climbing (levels: `|` 0 … `*` 5). A right operand that fails leaves the left
   * one, as a PEG parser backtracks.
   */
  private binary(minLevel: number): Expr {
    const first = this.pos;
    let e = this.factor();
    for (;;) {
      const t = this.tok();
      const level = t.type === 'OP' ? BINARY_LEVEL.get(t.value) : undefined;
      if (level === undefined || level < minLevel) return e;
      const m = this.pos;
      this.pos++;
      try {
        this.binary(level + 1);
      } catch (err) {
        if (err !== FAIL) throw err;
        this.pos = m;
        return e;
      }
      e = { kind: 'BinOp', first, last: this.pos - 1 };
    }
  }

  private bitwiseOr(): Expr {
    return this.secondPass ? this.memoized(1, () => this.binary(0)) : this.binary(0);
  }

  private sum(): Expr {
    return this.binary(SUM_LEVEL);
  }

  private factor(): Expr {
    const first = this.pos;
    if (this.at('+') || this.at('-') || this.at('~')) {
      this.pos++;
      this.factor();
      return { kind: 'UnaryOp', first, last: this.pos - 1 };
    }
    return this.power();
  }

  private power(): Expr {
    const first = this.pos;
    let e: Expr;
    if (this.at('await')) {
      this.pos++;
      if (!this.scope.fn) this.semanticError(first, first, "'await' outside function");
      else if (!this.scope.async) this.semanticError(first, first, "'await' outside async function");
      this.primary();
      e = { kind: 'Await', first, last: this.pos - 1 };
    } else e = this.primary();
    if (this.accept('**')) {
      this.factor();
      return { kind: 'BinOp', first, last: this.pos - 1 };
    }
    return e;
  }

  private primary(): Expr {
    const first = this.pos;
    let e = this.atom();
    // A trailer that fails leaves the shorter primary, as a PEG parser backtracks (`def f() -> a[b c]:` fails
    // at the `[` for the forced ':', not inside the brackets).
    for (;;) {
      const t = this.tok();
      if (t.type !== 'OP' || (t.value !== '.' && t.value !== '(' && t.value !== '[')) return e;
      const m = this.pos;
      this.pos++;
      try {
        if (t.value === '.') {
          this.expectName();
          e = { kind: 'Attribute', first, last: this.pos - 1, value: e };
        } else if (t.value === '(') {
          if (!this.at(')')) this.callArguments();
          this.expect(')');
          e = { kind: 'Call', first, last: this.pos - 1 };
        } else {
          this.slices();
          this.expect(']');
          e = { kind: 'Subscript', first, last: this.pos - 1, value: e };
        }
      } catch (err) {
        if (err !== FAIL) throw err;
        this.pos = m;
        return e;
      }
    }
  }

  private slices(): void {
    const one = () => {
      if (this.at('*')) {
        this.pos++;
        this.bitwiseOr();
        return;
      }
      if (!this.at(':')) {
        this.namedExpression();
        if (!this.at(':')) return;
      }
      this.pos++;
      if (!this.at(':') && !this.at(',') && !this.at(']')) this.expression();
      if (this.accept(':')) {
        if (!this.at(',') && !this.at(']')) this.expression();
      }
    };
    one();
    while (this.accept(',')) {
      if (this.at(']')) break;
      one();
    }
  }

  /** Call arguments up to `)` (not consumed), with CPython's ordering rules. */
  private callArguments(): void {
    let sawKeyword = false;
    let sawDoubleStar = false;
    let count = 0;
    let genexpAt = -1;
    const keywords = new Set<string>();
    let misplaced: string | null = null;
    for (;;) {
      const start = this.pos;
      if (this.at('**')) {
        this.pos++;
        this.expression();
        sawDoubleStar = true;
      } else if (this.at('*')) {
        this.pos++;
        this.expression();
        if (sawDoubleStar) {
          if (this.invalidRules) this.raise(start, this.pos - 1, 'iterable argument unpacking follows keyword argument unpacking');
          throw FAIL;
        }
      } else if (this.isName() && this.at('=', 1)) {
        const name = this.tok().value;
        this.pos += 2;
        this.expression();
        if (this.invalidRules && (this.at('for') || (this.at('async') && this.at('for', 1)))) {
          const m = this.pos;
          if (this.attempt(() => this.comprehensionClauses()) !== null) this.raise(start, start + 1, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
          this.pos = m;
        }
        sawKeyword = true;
        if (keywords.has(name)) this.semanticError(start, this.pos - 1, `keyword argument repeated: ${name}`);
        keywords.add(name);
      } else {
        if (this.invalidRules && this.at('=', 1) && CONSTANTS.has(this.tok().value)) {
          this.raise(start, start + 1, `cannot assign to ${this.tok().value}`);
        }
        const e = this.namedOrExpression();
        if (this.at('=')) {
          if (this.invalidRules) this.raise(e.first, this.pos, 'expression cannot contain assignment, perhaps you meant "=="?');
          throw FAIL;
        }
        if (this.at('for') || (this.at('async') && this.at('for', 1))) {
          this.comprehensionClauses();
          genexpAt = start;
        }
        if ((sawKeyword || sawDoubleStar) && !misplaced) {
          if (!this.invalidRules) throw FAIL;
          // CPython's `args ',' args`: the rest of the arguments is read first; the error is at the last token read.
          misplaced = sawDoubleStar ? 'positional argument follows keyword argument unpacking' : 'positional argument follows keyword argument';
        }
      }
      count++;
      if (!this.accept(',')) break;
      if (this.at(')')) break;
    }
    if (misplaced) {
      this.tok();
      this.raiseAtLast(misplaced);
    }
    if (genexpAt >= 0 && count > 1) {
      if (this.invalidRules) this.raise(genexpAt, genexpAt, 'Generator expression must be parenthesized');
      throw FAIL;
    }
    if (!this.at(')')) throw FAIL;
  }

  private namedOrExpression(): Expr {
    if (this.isName() && this.at(':=', 1)) {
      const first = this.pos;
      this.pos += 2;
      this.expression();
      return { kind: 'NamedExpr', first, last: this.pos - 1 };
    }
    return this.expression();
  }

  private comprehensionClauses(): void {
    while (this.at('for') || (this.at('async') && this.at('for', 1))) {
      if (this.at('async')) this.pos++;
      this.pos++;
      this.forTargets();
      this.expect('in');
      this.disjunction();
      while (this.accept('if')) this.disjunction();
    }
  }

  private atom(): Expr {
    const t = this.tok();
    const first = this.pos;
    switch (t.type) {
      case 'NAME': {
        if (t.value === 'True' || t.value === 'False' || t.value === 'None') {
          this.pos++;
          return { kind: t.value as ExprKind, first, last: first };
        }
        if (KEYWORDS.has(t.value)) throw FAIL;
        this.pos++;
        return { kind: 'Name', first, last: first };
      }
      case 'NUMBER':
        this.pos++;
        return { kind: 'Constant', first, last: first };
      case 'STRING':
        return this.strings();
      case 'OP':
        switch (t.value) {
          case '(': return this.parenthesized();
          case '[': return this.listDisplay();
          case '{': return this.braceDisplay();
          case '...':
            this.pos++;
            return { kind: 'Ellipsis', first, last: first };
        }
    }
    throw FAIL;
  }

  private strings(): Expr {
    const first = this.pos;
    while (this.atType('STRING')) this.pos++;
    // CPython reads the token after the strings before checking them: errors are located there.
    this.tok();
    let bytes: boolean | null = null;
    let fstring = false;
    for (let i = first; i < this.pos; i++) {
      const tok = this.ts.get(i);
      const prefix = fstringPrefix(tok.value);
      if (bytes !== null && bytes !== prefix.bytes) this.raiseAtLast('cannot mix bytes and nonbytes literals');
      bytes = prefix.bytes;
      if (prefix.f) {
        fstring = true;
        const problem = checkFString(tok.value, this.compileExpr);
        if (problem && 'msg' in problem) this.raiseAtLast(problem.msg);
        // An error inside an expression: CPython places it relative to `(expr)`, on the string's lines.
        if (problem) throw new RaisedError({ ...problem.error, lineno: problem.error.lineno + tok.line - 1, endLineno: problem.error.endLineno + tok.line - 1 });
      }
    }
    return { kind: fstring ? 'JoinedStr' : 'Constant', first, last: this.pos - 1 };
  }

  private parenthesized(): Expr {
    const first = this.pos++;
    if (this.accept(')')) return { kind: 'Tuple', first, last: this.pos - 1, elts: [] };
    if (this.atYield()) {
      const y = this.yieldExpr();
      this.expect(')');
      return { ...y, parenthesized: true };
    }
    const e = this.starNamedExpression();
    if (this.at('for') || (this.at('async') && this.at('for', 1))) {
      if (e.kind === 'Starred') throw FAIL;
      this.comprehensionClauses();
      this.expect(')');
      return { kind: 'GeneratorExp', first, last: this.pos - 1 };
    }
    if (this.accept(')')) {
      if (e.kind === 'Starred') {
        this.semanticError(e.first, e.last, "can't use starred expression here");
      }
      return { ...e, parenthesized: true };
    }
    const elts = [e];
    this.expect(',');
    while (!this.at(')')) {
      elts.push(this.starNamedExpression());
      if (!this.accept(',')) break;
    }
    this.expect(')');
    return { kind: 'Tuple', first, last: this.pos - 1, elts, parenthesized: true };
  }

  private listDisplay(): Expr {
    const first = this.pos++;
    if (this.accept(']')) return { kind: 'List', first, last: this.pos - 1, elts: [] };
    const e = this.starNamedExpression();
    if (this.at('for') || (this.at('async') && this.at('for', 1))) {
      if (e.kind === 'Starred') throw FAIL;
      this.comprehensionClauses();
      this.expect(']');
      return { kind: 'ListComp', first, last: this.pos - 1 };
    }
    const elts = [e];
    while (this.accept(',')) {
      if (this.at(']')) break;
      elts.push(this.starNamedExpression());
    }
    this.expect(']');
    return { kind: 'List', first, last: this.pos - 1, elts };
  }

  private braceDisplay(): Expr {
    const first = this.pos++;
    if (this.accept('}')) return { kind: 'Dict', first, last: this.pos - 1 };
    // dict: `k: v`, `**m`; set: expressions, `*s`
    if (this.at('**')) return this.dictRest(first);
    const k = this.starNamedExpression();
    if (this.at(':') && k.kind !== 'Starred') {
      this.pos++;
      this.dictValue();
      if (this.at('for') || (this.at('async') && this.at('for', 1))) {
        this.comprehensionClauses();
        this.expect('}');
        return { kind: 'DictComp', first, last: this.pos - 1 };
      }
      if (this.accept(',')) return this.dictRest(first);
      this.expect('}');
      return { kind: 'Dict', first, last: this.pos - 1 };
    }
    if (this.at('for') || (this.at('async') && this.at('for', 1))) {
      if (k.kind === 'Starred') throw FAIL;
      this.comprehensionClauses();
      this.expect('}');
      return { kind: 'SetComp', first, last: this.pos - 1 };
    }
    while (this.accept(',')) {
      if (this.at('}')) break;
      this.starNamedExpression();
    }
    this.expect('}');
    return { kind: 'Set', first, last: this.pos - 1 };
  }

  private dictValue(): void {
    const saved = this.inDictValue;
    this.inDictValue = true;
    try {
      this.dictValueRaw();
    } finally {
      this.inDictValue = saved;
    }
  }

  private dictValueRaw(): void {
    if (this.invalidRules) {
      const colon = this.pos - 1;
      if (this.at('*')) {
        const star = this.pos++;
        if (this.attempt(() => this.bitwiseOr())) this.raise(star, this.pos - 1, 'cannot use a starred expression in a dictionary value');
        this.pos = star;
      }
      if (this.at('}') || this.at(',')) this.raise(colon, colon, "expression expected after dictionary key and ':'");
    }
    this.expression();
  }

  /** The remaining `k: v` / `**m` items of a dict display, through the closing brace. */
  private dictRest(first: number): Expr {
    while (!this.at('}')) {
      if (this.accept('**')) this.bitwiseOr();
      else {
        // invalid_kvpair: a key after a comma is read without the comma rule, then must have its ':'.
        const key = this.invalidRules ? this.withoutInvalid(() => this.expression()) : this.expression();
        if (this.invalidRules && !this.at(':')) {
          const last = this.ts.get(key.last);
          throw new RaisedError({ type: 'SyntaxError', msg: "':' expected after dictionary key", lineno: this.ts.get(key.first).line, offset: last.endCol, endLineno: last.endLine, endOffset: 0 });
        }
        this.expect(':');
        this.dictValue();
      }
      if (!this.accept(',')) break;
    }
    this.expect('}');
    return { kind: 'Dict', first, last: this.pos - 1 };
  }
}
