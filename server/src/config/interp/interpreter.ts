/**
 * The forward abstract interpreter: runs a script's statements in order over scopes and a heap of objects with
 * identity, with `unknown` as an explicit value. Conditions it cannot decide run both branches and join them
 * (journal.ts); loops over known iterables are unrolled up to the budget; anything past the budget is unknown.
 * Domain libraries (sst, argparse, m5, os, sys) are native modules that record into the heap (domains/).
 */
import { constructNamedTuple, flavorMethod, missingKey, namedTupleAttr } from './domains/collections';
import { finishNamedTupleClass, namedTupleFunctional } from './domains/typing';
import { enumByName, enumLookup, finishEnumClass } from './domains/enums';
import type { SyntaxNode } from '@lezer/common';
import { decodeNumberLiteral, decodeStringLiteral, unescapePython } from '../pyLiteral';
import { pyFormatValue, pyRepr, pyStr } from '../pyFormat';
import { children, ifBranches, significantChildren, statementsOf } from '../syntax';
import type { PyValue } from '../types';
import { callBuiltinMethod, pyBinary, pyCompare, reprOf, truthyOf, valueEquals, valueToPy } from './builtins';
import type {
  BoundMethod, CallSite, ClassObject, DictObject, FunctionObject, HeapObject, InstanceObject, ListObject,
  ModuleObject, NativeFunction, NativeObject,
} from './heap';
import { born, forkDepth, forkJoin, inFork, touch } from './journal';
import { BudgetExceeded, DEFAULT_BUDGET, Meter, PyExit, PyRaise, type Budget } from './limits';
import { Scope, type ModuleContext } from './scope';
import { IteratorState } from './iterators';
import { dynamicNamesIn, PYTHON2_ONLY_MODULES, PYTHON_PREDEFINED_NAMES } from './names';
import { builtinExceptionOf, clauseTakes } from './exceptions';
import type { RunFiles } from './domains/files';
import type { ParserRecord } from './domains/stdlib';
import {
  NONE, UNKNOWN, bool, float, int, joinValues, primToPy, ref, shiftPieces, str, type SourceRef, type StrPiece, type Value,
} from './values';

/**
 * How a statement left its block. `uncertain` means it may or may not have left (an escape under an unknown
 * condition); `through: false` there says no path reached the block's end (each left, by one escape or another).
 */
type Signal =
  | undefined
  | { type: 'return'; value: Value }
  | { type: 'break' }
  | { type: 'continue' }
  | { type: 'raise'; what?: string }
  | { type: 'uncertain'; escape: Escape; through?: false };
type Escape = 'return' | 'break' | 'continue' | 'raise' | 'stuck';

export interface ModuleSource {
  path: string;
  text: string;
  tree: import('@lezer/common').Tree;
  lines: import('../lineIndex').LineIndex;
}

/** Resolves `import name` for a module whose file is `fromPath`, searching `searchPath` (sys.path as the script left it). */
export interface ModuleLoader {
  load(name: string, searchPath: readonly string[]): ModuleSource | null;
}

/** Native modules by dotted name (sst, os, os.path, sys, argparse, m5, …), made fresh for each run. */
export type NativeModules = (name: string, interp: Interpreter) => ModuleObject | undefined;

export interface RunOptions {
  moduleName: string;
  loader: ModuleLoader | null;
  natives: NativeModules;
  budget?: Partial<Budget>;
  /** Record the values every expression of the main file takes (read with `values`, keyed by nodeKey). */
  recordValues?: boolean;
  /** The disk as the run sees it (open(), os.path.exists), when its working directory is known. */
  files?: RunFiles;
}

export interface Frame {
  site: CallSite;
  fn: FunctionObject | null;
  /** The first argument of the call (a method's self or cls), for zero-argument super(). */
  firstArg?: Value;
  /** A generator's yielded values, collected as its body runs to the end. */
  yields?: GeneratorSink;
}

/** What a generator yields; `incomplete` says why the list may be wrong (a yield under an undecided condition, …). */
interface GeneratorSink {
  items: Value[];
  forkDepth: number;
  incomplete: string | null;
}

/** True when no path through the signal's code reached its end (it left by an escape). */
const leaves = (sig: Signal): boolean => sig !== undefined && (sig.type !== 'uncertain' || sig.through === false);

const escapeOf = (sig: Exclude<Signal, undefined>): Escape => (sig.type === 'uncertain' ? sig.escape : sig.type);
/** Of two escapes, the one that leaves more: a return or raise leaves the function, a break only the loop. */
const RANK: Record<Escape, number> = { return: 4, raise: 3, stuck: 2, break: 1, continue: 0 };
const wider = (a: Escape, b: Escape): Escape => (RANK[b] > RANK[a] ? b : a);

/** Two "may have left" signals as one (either may have happened; some path may still go on, as after a loop). */
const orLeft = (a: Signal, b: Signal): Signal => {
  if (!a && !b) return undefined;
  const escape = !a ? escapeOf(b!) : !b ? escapeOf(a) : wider(escapeOf(a), escapeOf(b));
  return { type: 'uncertain', escape };
};

const raise = (what: string): never => {
  throw new PyRaise(what);
};

export class Interpreter {
  readonly meter: Meter;
  readonly modules = new Map<string, ModuleContext>();
  /** Values seen at each expression of the main file (when recording), by nodeKey(from, to). */
  readonly values = new Map<number, Value>();
  /** Call stack, for the provenance of recorded facts. */
  readonly frames: Frame[] = [];
  /** The class whose body is running (for nested classes' __qualname__). */
  private classBeingDefined: ClassObject | undefined;
  /** Per module: whether the def at an offset is a generator. */
  private readonly generatorDefs = new Map<ModuleContext, Map<number, boolean>>();
  /** Values of the enclosing loops' targets, innermost last (what "node" means in these scripts). */
  readonly loopValues: Value[] = [];
  /** Why the run stopped early, when it did. */
  truncated: string | null = null;
  /** The argparse parsers the run made (stdlib.ts), with the options each was given. */
  readonly argParsers: ParserRecord[] = [];
  /** Files the script read or looked for (absolute paths): the model depends on them. */
  readonly filesRead = new Set<string>();
  /** The main module's top-level statement that was running when the run stopped early (where `truncated` happened). */
  truncatedAt: SourceRef | null = null;
  private topStatement: SyntaxNode | null = null;
  /** Places where the model lost track of something a rule may need (information findings). */
  readonly losses: { src: SourceRef; what: string }[] = [];
  main!: ModuleContext;
  private readonly nativeCache = new Map<string, ModuleObject>();
  private readonly returns: Value[][] = [];
  private readonly reuseStack: Map<string, Value>[] = [];

  constructor(readonly options: RunOptions) {
    this.meter = new Meter({ ...DEFAULT_BUDGET, ...options.budget });
  }

  // -----------------------------------------------------------------------------------------------------------
  // running modules

  run(source: ModuleSource): ModuleContext {
    const mc = this.newModule(source, this.options.moduleName);
    this.main = mc;
    try {
      this.execModule(mc);
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      this.truncated = e.what;
    }
    if (this.truncated && this.topStatement) this.truncatedAt = this.src(this.topStatement, mc);
    return mc;
  }

  private newModule(source: ModuleSource, name: string): ModuleContext {
    const module: ModuleObject = born({ type: 'module', name, attrs: new Map(), permissive: false });
    const mc: ModuleContext = { ...source, module, globals: null as unknown as Scope, openNames: dynamicNamesIn(source.text) };
    mc.globals = new Scope('module', null, mc);
    // A module's attributes are its globals.
    (module as { attrs: Map<string, Value> }).attrs = mc.globals.vars;
    mc.globals.vars.set('__name__', str(name));
    mc.globals.vars.set('__file__', str(source.path));
    return mc;
  }

  private execModule(mc: ModuleContext): void {
    let sig: Signal;
    try {
      sig = this.execBlock(this.stmts(mc.tree.topNode, mc), mc.globals, mc);
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
      // sys.exit(0) ends the script normally; any other status stops SST's configuration with an error.
      if (e instanceof PyExit && e.status === 0n) return;
      if (e instanceof PyExit && mc === this.main) this.truncated ??= `the script exits${e.status === null ? '' : ` with status ${e.status}`} before it ends`;
      else if (mc === this.main) this.truncated ??= `the script raises ${e.what}`;
      sig = { type: 'raise' };
    }
    if (sig?.type === 'raise' && mc === this.main) this.truncated ??= 'the script raises an exception at top level';
    // A module that stopped early lacks the names it would have bound after that point.
    if (sig?.type === 'raise' || sig?.type === 'uncertain') mc.openNames ??= 'it may stop before its end';
  }

  /** `import name`: a native module, a module file found on the search path, or a permissive unknown module. */
  importModule(name: string, mc: ModuleContext): ModuleObject {
    const native = this.native(name);
    if (native) return native;
    const done = this.modules.get(name);
    if (done) return done.module;
    const src = this.options.loader?.load(name, this.searchPath(mc));
    if (!src && this.options.loader && PYTHON2_ONLY_MODULES.has(name.split('.')[0])) throw new PyRaise(`ModuleNotFoundError: No module named '${name}'`);
    if (!src) return this.permissiveModule(name);
    const sub = this.newModule(src, name);
    this.modules.set(name, sub);
    this.execModule(sub);
    return sub.module;
  }

  native(name: string): ModuleObject | undefined {
    let m = this.nativeCache.get(name);
    if (!m) {
      m = this.options.natives(name, this);
      if (m) this.nativeCache.set(name, m);
    }
    return m;
  }

  permissiveModule(name: string): ModuleObject {
    let m = this.nativeCache.get('?' + name);
    if (!m) {
      m = born<ModuleObject>({ type: 'module', name, attrs: new Map(), permissive: true });
      this.nativeCache.set('?' + name, m);
    }
    return m;
  }

  /** sys.path as Python builds it for the main script: its directory first, then what the script added. */
  private searchPath(mc: ModuleContext): string[] {
    const dir = this.main.path.replace(/\/[^/]*$/, '') || '/';
    const out = [dir];
    const sys = this.nativeCache.get('sys');
    const p = sys?.attrs.get('path');
    if (p?.kind === 'ref' && p.obj.type === 'list') {
      for (const it of p.obj.items) if (it.kind === 'str') out.push(it.value);
    }
    const own = mc.path.replace(/\/[^/]*$/, '');
    if (!out.includes(own)) out.push(own);
    return out;
  }

  // -----------------------------------------------------------------------------------------------------------
  // syntax, read once per node: lezer makes a new SyntaxNode object on every walk, so results are kept by position

  private memo(mc: ModuleContext, node: SyntaxNode, table: number, make: () => SyntaxNode[]): SyntaxNode[] {
    const byType = (mc.syntaxCache ??= new Map());
    const id = node.type.id * 4 + table;
    let m = byType.get(id);
    if (!m) byType.set(id, (m = new Map()));
    const key = node.from * 0x200000 + Math.min(node.to - node.from, 0x1fffff);
    let hit = m.get(key);
    if (!hit) m.set(key, (hit = make()));
    return hit;
  }

  kids(node: SyntaxNode, mc: ModuleContext): SyntaxNode[] {
    return this.memo(mc, node, 0, () => children(node));
  }

  sig(node: SyntaxNode, mc: ModuleContext): SyntaxNode[] {
    return this.memo(mc, node, 1, () => significantChildren(node));
  }

  stmts(node: SyntaxNode, mc: ModuleContext): SyntaxNode[] {
    return this.memo(mc, node, 2, () => statementsOf(node));
  }

  // -----------------------------------------------------------------------------------------------------------
  // provenance

  src(node: SyntaxNode, mc: ModuleContext): SourceRef {
    return { file: mc.path, from: node.from, to: node.to };
  }

  /** The innermost place in the main file on the current path: the node itself, or the call that led out of the file. */
  anchor(node: SyntaxNode, mc: ModuleContext): SourceRef {
    if (mc === this.main) return this.src(node, mc);
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i].site;
      if (f.module === this.main) return this.src(f.node, f.module);
    }
    return this.src(node, mc);
  }

  /** True while exploring one side of an undecidable branch: what is made now may not exist. */
  inForkNow(): boolean {
    return inFork();
  }

  lose(src: SourceRef, what: string): void {
    if (this.losses.length < 200 && !this.losses.some((l) => l.src.from === src.from && l.src.file === src.file)) this.losses.push({ src, what });
  }

  alloc<T extends HeapObject>(o: T): T {
    this.meter.allocate();
    if (inFork()) o.maybe = true;
    return born(o);
  }

  list(items: Value[], type: 'list' | 'tuple' | 'set' = 'list', site?: SourceRef): Value {
    return ref(this.alloc<ListObject>({ type, items, site }));
  }

  dict(entries: DictObject['entries'], site?: SourceRef): Value {
    return ref(this.alloc<DictObject>({ type: 'dict', entries, site }));
  }

  nativeFn(name: string, call: NativeFunction['call']): Value {
    return ref(born<NativeFunction>({ type: 'native', name, call }));
  }

  // -----------------------------------------------------------------------------------------------------------
  // statements

  private execBlock(stmts: readonly SyntaxNode[], scope: Scope, mc: ModuleContext): Signal {
    for (let i = 0; i < stmts.length; i++) {
      const sig = this.exec(stmts[i], scope, mc);
      if (!sig) continue;
      if (sig.type === 'uncertain') {
        // The rest of the block may or may not run; a return there is one the function may make.
        const rest = stmts.slice(i + 1);
        if (!rest.length) return sig;
        let rs: Signal;
        forkJoin(() => { rs = this.execBlock(rest, scope, mc); });
        this.mayHaveLeft(rs!, false);
        // The rest may leave too (`if c: continue` then `return x`): the escape kept is the one that leaves more.
        const escape = rs! ? wider(sig.escape, escapeOf(rs!)) : sig.escape;
        return sig.through === false || leaves(rs!) ? { type: 'uncertain', escape, through: false } : { type: 'uncertain', escape };
      }
      return sig;
    }
    return undefined;
  }

  private body(node: SyntaxNode | null, scope: Scope, mc: ModuleContext): Signal {
    return node ? this.execBlock(this.stmts(node, mc), scope, mc) : undefined;
  }

  private exec(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    this.meter.step();
    if (scope === this.main?.globals && !inFork()) this.topStatement = st;
    switch (st.name) {
      case 'ExpressionStatement': {
        const e = this.sig(st, mc)[0];
        if (e) this.eval(e, scope, mc);
        return undefined;
      }
      case 'AssignStatement': return this.execAssign(st, scope, mc);
      case 'UpdateStatement': return this.execUpdate(st, scope, mc);
      case 'StatementGroup': return this.execBlock(this.stmts(st, mc), scope, mc);
      case 'IfStatement': return this.execIf(st, scope, mc);
      case 'ForStatement': return this.execFor(st, scope, mc);
      case 'WhileStatement': return this.execWhile(st, scope, mc);
      case 'FunctionDefinition': return this.execDef(st, scope, mc, []);
      case 'ClassDefinition': return this.execClass(st, scope, mc, []);
      case 'DecoratedStatement': return this.execDecorated(st, scope, mc);
      case 'ReturnStatement': {
        const vals = this.sig(st, mc).filter((c) => c.name !== 'return');
        const value = vals.length === 0 ? NONE : vals.length === 1 ? this.eval(vals[0], scope, mc) : this.list(vals.map((v) => this.eval(v, scope, mc)), 'tuple');
        return { type: 'return', value };
      }
      case 'BreakStatement': return { type: 'break' };
      case 'ContinueStatement': return { type: 'continue' };
      case 'PassStatement': return undefined;
      case 'ImportStatement': return this.execImport(st, scope, mc);
      case 'ScopeStatement': {
        const kw = st.firstChild?.name;
        for (const n of st.getChildren('VariableName')) {
          const name = mc.text.slice(n.from, n.to);
          if (kw === 'global') scope.globalNames.add(name);
          else scope.nonlocalNames.add(name);
        }
        return undefined;
      }
      case 'TryStatement': return this.execTry(st, scope, mc);
      case 'WithStatement': return this.execWith(st, scope, mc);
      case 'RaiseStatement': {
        const raised = this.sig(st, mc).filter((c) => c.name !== 'raise' && c.name !== 'from');
        for (const c of raised) this.eval(c, scope, mc);
        // `raise ValueError(…)` / `raise KeyError`: the built-in class, unless the script rebinds that name.
        const callee = raised[0]?.name === 'CallExpression' ? raised[0].firstChild : raised[0];
        const name = callee?.name === 'VariableName' ? mc.text.slice(callee.from, callee.to) : null;
        return name && builtinExceptionOf(name) && !scope.lookup(name) ? { type: 'raise', what: name } : { type: 'raise' };
      }
      case 'AssertStatement': {
        const cond = this.sig(st, mc).filter((c) => c.name !== 'assert')[0];
        if (!cond) return undefined;
        const t = truthyOf(this.eval(cond, scope, mc));
        return t === false ? { type: 'raise', what: 'AssertionError' } : undefined;
      }
      case 'DeleteStatement': {
        for (const t of this.sig(st, mc).filter((c) => c.name !== 'del')) this.deleteTarget(t, scope, mc);
        return undefined;
      }
      case 'YieldStatement':
        this.yieldFrom(st, scope, mc);
        return undefined;
      default:
        // A statement the model does not run (match, async …) may bind names.
        mc.openNames ??= `it has a ${st.name} the model does not run`;
        return undefined;
    }
  }

  private execAssign(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const parts = this.kids(st, mc).filter((c) => c.name !== 'Comment');
    const groups: SyntaxNode[][] = [[]];
    for (const p of parts) {
      if (p.name === 'AssignOp') groups.push([]);
      else if (p.name !== 'TypeDef') groups[groups.length - 1].push(p);
    }
    const valueNodes = groups.pop()!;
    if (groups.length === 0) return undefined; // annotation without value
    const items = valueNodes.filter((n) => n.name !== ',');
    const value = items.length === 1 && !valueNodes.some((n) => n.name === ',')
      ? this.eval(items[0], scope, mc)
      : this.list(this.evalItems(items, scope, mc) ?? [], 'tuple');
    for (const target of groups) this.assignTargets(target, value, scope, mc, items.length === 1 ? items[0] : null);
    return undefined;
  }

  /** Assigns to a target list as written between `=` (`a`, `a, b`, `x.y`, `d[k]`, `(a, [b, c])`). */
  private assignTargets(target: SyntaxNode[], value: Value, scope: Scope, mc: ModuleContext, valueNode: SyntaxNode | null): void {
    const ts = target.filter((t) => t.name !== ',');
    if (ts.length === 1 && !target.some((t) => t.name === ',')) return this.assign(ts[0], value, scope, mc, valueNode);
    this.unpack(ts, value, scope, mc);
  }

  private unpack(targets: SyntaxNode[], value: Value, scope: Scope, mc: ModuleContext): void {
    const items = this.iterate(value);
    const star = targets.findIndex((t) => t.name === '*' );
    if (star >= 0) {
      // `a, *rest = …`: only when the sequence is known.
      const names = targets.filter((t) => t.name !== '*');
      if (!items) for (const t of names) this.assign(t, UNKNOWN, scope, mc, null);
      else {
        const before = star;
        const after = names.length - before - 1;
        names.forEach((t, i) => {
          if (i < before) this.assign(t, items[i] ?? UNKNOWN, scope, mc, null);
          else if (i === before) this.assign(t, this.list(items.slice(before, items.length - after)), scope, mc, null);
          else this.assign(t, items[items.length - (names.length - i)] ?? UNKNOWN, scope, mc, null);
        });
      }
      return;
    }
    targets.forEach((t, i) => this.assign(t, items && items.length === targets.length ? items[i] : UNKNOWN, scope, mc, null));
  }

  assign(t: SyntaxNode, value: Value, scope: Scope, mc: ModuleContext, valueNode: SyntaxNode | null): void {
    switch (t.name) {
      case 'VariableName':
        scope.set(mc.text.slice(t.from, t.to), value);
        return;
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'ParenthesizedExpression': {
        const inner = this.sig(t, mc);
        if (t.name === 'ParenthesizedExpression' && inner.length === 1 && inner[0].name !== 'TupleExpression') return this.assign(inner[0], value, scope, mc, valueNode);
        const ts = t.name === 'ParenthesizedExpression' && inner[0]?.name === 'TupleExpression' ? significantChildren(inner[0]) : inner;
        return this.unpack(ts, value, scope, mc);
      }
      case 'MemberExpression': {
        const obj = t.firstChild;
        if (!obj) return;
        const recv = this.eval(obj, scope, mc);
        const prop = t.lastChild;
        if (prop?.name === 'PropertyName') return this.setAttr(recv, mc.text.slice(prop.from, prop.to), value, t, mc);
        const idx = this.subscriptParts(t, mc);
        if (!idx || idx.some((p) => p.name === ':')) return this.loseWrite(recv, t, mc, 'a slice assignment');
        const key = this.eval(idx[0], scope, mc);
        return this.setItem(recv, key, value, t, mc, idx[0], valueNode);
      }
      default:
    }
  }

  private execUpdate(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const parts = this.sig(st, mc);
    const target = parts[0];
    const opNode = parts.find((p) => p.name === 'UpdateOp');
    const valueNode = parts[parts.length - 1];
    if (!target || !opNode || valueNode === opNode) return undefined;
    const op = mc.text.slice(opNode.from, opNode.to).slice(0, -1);
    const current = this.eval(target, scope, mc);
    const rhs = this.eval(valueNode, scope, mc);
    // `l += iterable` extends the same list object.
    if (op === '+' && current.kind === 'ref' && current.obj.type === 'list') {
      const items = this.iterate(rhs);
      touch(current.obj);
      if (items) current.obj.items.push(...items);
      else current.obj.incomplete = `extended with something the model cannot list at line ${mc.lines.positionAt(st.from).line + 1}`;
      return undefined;
    }
    this.assign(target, this.binary(op, current, rhs), scope, mc, null);
    return undefined;
  }

  private deleteTarget(t: SyntaxNode, scope: Scope, mc: ModuleContext): void {
    if (t.name === 'VariableName') return scope.delete(mc.text.slice(t.from, t.to));
    if (t.name !== 'MemberExpression' || !t.firstChild) return;
    const recv = this.eval(t.firstChild, scope, mc);
    const idx = this.subscriptParts(t, mc);
    if (!idx || recv.kind !== 'ref') return;
    const key = this.eval(idx[0], scope, mc);
    const o = recv.obj;
    if (o.type === 'dict') {
      touch(o);
      const i = this.findEntry(o, key);
      if (i === null) o.incomplete = 'an entry was deleted with a key the model does not know';
      else if (i >= 0) o.entries.splice(i, 1);
    } else if (o.type === 'list') {
      touch(o);
      const i = key.kind === 'int' ? Number(key.value < 0n ? key.value + BigInt(o.items.length) : key.value) : -1;
      if (i >= 0 && i < o.items.length) o.items.splice(i, 1);
      else o.incomplete = 'an item was deleted at an index the model does not know';
    }
  }

  private execIf(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    return this.runBranches(ifBranches(st), 0, scope, mc);
  }

  private runBranches(branches: { cond: SyntaxNode | null; body: SyntaxNode }[], i: number, scope: Scope, mc: ModuleContext): Signal {
    if (i >= branches.length) return undefined;
    const br = branches[i];
    const t = br.cond ? truthyOf(this.eval(br.cond, scope, mc)) : true;
    if (t === true) return this.body(br.body, scope, mc);
    if (t === false) return this.runBranches(branches, i + 1, scope, mc);
    let sa: Signal;
    let sb: Signal;
    forkJoin(
      () => { sa = this.body(br.body, scope, mc); },
      () => { sb = this.runBranches(branches, i + 1, scope, mc); },
    );
    return this.joinSignals(sa!, sb!);
  }

  private joinSignals(a: Signal, b: Signal): Signal {
    if (!a && !b) return undefined;
    if (a && b && a.type === b.type && a.type !== 'uncertain') {
      if (a.type === 'return') {
        const rb = (b as { value: Value }).value;
        return { type: 'return', value: joinValues(a.value, rb) };
      }
      return a;
    }
    // A return on either side is one the function may make, whatever the other side does (continue, raise, …);
    // the escape kept is the one that leaves more, so a loop does not take `if c: continue / else: return x` for
    // a mere continue.
    for (const s of [a, b]) if (s?.type === 'return') this.returns[this.returns.length - 1]?.push(s.value);
    const kind = a && b ? wider(escapeOf(a), escapeOf(b)) : escapeOf((a ?? b)!);
    return leaves(a) && leaves(b) ? { type: 'uncertain', escape: kind, through: false } : { type: 'uncertain', escape: kind };
  }

  /**
   * The signal of code that may not have run (a forked rest of a block, an iteration that may not happen, a widened
   * loop's body): a return there is one the function may make; what it says is then "may have left", or nothing when
   * only a break/continue the enclosing loop takes (`loopTakes`) could leave.
   */
  private mayHaveLeft(sig: Signal, loopTakes: boolean): Signal {
    if (!sig) return undefined;
    const kind = escapeOf(sig);
    if (loopTakes && (kind === 'break' || kind === 'continue')) return undefined;
    if (sig.type === 'return') this.returns[this.returns.length - 1]?.push(sig.value);
    return { type: 'uncertain', escape: kind };
  }

  private execFor(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const parts = this.kids(st, mc).filter((c) => c.name !== 'Comment');
    const forIdx = parts.findIndex((p) => p.name === 'for');
    const inIdx = parts.findIndex((p) => p.name === 'in');
    const body = st.getChild('Body');
    if (inIdx < 0 || !body) return undefined;
    const targets = parts.slice(forIdx + 1, inIdx);
    const iterNode = parts.slice(inIdx + 1).find((p) => p.name !== ',' && p.name !== 'Body');
    if (!iterNode) return undefined;
    const iterable = this.eval(iterNode, scope, mc);
    const items = this.iterate(iterable);
    const elseBody = this.elseBodyOf(st, mc);
    if (!items || items.length > this.meter.budget.unroll) {
      let left: Signal;
      this.widenLoop(() => {
        this.assignTargets(targets, UNKNOWN, scope, mc, null);
        this.loopValues.push(UNKNOWN);
        try {
          left = orLeft(left, this.mayHaveLeft(this.body(body, scope, mc), true));
        } finally {
          this.loopValues.pop();
        }
      });
      if (elseBody) {
        let es: Signal;
        forkJoin(() => { es = this.body(elseBody, scope, mc); });
        left = orLeft(left, this.mayHaveLeft(es!, false));
      }
      return left;
    }
    return this.unroll(items.length, (k) => {
      this.assignTargets(targets, items[k], scope, mc, null);
      return items[k];
    }, body, elseBody, scope, mc);
  }

  private execWhile(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const cond = this.sig(st, mc).find((c) => c.name !== 'while' && c.name !== 'Body');
    const body = st.getChild('Body');
    if (!cond || !body) return undefined;
    const elseBody = this.elseBodyOf(st, mc);
    let maybe = false;
    // An escape (return, raise) some iteration may have taken: what follows the loop may not run.
    let left: Signal;
    const widened = (): Signal => {
      this.widenLoop(() => { left = orLeft(left, this.mayHaveLeft(this.body(body, scope, mc), true)); });
      return left;
    };
    for (let k = 0; ; k++) {
      if (k >= this.meter.budget.unroll) {
        // Still running at the budget: it may never end, so what follows may never run.
        widened();
        return { type: 'uncertain', escape: 'stuck' };
      }
      const t = truthyOf(this.eval(cond, scope, mc));
      if (t === false) break;
      // From here on the loop runs an unknown number of times.
      if (t === null || maybe) return widened();
      const sig = this.body(body, scope, mc);
      if (!sig || sig.type === 'continue') continue;
      if (sig.type === 'break') return undefined;
      if (sig.type === 'uncertain') {
        if (sig.escape === 'continue') continue;
        // It may have left: the later iterations may or may not run.
        maybe = true;
        if (sig.escape !== 'break') left = orLeft(left, sig);
        continue;
      }
      return sig;
    }
    return this.loopElse(elseBody, maybe, left, scope, mc);
  }

  /** A loop's `else` runs when no iteration broke out; after one that may have, it "maybe" runs. */
  private loopElse(elseBody: SyntaxNode | null, maybe: boolean, left: Signal, scope: Scope, mc: ModuleContext): Signal {
    if (!elseBody) return left;
    if (!maybe) return this.body(elseBody, scope, mc);
    let es: Signal;
    forkJoin(() => { es = this.body(elseBody, scope, mc); });
    return orLeft(left, this.mayHaveLeft(es!, false));
  }

  /** Runs `count` iterations; an iteration that may have broken out makes the remaining ones "maybe". */
  private unroll(count: number, bind: (k: number) => Value, body: SyntaxNode, elseBody: SyntaxNode | null, scope: Scope, mc: ModuleContext): Signal {
    let maybe = false;
    // An escape (return, raise) some iteration may have taken: what follows the loop may not run.
    let left: Signal;
    for (let k = 0; k < count; k++) {
      const run = (): Signal => {
        const v = bind(k);
        this.loopValues.push(v);
        try {
          return this.body(body, scope, mc);
        } finally {
          this.loopValues.pop();
        }
      };
      if (maybe) {
        let s: Signal;
        forkJoin(() => { s = run(); });
        left = orLeft(left, this.mayHaveLeft(s!, true));
        continue;
      }
      const sig = run();
      if (!sig || sig.type === 'continue') continue;
      if (sig.type === 'break') return undefined;
      if (sig.type === 'uncertain') {
        if (sig.escape === 'continue') continue;
        // It may have left (break, return, raise): the later iterations may or may not run.
        maybe = true;
        if (sig.escape !== 'break') left = orLeft(left, sig);
        continue;
      }
      return sig;
    }
    return this.loopElse(elseBody, maybe, left, scope, mc);
  }

  /**
   * A loop that runs an unknown number of times: its body "maybe" ran, so everything it writes becomes unknown. Two
   * passes, each joined with the state before it, reach the fixed point for the join (a counter, a toggled flag);
   * the second pass reuses the domain objects the first made, so one creating call makes one object.
   */
  private widenLoop(runBody: () => void): void {
    this.reuseStack.push(new Map());
    try {
      forkJoin(runBody, undefined, 'a loop the model cannot unroll');
      forkJoin(runBody, undefined, 'a loop the model cannot unroll');
    } finally {
      this.reuseStack.pop();
    }
  }

  /** Inside a widened loop, a creating call made again returns what it made the first time. */
  reuse(key: string, make: () => Value): Value {
    const cache = this.reuseStack[this.reuseStack.length - 1];
    if (!cache) return make();
    let v = cache.get(key);
    if (!v) cache.set(key, (v = make()));
    return v;
  }

  private elseBodyOf(st: SyntaxNode, mc: ModuleContext): SyntaxNode | null {
    const parts = this.kids(st, mc);
    const e = parts.findIndex((p) => p.name === 'else');
    return e >= 0 && parts[e + 1]?.name === 'Body' ? parts[e + 1] : null;
  }

  private execTry(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const sig = this.tryStatement(st, scope, mc);
    // A raise the try body may make under an undecided condition is not run through its handlers here: one of them
    // may take it and go on, so "every path left" cannot be passed on.
    if (sig?.type === 'uncertain' && sig.through === false && this.kids(st, mc).some((c) => c.name === 'except')) return { type: 'uncertain', escape: sig.escape };
    return sig;
  }

  private tryStatement(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const parts = this.kids(st, mc).filter((c) => c.name !== 'Comment');
    const bodies: { kw: string; body: SyntaxNode; names: SyntaxNode[] }[] = [];
    let kw = 'try';
    let names: SyntaxNode[] = [];
    for (const p of parts) {
      if (p.name === 'try' || p.name === 'except' || p.name === 'else' || p.name === 'finally') {
        kw = p.name;
        names = [];
      } else if (p.name === 'Body') bodies.push({ kw, body: p, names });
      else if (kw === 'except') names.push(p);
    }
    const tryBody = bodies.find((b) => b.kw === 'try');
    const handler0 = bodies.find((b) => b.kw === 'except');
    if (tryBody && handler0 && this.importsMayFail(tryBody.body, mc)) {
      // Whether the import succeeds depends on the user's installation: both outcomes are possible.
      let sa: Signal;
      let sb: Signal;
      forkJoin(() => { sa = this.body(tryBody.body, scope, mc); }, () => { sb = this.body(handler0.body, scope, mc); }, 'whether an import succeeds on the user\'s machine');
      let sig = this.joinSignals(sa!, sb!);
      const fin0 = bodies.find((b) => b.kw === 'finally');
      if (fin0) sig = this.body(fin0.body, scope, mc) ?? sig;
      return sig;
    }
    let sig: Signal;
    let caught: PyRaise | null = null;
    try {
      sig = this.body(tryBody?.body ?? null, scope, mc);
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
      caught = e;
      sig = { type: 'raise' };
    }
    if (sig?.type === 'raise') {
      const exit = caught instanceof PyExit;
      // The raised built-in class, when known, picks the clause (exceptions.ts); otherwise the first clause takes
      // it, except that SystemExit passes `except Exception:` (only a bare except, SystemExit or BaseException).
      const raised = caught ? builtinExceptionOf(caught.what) : sig.what ?? null;
      const takes = (b: { kw: string; names: SyntaxNode[] }): boolean => {
        if (b.kw !== 'except') return false;
        const named = b.names.slice(0, Math.max(0, b.names.findIndex((n) => n.name === 'as')) || b.names.length);
        if (!named.length) return true;
        const decided = raised ? clauseTakes(mc.text.slice(named[0].from, named[named.length - 1].to), raised) : null;
        return decided ?? (!exit || named.some((n) => /\b(?:SystemExit|BaseException)\b/.test(mc.text.slice(n.from, n.to))));
      };
      const handler = bodies.find(takes);
      if (caught && !handler) {
        const fin0 = bodies.find((b) => b.kw === 'finally');
        const fs = fin0 ? this.body(fin0.body, scope, mc) : undefined;
        if (fs) return fs;
        throw caught;
      }
      if (handler) {
        const asIdx = handler.names.findIndex((n) => n.name === 'as');
        if (asIdx >= 0 && handler.names[asIdx + 1]) this.assign(handler.names[asIdx + 1], UNKNOWN, scope, mc, null);
        sig = this.body(handler.body, scope, mc);
      }
    } else if (!sig) {
      const elseBody = bodies.find((b) => b.kw === 'else');
      if (elseBody) sig = this.body(elseBody.body, scope, mc);
    }
    const fin = bodies.find((b) => b.kw === 'finally');
    if (fin) {
      const fs = this.body(fin.body, scope, mc);
      if (fs) return fs;
    }
    return sig;
  }

  /** True when a try body imports a module the model cannot find (it may be missing on the user's machine). */
  private importMayFail(name: string, mc: ModuleContext): boolean {
    try {
      return this.importModule(name, mc).permissive;
    } catch (e) {
      if (e instanceof PyRaise) return false;
      throw e;
    }
  }

  private importsMayFail(body: SyntaxNode, mc: ModuleContext): boolean {
    for (const st of this.stmts(body, mc)) {
      if (st.name !== 'ImportStatement') continue;
      const from = st.firstChild?.name === 'from';
      const parts = this.kids(st, mc);
      const importIdx = parts.findIndex((c) => c.name === 'import');
      const mods = from
        ? [parts.slice(1, importIdx).map((n) => mc.text.slice(n.from, n.to)).join('').replace(/^\.+/, '')]
        : mc.text.slice(parts[0].to, st.to).split(',').map((m) => m.trim().split(/\s+as\s+/)[0].replace(/\s+/g, ''));
      // A module Python 3 does not have fails for certain: the try runs as it is (its except takes the error).
      if (mods.some((m) => !m || this.importMayFail(m, mc))) return true;
    }
    return false;
  }

  private execWith(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const parts = this.kids(st, mc).filter((c) => c.name !== 'Comment' && c.name !== ',');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === 'with' || p.name === 'Body' || p.name === 'as' || p.name === '(' || p.name === ')') continue;
      if (parts[i - 1]?.name === 'as') continue;
      const managed = this.eval(p, scope, mc);
      // What __enter__ returns is bound by `as`: known for the model's own objects (a file), unknown otherwise.
      const enter = managed.kind === 'ref' && managed.obj.type === 'object' ? managed.obj.getAttr('__enter__', managed.obj) : undefined;
      const entered = enter ? this.callValue(enter, [], new Map(), null) : UNKNOWN;
      if (parts[i + 1]?.name === 'as' && parts[i + 2]) this.assign(parts[i + 2], entered, scope, mc, null);
    }
    const sig = this.body(st.getChild('Body'), scope, mc);
    // A context manager may swallow a raise (contextlib.suppress): "every path left" is not passed on.
    return sig?.type === 'uncertain' && sig.through === false ? { type: 'uncertain', escape: sig.escape } : sig;
  }

  private execImport(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const parts = this.kids(st, mc).filter((c) => c.name !== 'Comment' && c.name !== '(' && c.name !== ')');
    const text = (n: SyntaxNode) => mc.text.slice(n.from, n.to);
    if (parts[0]?.name === 'from') {
      const importIdx = parts.findIndex((p) => p.name === 'import');
      let modName = parts.slice(1, importIdx).map(text).join('');
      if (modName.startsWith('.')) modName = modName.replace(/^\.+/, '');
      const mod = this.importModule(modName, mc);
      const names = parts.slice(importIdx + 1);
      for (let i = 0; i < names.length; i++) {
        const n = names[i];
        if (n.name === '*') {
          // Only a module file the model ran to its end binds exactly the names it lists; a library's may be more.
          const from = [...this.modules.values()].find((m) => m.module === mod);
          if (!from || from.openNames) mc.openNames ??= `\`from ${modName} import *\` may bind names the model does not know`;
          if (mod.permissive) this.lose(this.anchor(st, mc), `\`from ${modName} import *\` of a module the model cannot read`);
          // __all__, when the module defines one, is exactly what `*` binds.
          const all = mod.attrs.get('__all__');
          const listed = all ? this.iterate(all) : null;
          if (all && listed && listed.every((x) => x.kind === 'str')) {
            for (const x of listed) {
              const v = mod.attrs.get((x as { value: string }).value);
              if (v) scope.set((x as { value: string }).value, v);
            }
          } else {
            if (all) this.lose(this.anchor(st, mc), `\`from ${modName} import *\` with an __all__ the model cannot read`);
            for (const [k, v] of mod.attrs) if (!k.startsWith('_')) scope.set(k, v);
          }
          continue;
        }
        if (n.name !== 'VariableName') continue;
        const name = text(n);
        let bindAs = name;
        if (names[i + 1]?.name === 'as' && names[i + 2]) {
          bindAs = text(names[i + 2]);
          i += 2;
        }
        scope.set(bindAs, this.moduleAttr(mod, name, `${modName}.${name}`, mc));
      }
      return undefined;
    }
    // import a.b.c [as x], d
    let i = 1;
    while (i < parts.length) {
      const dotted: string[] = [];
      while (i < parts.length && (parts[i].name === 'VariableName' || parts[i].name === '.')) {
        if (parts[i].name === 'VariableName') dotted.push(text(parts[i]));
        i++;
      }
      let alias: string | null = null;
      if (parts[i]?.name === 'as' && parts[i + 1]) {
        alias = text(parts[i + 1]);
        i += 2;
      }
      if (parts[i]?.name === ',') i++;
      if (dotted.length === 0) {
        i++;
        continue;
      }
      const full = dotted.join('.');
      const mod = this.importModule(full, mc);
      if (alias) scope.set(alias, ref(mod));
      else {
        // `import a.b` binds `a`, with `b` reachable as its attribute.
        const top = this.importModule(dotted[0], mc);
        let parent = top;
        for (let k = 1; k < dotted.length; k++) {
          const child = this.importModule(dotted.slice(0, k + 1).join('.'), mc);
          if (!parent.attrs.has(dotted[k])) parent.attrs.set(dotted[k], ref(child));
          parent = child;
        }
        scope.set(dotted[0], ref(top));
      }
    }
    return undefined;
  }

  private moduleAttr(mod: ModuleObject, name: string, full: string, mc: ModuleContext): Value {
    const v = mod.attrs.get(name);
    if (v) return v;
    if (mod.permissive) return UNKNOWN;
    // `from package import submodule`
    const sub = this.importModule(full, mc);
    return sub.permissive ? UNKNOWN : ref(sub);
  }

  private execDecorated(st: SyntaxNode, scope: Scope, mc: ModuleContext): Signal {
    const decorators = st.getChildren('Decorator');
    const def = st.getChild('FunctionDefinition') ?? st.getChild('ClassDefinition');
    if (!def) return undefined;
    return def.name === 'FunctionDefinition' ? this.execDef(def, scope, mc, decorators) : this.execClass(def, scope, mc, decorators);
  }

  private execDef(st: SyntaxNode, scope: Scope, mc: ModuleContext, decorators: SyntaxNode[]): Signal {
    const nameNode = st.getChild('VariableName');
    if (!nameNode) return undefined;
    const fn = this.makeFunction(st, mc.text.slice(nameNode.from, nameNode.to), scope, mc, false);
    scope.set(fn.name, this.decorate(ref(fn), decorators, scope, mc));
    return undefined;
  }

  /** Applies decorators innermost first, as Python does; one the model does not know makes the result unknown. */
  /** The decorator's value from its flat parts: `name`, `a.b.c`, each optionally called with an ArgList. */
  private decoratorValue(parts: SyntaxNode[], scope: Scope, mc: ModuleContext): Value {
    let v: Value = UNKNOWN;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === 0 && p.name === 'VariableName') v = this.eval(p, scope, mc);
      else if (p.name === 'VariableName') v = this.getAttr(v, mc.text.slice(p.from, p.to)); // the dots are not significant
      else if (p.name === '.') continue;
      else if (p.name === 'ArgList') v = this.callWithArgList(v, p, p, scope, mc);
      else return UNKNOWN;
    }
    return v;
  }

  private decorate(v: Value, decorators: SyntaxNode[], scope: Scope, mc: ModuleContext): Value {
    for (const d of [...decorators].reverse()) {
      // A decorator's children are flat (At, names, dots, an ArgList): its text is the expression.
      const parts = this.sig(d, mc).filter((c) => c.name !== 'At' && c.name !== 'Comment');
      if (!parts.length) continue;
      const name = mc.text.slice(parts[0].from, parts[parts.length - 1].to).replace(/\s+/g, '');
      const fn = v.kind === 'ref' && v.obj.type === 'function' ? v.obj : null;
      const binding = DESCRIPTOR_DECORATORS[name];
      if (binding && fn) {
        v = ref(this.alloc<FunctionObject>({ ...fn, binding }));
        continue;
      }
      const accessor = /^(\w+)\.(setter|deleter)$/.exec(name);
      if (accessor && fn) {
        const prop = scope.lookup(accessor[1]);
        const getter = prop?.kind === 'ref' && prop.obj.type === 'function' && prop.obj.binding === 'property' ? prop.obj : null;
        v = getter ? ref(this.alloc<FunctionObject>({ ...getter, setter: accessor[2] === 'setter' ? fn : getter.setter })) : UNKNOWN;
        continue;
      }
      // Decorators that return the function unchanged, or a wrapper that behaves the same for a config script.
      if (/^(?:overrides|abstractmethod|(?:abc\.)?abstractmethod|(?:functools\.)?(?:cache|lru_cache(?:\(.*\))?|wraps\(.*\)))$/.test(name) || name.startsWith('overrides(')) continue;
      // Any other decorator is called as Python does (a dataclass, a registering function, a wrapper).
      v = this.callValue(this.decoratorValue(parts, scope, mc), [v], new Map(), { node: d, module: mc, argSrc: [], kwSrc: new Map() });
    }
    return v;
  }

  makeFunction(def: SyntaxNode, name: string, scope: Scope, mc: ModuleContext, isLambda: boolean): FunctionObject {
    const defaults = new Map<string, Value>();
    for (const p of paramsOf(def, mc)) if (p.default) defaults.set(p.name, this.eval(p.default, scope, mc));
    return this.alloc<FunctionObject>({ type: 'function', name, def, module: mc, closure: scope, defaults, isLambda, site: this.src(def, mc) });
  }

  private execClass(st: SyntaxNode, scope: Scope, mc: ModuleContext, decorators: SyntaxNode[]): Signal {
    const nameNode = st.getChild('VariableName');
    if (!nameNode) return undefined;
    const name = mc.text.slice(nameNode.from, nameNode.to);
    const bases: ClassObject[] = [];
    let unknownBase = false;
    let derivesFromDict = false;
    const argList = st.getChild('ArgList');
    if (argList) {
      for (const b of this.sig(argList, mc)) {
        if (b.name === 'AssignOp' || (b.name === 'VariableName' && b.nextSibling?.name === 'AssignOp')) continue;
        const v = this.eval(b, scope, mc);
        if (v.kind === 'ref' && v.obj.type === 'class') bases.push(v.obj);
        else if (v.kind === 'ref' && v.obj === (this.builtin('dict') as { obj?: unknown } | undefined)?.obj) derivesFromDict = true;
        else if (!(b.name === 'VariableName' && mc.text.slice(b.from, b.to) === 'object')) unknownBase = true;
      }
    }
    const cls = this.alloc<ClassObject>({ type: 'class', name, bases, attrs: new Map(), site: this.src(st, mc) });
    if (unknownBase) cls.incomplete = 'it derives from a class the model cannot read';
    const outer = scope.kind === 'class' ? this.classBeingDefined : undefined;
    if (scope.kind === 'module') cls.qualname = name;
    else if (outer?.qualname) cls.qualname = `${outer.qualname}.${name}`;
    cls.annotations = this.annotationsOf(st.getChild('Body'), mc);
    const classScope = new Scope('class', scope, mc);
    const enclosing = this.classBeingDefined;
    this.classBeingDefined = cls;
    try {
      this.body(st.getChild('Body'), classScope, mc);
    } finally {
      this.classBeingDefined = enclosing;
    }
    for (const [k, v] of classScope.vars) {
      // Functions written in this class body know their class (zero-argument super()).
      if (v.kind === 'ref' && v.obj.type === 'function' && v.obj.module === mc && v.obj.def.from >= st.from && v.obj.def.to <= st.to) v.obj.ownerClass = cls;
      cls.attrs.set(k, v);
    }
    born(cls.attrs);
    if (derivesFromDict || bases.some((b) => b.dictBase)) markDictSubclass(cls, bases);
    finishEnumClass(this, cls);
    if (bases.some((b) => b.namedTupleBase || b.namedTuple)) finishNamedTupleClass(this, cls);
    scope.set(name, this.decorate(ref(cls), decorators, scope, mc));
    return undefined;
  }

  /** `name: type` statements directly in a class body, in order. */
  private annotationsOf(body: SyntaxNode | null, mc: ModuleContext): { name: string; type: string }[] {
    const out: { name: string; type: string }[] = [];
    for (const st of body ? this.kids(body, mc) : []) {
      if (st.name !== 'AssignStatement') continue;
      const target = st.firstChild;
      const typeDef = st.getChild('TypeDef');
      if (target?.name !== 'VariableName' || !typeDef || target.nextSibling?.name !== 'TypeDef') continue;
      out.push({ name: mc.text.slice(target.from, target.to), type: mc.text.slice(typeDef.from, typeDef.to).replace(/^:\s*/, '') });
    }
    return out;
  }

  // -----------------------------------------------------------------------------------------------------------
  // expressions

  eval(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    this.meter.step();
    const v = this.evalNode(node, scope, mc);
    if (this.options.recordValues && mc === this.main) {
      const key = node.from * 0x200000 + Math.min(node.to - node.from, 0x1fffff);
      const seen = this.values.get(key);
      this.values.set(key, seen === undefined ? v : joinValues(seen, v));
    }
    return v;
  }

  private evalNode(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const text = mc.text;
    switch (node.name) {
      case 'Number': {
        const n = decodeNumberLiteral(text.slice(node.from, node.to));
        if (!n) return UNKNOWN;
        return { ...n, lit: this.src(node, mc) };
      }
      case 'String': return this.stringLiteral(node, mc);
      case 'FormatString': return this.formatString(node, scope, mc);
      case 'ContinuedString': {
        let out = '';
        const pieces: StrPiece[] = [];
        for (const part of this.sig(node, mc)) {
          const v = this.eval(part, scope, mc);
          if (v.kind !== 'str') return UNKNOWN;
          pieces.push(...shiftPieces(v.pieces, out.length));
          out += v.value;
        }
        return str(out, pieces);
      }
      case 'Boolean': return { kind: 'bool', value: text.slice(node.from, node.to) === 'True', lit: this.src(node, mc) };
      case 'None': return NONE;
      case 'Ellipsis': return UNKNOWN;
      case 'VariableName': {
        const name = text.slice(node.from, node.to);
        return scope.lookup(name) ?? this.builtin(name) ?? this.unboundName(name, node, scope, mc);
      }
      case 'ParenthesizedExpression': {
        const inner = this.sig(node, mc);
        if (inner.length === 1) return this.eval(inner[0], scope, mc);
        return UNKNOWN;
      }
      case 'NamedExpression': {
        // `name := value` binds in the enclosing function or module, also from inside a comprehension.
        const parts = this.sig(node, mc);
        const target = parts[0];
        const valueNode = parts[parts.length - 1];
        if (target?.name !== 'VariableName' || parts.length !== 3 || !valueNode) return UNKNOWN;
        const v = this.eval(valueNode, scope, mc);
        let s = scope;
        while (s.kind === 'comprehension' && s.parent) s = s.parent;
        s.set(text.slice(target.from, target.to), v);
        return v;
      }
      case 'TupleExpression': return this.list(this.evalItems(this.sig(node, mc), scope, mc, true) ?? [], 'tuple', this.src(node, mc));
      case 'ArrayExpression': {
        const items = this.evalItems(this.sig(node, mc), scope, mc, true);
        const v = this.list(items ?? [], 'list', this.src(node, mc));
        if (!items) (v as { obj: ListObject }).obj.incomplete = 'it is built from something the model cannot list';
        return v;
      }
      case 'SetExpression': return this.list(this.evalItems(this.sig(node, mc), scope, mc) ?? [], 'set', this.src(node, mc));
      case 'DictionaryExpression': return this.dictLiteral(node, scope, mc);
      case 'UnaryExpression': return this.unary(node, scope, mc);
      case 'BinaryExpression': return this.binaryExpr(node, scope, mc);
      case 'ConditionalExpression': {
        const parts = this.sig(node, mc).filter((c) => c.name !== 'if' && c.name !== 'else');
        if (parts.length !== 3) return UNKNOWN;
        const c = truthyOf(this.eval(parts[1], scope, mc));
        if (c === null) {
          const a = this.eval(parts[0], scope, mc);
          const b = this.eval(parts[2], scope, mc);
          return joinValues(a, b);
        }
        return this.eval(c ? parts[0] : parts[2], scope, mc);
      }
      case 'MemberExpression': return this.member(node, scope, mc);
      case 'CallExpression': return this.callExpr(node, scope, mc);
      case 'LambdaExpression': return ref(this.makeFunction(node, '<lambda>', scope, mc, true));
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
      case 'DictionaryComprehensionExpression':
        return this.comprehension(node, scope, mc);
      case 'YieldExpression':
        this.yieldFrom(node, scope, mc);
        return NONE; // what a for loop's next() sends
      default:
        return UNKNOWN;
    }
  }

  private stringLiteral(node: SyntaxNode, mc: ModuleContext): Value {
    const raw = mc.text.slice(node.from, node.to);
    const value = decodeStringLiteral(raw);
    if (value === null) return UNKNOWN;
    const m = /^([rRuUbB]{0,2})('''|"""|'|")/.exec(raw);
    const lit = this.src(node, mc);
    if (!m || /b/i.test(m[1])) return UNKNOWN;
    const bodyStart = node.from + m[0].length;
    const body = mc.text.slice(bodyStart, node.to - m[2].length);
    const piece: StrPiece = body === value
      ? { start: 0, length: value.length, src: { file: mc.path, from: bodyStart, to: bodyStart + value.length }, exact: true }
      : { start: 0, length: value.length, src: lit, exact: false };
    return { kind: 'str', value, pieces: value.length ? [piece] : undefined, lit };
  }

  private formatString(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const raw = mc.text.slice(node.from, node.to);
    const m = /^([a-zA-Z]{0,2})('''|"""|'|")/.exec(raw);
    if (!m) return UNKNOWN;
    const isRaw = m[1].toLowerCase().includes('r');
    const bodyStart = node.from + m[0].length;
    const bodyEnd = node.to - m[2].length;
    let out = '';
    const pieces: StrPiece[] = [];
    let pos = bodyStart;
    const literal = (from: number, to: number): void => {
      const src = mc.text.slice(from, to);
      const t0 = src.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      const t = isRaw ? t0 : unescapePython(t0);
      if (!t) return;
      pieces.push({ start: out.length, length: t.length, src: { file: mc.path, from, to }, exact: t === src });
      out += t;
    };
    let failed = false;
    for (const rep of node.getChildren('FormatReplacement')) {
      literal(pos, rep.from);
      pos = rep.to;
      const parts = this.kids(rep, mc);
      const expr = parts.find((p) => !['{', '}', 'FormatConversion', 'FormatSpec', 'FormatSelfDoc', 'Comment'].includes(p.name));
      if (!expr || parts.some((p) => p.name === 'FormatSelfDoc')) {
        failed = true;
        continue;
      }
      const v = this.eval(expr, scope, mc);
      const conv = parts.find((p) => p.name === 'FormatConversion');
      const specNode = parts.find((p) => p.name === 'FormatSpec');
      let spec = '';
      if (specNode) {
        if (specNode.getChild('FormatReplacement')) failed = true;
        spec = mc.text.slice(specNode.from, specNode.to).slice(1);
      }
      const c = conv ? mc.text.slice(conv.from, conv.to).replace('!', '') : '';
      if (v.kind === 'str' && !spec && c !== 'r' && c !== 'a') {
        pieces.push(...shiftPieces(v.pieces?.length ? v.pieces : [{ start: 0, length: v.value.length, src: this.src(expr, mc), exact: false }], out.length));
        out += v.value;
        continue;
      }
      const py = this.toPy(v);
      let t: string | null = null;
      if (py) {
        const conv2 = c === 'r' || c === 'a' ? pyRepr(py) : c === 's' ? pyStr(py) : null;
        t = pyFormatValue(conv2 !== null ? { kind: 'str', value: conv2 } : py, spec);
      } else if (!spec && c === '') t = this.strOf(v);
      if (t === null) {
        failed = true;
        continue;
      }
      pieces.push({ start: out.length, length: t.length, src: this.src(expr, mc), exact: false });
      out += t;
    }
    literal(pos, bodyEnd);
    if (failed) return UNKNOWN;
    return withCover({ kind: 'str', value: out, pieces }, this.src(node, mc));
  }

  /** Evaluates list/tuple items, with `*x` spread; null when a spread cannot be listed. */
  private evalItems(nodes: SyntaxNode[], scope: Scope, mc: ModuleContext, keepPieces = false): Value[] | null {
    const out: Value[] = [];
    let ok = true;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n.name === '*') {
        const v = nodes[i + 1] ? this.eval(nodes[++i], scope, mc) : UNKNOWN;
        const items = this.iterate(v);
        if (!items) ok = false;
        else out.push(...items);
        continue;
      }
      let v = this.eval(n, scope, mc);
      if (keepPieces && v.kind === 'str' && v.value.length) v = withCover(v, this.src(n, mc));
      out.push(v);
    }
    return ok ? out : null;
  }

  private dictLiteral(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const parts = this.sig(node, mc);
    const d = this.alloc<DictObject>({ type: 'dict', entries: [], site: this.src(node, mc) });
    for (let i = 0; i < parts.length; i++) {
      if (parts[i].name === '**') {
        const v = parts[i + 1] ? this.eval(parts[++i], scope, mc) : UNKNOWN;
        if (v.kind === 'ref' && v.obj.type === 'dict') {
          for (const e of v.obj.entries) this.putEntry(d, e.key, e.value, e.keySrc, e.valueSrc);
          if (v.obj.incomplete) d.incomplete = v.obj.incomplete;
        } else d.incomplete = 'it is merged from something the model cannot read';
        continue;
      }
      const k = this.eval(parts[i], scope, mc);
      const vn = parts[i + 1];
      const v = vn ? this.eval(vn, scope, mc) : UNKNOWN;
      this.putEntry(d, k, v, this.src(parts[i], mc), vn ? this.src(vn, mc) : undefined);
      i++;
    }
    return ref(d);
  }

  /** Index of the entry with `key`; -1 when absent; null when the key (or an existing key) is unknown. */
  findEntry(d: DictObject, key: Value): number | null {
    if (key.kind === 'unknown') return null;
    if (this.unhashable(key)) throw new PyRaise('TypeError');
    let unknown = false;
    // Keys of plain values are found through an index by their canonical text (a mesh dict is searched per link).
    const canon = canonicalKey(key);
    if (canon !== null) {
      const index = keyIndexOf(d);
      const hit = index.byKey.get(canon);
      const moved = (i: number, canonical: boolean) => !d.entries[i] || (canonicalKey(d.entries[i].key) !== null) !== canonical;
      // Entries reordered since the index was built (move_to_end): build it again.
      if ((hit !== undefined && (moved(hit, true) || canonicalKey(d.entries[hit].key) !== canon)) || index.others.some((i) => moved(i, false))) {
        KEY_INDEXES.delete(d);
        return this.findEntry(d, key);
      }
      if (hit !== undefined) return hit;
      for (const i of index.others) {
        const eq = this.keyEquals(d.entries[i].key, key);
        if (eq === true) return i;
        if (eq === null) unknown = true;
      }
      return unknown ? null : -1;
    }
    for (let i = 0; i < d.entries.length; i++) {
      const eq = this.keyEquals(d.entries[i].key, key);
      if (eq === true) return i;
      if (eq === null) unknown = true;
    }
    return unknown ? null : -1;
  }

  keyEquals(a: Value, b: Value): boolean | null {
    if (a.kind === 'unknown' || b.kind === 'unknown') return null;
    if (a.kind === 'ref' || b.kind === 'ref') {
      if (a.kind === 'ref' && b.kind === 'ref') {
        if (a.obj === b.obj) return true;
        if (a.obj.type === 'tuple' && b.obj.type === 'tuple') {
          const x = a.obj.items;
          const y = b.obj.items;
          if (x.length !== y.length) return false;
          let unknown = false;
          for (let i = 0; i < x.length; i++) {
            const e = this.keyEquals(x[i], y[i]);
            if (e === false) return false;
            if (e === null) unknown = true;
          }
          return unknown ? null : true;
        }
        if (a.obj.type === 'instance' && b.obj.type === 'instance') return this.instanceKeyEquals(a.obj, b.obj);
      }
      return false;
    }
    return pyCompare('==', a, b);
  }

  /** True when Python refuses `v` as a dict key or set member (TypeError: unhashable type). */
  private unhashable(v: Value): boolean {
    if (v.kind !== 'ref') return false;
    const o = v.obj;
    if (o.type === 'list' || o.type === 'dict') return true;
    if (o.type === 'set') return !o.frozen;
    if (o.type !== 'instance') return false;
    // The first class that decides: its own __hash__, an __eq__ without one (Python sets __hash__ = None), or @dataclass.
    for (const k of this.mroOf(o.cls)) {
      if (k.incomplete) return false;
      const h = k.attrs.get('__hash__');
      if (h) return h.kind === 'none';
      if (k.dataclassHash) return false;
      if (k.dataclassEq || k.attrs.has('__eq__')) return true;
    }
    return false;
  }

  /**
   * Two script instances as dict keys: a frozen (or unsafe_hash) dataclass hashes and compares its fields; a class
   * with its own __eq__ or __hash__ is not followed; any other instance is its own key (object identity).
   */
  private instanceKeyEquals(a: InstanceObject, b: InstanceObject): boolean | null {
    // A base the model cannot read may define them too.
    const own = (c: ClassObject) => this.mroOf(c).some((k) => k.incomplete || k.attrs.has('__eq__') || k.attrs.has('__hash__'));
    if (a.cls === b.cls && a.cls.dataclassHash) return valueEquals(this, ref(a), ref(b));
    if (own(a.cls) || own(b.cls)) return null;
    return false;
  }

  putEntry(d: DictObject, key: Value, value: Value, keySrc?: SourceRef, valueSrc?: SourceRef): void {
    touch(d);
    const i = this.findEntry(d, key);
    if (i === null) {
      d.incomplete = 'an entry was set with a key the model does not know';
      return;
    }
    if (i >= 0) d.entries[i] = { key: d.entries[i].key, value, keySrc: d.entries[i].keySrc ?? keySrc, valueSrc };
    else {
      d.entries.push({ key, value, keySrc, valueSrc });
      noteAppended(d);
    }
  }

  private unary(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const op = node.firstChild;
    const arg = node.lastChild;
    if (!op || !arg || op === arg) return UNKNOWN;
    const v = this.eval(arg, scope, mc);
    const o = mc.text.slice(op.from, op.to);
    if (o === 'not') {
      const t = truthyOf(v);
      return t === null ? UNKNOWN : bool(!t);
    }
    if (v.kind === 'int') return o === '-' ? int(-v.value) : o === '+' ? int(v.value) : o === '~' ? int(-v.value - 1n) : UNKNOWN;
    if (v.kind === 'float') return o === '-' ? float(-v.value) : o === '+' ? float(v.value) : UNKNOWN;
    if (v.kind === 'bool') return o === '-' ? int(v.value ? -1n : 0n) : o === '+' ? int(v.value ? 1n : 0n) : o === '~' ? int(v.value ? -2n : -1n) : UNKNOWN;
    if (o === '-' && v.kind === 'ref' && v.obj.type === 'object') {
      const m = v.obj.getAttr('__neg__', v.obj);
      if (m) return this.callValue(m, [], new Map(), null);
    }
    return UNKNOWN;
  }

  private binaryExpr(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const parts = this.kids(node, mc).filter((c) => c.name !== 'Comment');
    if (parts.length < 3) return UNKNOWN;
    const left = parts[0];
    const right = parts[parts.length - 1];
    const op = parts.slice(1, -1).map((p) => mc.text.slice(p.from, p.to)).join(' ');
    if (op === 'and' || op === 'or') {
      const a = this.eval(left, scope, mc);
      const ta = truthyOf(a);
      if (ta === null) {
        const b = this.eval(right, scope, mc);
        const tb = truthyOf(b);
        if (op === 'and' && tb === false) return UNKNOWN;
        return UNKNOWN;
      }
      if (op === 'and') return ta ? this.eval(right, scope, mc) : a;
      return ta ? a : this.eval(right, scope, mc);
    }
    // Chained comparison `a < b <= c`: lezer nests it as ((a < b) <= c).
    if (isCompare(op) && left.name === 'BinaryExpression') {
      const lparts = this.kids(left, mc).filter((c) => c.name !== 'Comment');
      const lop = lparts.slice(1, -1).map((p) => mc.text.slice(p.from, p.to)).join(' ');
      if (isCompare(lop) && !hasParens(left, mc)) {
        const first = this.eval(left, scope, mc);
        const tf = truthyOf(first);
        if (tf === false) return first;
        const mid = this.eval(lparts[lparts.length - 1], scope, mc);
        const second = this.binary(op, mid, this.eval(right, scope, mc));
        if (tf === true) return second;
        return truthyOf(second) === false ? second : UNKNOWN;
      }
    }
    return this.binary(op, this.eval(left, scope, mc), this.eval(right, scope, mc));
  }

  binary(op: string, a: Value, b: Value): Value {
    return pyBinary(this, op, a, b);
  }

  private subscriptParts(node: SyntaxNode, mc: ModuleContext): SyntaxNode[] | null {
    const inner = this.kids(node, mc).slice(1).filter((c) => c.name !== 'Comment');
    if (inner[0]?.name !== '[' || inner[inner.length - 1]?.name !== ']') return null;
    const parts = inner.slice(1, -1).filter((c) => c.name !== ',');
    return parts.length ? parts : null;
  }

  private member(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const obj = node.firstChild;
    if (!obj) return UNKNOWN;
    const base = this.eval(obj, scope, mc);
    const prop = node.lastChild;
    if (prop?.name === 'PropertyName') return this.getAttr(base, mc.text.slice(prop.from, prop.to));
    const idx = this.subscriptParts(node, mc);
    if (!idx) return UNKNOWN;
    if (idx.some((p) => p.name === ':')) return this.slice(base, idx, scope, mc);
    if (idx.length > 1) return this.getItem(base, this.list(idx.map((p) => this.eval(p, scope, mc)), 'tuple'));
    return this.getItem(base, this.eval(idx[0], scope, mc));
  }

  private slice(base: Value, parts: SyntaxNode[], scope: Scope, mc: ModuleContext): Value {
    const bounds: (bigint | null)[] = [null, null, null];
    let slot = 0;
    for (const p of parts) {
      if (p.name === ':') {
        slot++;
        continue;
      }
      const v = this.eval(p, scope, mc);
      if (v.kind === 'none') continue;
      if (v.kind !== 'int') return UNKNOWN;
      bounds[slot] = v.value;
    }
    const step = bounds[2] ?? 1n;
    if (step !== 1n && step !== -1n) return UNKNOWN;
    let seq: Value[] | null = null;
    let s: string | null = null;
    if (base.kind === 'str') s = base.value;
    else if (base.kind === 'ref' && (base.obj.type === 'list' || base.obj.type === 'tuple') && !base.obj.incomplete) seq = base.obj.items;
    else return UNKNOWN;
    const len = BigInt(s !== null ? [...s].length : seq!.length);
    const norm = (b: bigint | null, dflt: bigint) => {
      if (b === null) return dflt;
      const x = b < 0n ? b + len : b;
      return x < 0n ? 0n : x > len ? len : x;
    };
    if (step === -1n) {
      if (bounds[0] !== null || bounds[1] !== null) return UNKNOWN;
      if (s !== null) return str([...s].reverse().join(''));
      return this.list([...seq!].reverse(), (base as { obj: ListObject }).obj.type);
    }
    const a = Number(norm(bounds[0], 0n));
    const e = Number(norm(bounds[1], len));
    if (s !== null) {
      const out = [...s].slice(a, e).join('');
      const pieces = base.kind === 'str' && s.length === [...s].length ? slicePieces(base.pieces, a, e) : undefined;
      return str(out, pieces);
    }
    return this.list(seq!.slice(a, e), (base as { obj: ListObject }).obj.type);
  }

  getItem(base: Value, key: Value): Value {
    if (base.kind === 'str') {
      if (key.kind !== 'int') return UNKNOWN;
      const chars = [...base.value];
      const i = Number(key.value < 0n ? key.value + BigInt(chars.length) : key.value);
      return i >= 0 && i < chars.length ? str(chars[i]) : UNKNOWN;
    }
    if (base.kind !== 'ref') return UNKNOWN;
    const o = base.obj;
    if (o.type === 'list' || o.type === 'tuple') {
      const k = key.kind === 'bool' ? int(key.value ? 1n : 0n) : key;
      if (k.kind !== 'int' || o.incomplete) return UNKNOWN;
      const i = Number(k.value < 0n ? k.value + BigInt(o.items.length) : k.value);
      if (i >= 0 && i < o.items.length) return o.items[i];
      throw new PyRaise('IndexError');
    }
    if (o.type === 'dict') {
      const i = this.findEntry(o, key);
      if (i === -1 && !o.incomplete) {
        const missing = missingKey(this, o, key);
        if (missing) return missing;
        throw new PyRaise('KeyError');
      }
      return i !== null && i >= 0 ? o.entries[i].value : UNKNOWN;
    }
    if (o.type === 'instance') {
      const m = this.lookupClassAttr(o.cls, '__getitem__');
      if (m) return this.callValue(this.bindMethod(m, base), [key], new Map(), null);
    }
    if (o.type === 'class' && o.enumMembers) return enumByName(o, key);
    if (o.type === 'object') {
      const g = o.getAttr('__getitem__', o);
      if (g) return this.callValue(g, [key], new Map(), null);
    }
    return UNKNOWN;
  }

  private setItem(recv: Value, key: Value, value: Value, node: SyntaxNode, mc: ModuleContext, keyNode: SyntaxNode, valueNode: SyntaxNode | null): void {
    if (recv.kind !== 'ref') return this.loseWrite(recv, node, mc, 'an item assignment');
    const o = recv.obj;
    if (o.type === 'dict') return this.putEntry(o, key, value, this.src(keyNode, mc), valueNode ? this.src(valueNode, mc) : undefined);
    if (o.type === 'list') {
      touch(o);
      const i = key.kind === 'int' ? Number(key.value < 0n ? key.value + BigInt(o.items.length) : key.value) : -1;
      if (key.kind === 'int' && i >= 0 && i < o.items.length && !o.incomplete) o.items[i] = value;
      else o.incomplete = `an item was set at an index the model does not know (line ${mc.lines.positionAt(node.from).line + 1})`;
      return;
    }
    if (o.type === 'object') {
      const s = o.getAttr('__setitem__', o);
      if (s) {
        this.callValue(s, [key, value], new Map(), null);
        return;
      }
    }
    this.loseWrite(recv, node, mc, 'an item assignment');
  }

  private loseWrite(recv: Value, node: SyntaxNode, mc: ModuleContext, what: string): void {
    if (recv.kind === 'ref') recv.obj.incomplete ??= `${what} the model cannot follow (line ${mc.lines.positionAt(node.from).line + 1})`;
    else if (recv.kind === 'unknown') this.lose(this.anchor(node, mc), `${what} on a value the model does not know`);
  }

  getAttr(base: Value, name: string): Value {
    if (base.kind === 'ref') {
      const o = base.obj;
      switch (o.type) {
        case 'module': {
          const v = o.attrs.get(name);
          if (v) return v;
          return UNKNOWN;
        }
        case 'instance': {
          if (name === '__dict__') {
            // Writes through the dict are not followed: the instance's attributes are no longer all known.
            o.incomplete ??= 'its __dict__ was used';
            return UNKNOWN;
          }
          const c = this.lookupClassAttr(o.cls, name);
          // A property is a data descriptor: it wins over the instance's own attributes.
          if (c && bindingOf(c) === 'property') return this.bindClassAttr(c, base, o.cls);
          const own = o.attrs.get(name);
          if (own) return own;
          if (c) return this.bindClassAttr(c, base, o.cls);
          // Python calls __getattr__ only for a name found nowhere else.
          const fallback = name.startsWith('__') ? undefined : this.lookupClassAttr(o.cls, '__getattr__');
          return fallback ? this.callValue(this.bindMethod(fallback, base), [str(name)], new Map(), null) : UNKNOWN;
        }
        case 'class': {
          if (name === '__name__') return str(o.name);
          if (name === '__qualname__') return o.qualname ? str(o.qualname) : UNKNOWN;
          const c = this.lookupClassAttr(o, name);
          return c ? this.bindClassAttr(c, null, o) : UNKNOWN;
        }
        case 'object': return o.getAttr(name, o) ?? UNKNOWN;
        case 'function': return name === '__name__' ? str(o.name) : UNKNOWN;
        case 'native': return o.attrs?.get(name) ?? UNKNOWN;
        case 'tuple': {
          const field = namedTupleAttr(this, o, name, base);
          if (field) return field;
          break;
        }
        case 'dict': {
          if (o.cls) {
            if (name === '__dict__') {
              o.incomplete ??= 'its __dict__ was used';
              return UNKNOWN;
            }
            const c = this.lookupClassAttr(o.cls, name);
            if (c && bindingOf(c) === 'property') return this.bindClassAttr(c, base, o.cls);
            const own = o.attrs?.get(name);
            if (own) return own;
            if (c) return this.bindClassAttr(c, base, o.cls);
          }
          const m = flavorMethod(this, o, name);
          if (m) return m;
          break;
        }
        default:
      }
    }
    const method = callBuiltinMethod(this, base, name);
    if (method) return method;
    // A method of a list, dict or set the model does not have may change it (set.update, dict.popitem, …).
    if (base.kind === 'ref' && (base.obj.type === 'list' || base.obj.type === 'dict' || base.obj.type === 'set')) base.obj.incomplete ??= `its method ${name} is not modelled`;
    return UNKNOWN;
  }

  /**
   * True when `base` certainly has no attribute `name` (hasattr is False): an instance or class the model saw whole,
   * with no __getattr__/__getattribute__ hook. An attribute set on one side of an undecided branch joins as unknown,
   * so it never counts as missing.
   */
  lacksAttr(base: Value, name: string): boolean {
    if (base.kind !== 'ref') return false;
    const o = base.obj;
    if (o.type !== 'instance' && o.type !== 'class') return false;
    const cls = o.type === 'instance' ? o.cls : o;
    if (o.incomplete || (o.type === 'instance' && o.attrs.has(name))) return false;
    const chain = this.mroOf(cls);
    if (chain.some((c) => c.incomplete || c.enumKind) || name.startsWith('__')) return false;
    if (this.lookupClassAttr(cls, name)) return false;
    return !this.lookupClassAttr(cls, '__getattr__') && !this.lookupClassAttr(cls, '__getattribute__');
  }

  private bindMethod(v: Value, self: Value): Value {
    if (v.kind === 'ref' && (v.obj.type === 'function' || (v.obj.type === 'native' && v.obj.method))) return ref(born<BoundMethod>({ type: 'bound', self, fn: v.obj }));
    return v;
  }

  /**
   * A class attribute as `obj.name` or `Class.name` gives it: a static method as is, a class method bound to the
   * class, a property's getter called on the instance, a plain function bound to the instance (unbound on the class).
   */
  bindClassAttr(v: Value, self: Value | null, cls: ClassObject): Value {
    switch (bindingOf(v)) {
      case 'static': return v;
      case 'class': return this.bindMethod(v, ref(cls));
      case 'property': return self ? this.callValue(this.bindMethod(v, self), [], new Map(), null) : v;
      default: return self ? this.bindMethod(v, self) : v;
    }
  }

  lookupClassAttr(cls: ClassObject, name: string, after?: ClassObject): Value | undefined {
    const order = this.mroOf(cls);
    let i = after ? order.indexOf(after) + 1 : 0;
    if (after && i === 0) return undefined;
    for (; i < order.length; i++) {
      const v = order[i].attrs.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** C3 linearisation (Python's MRO); a class C3 cannot order falls back to depth-first and is marked incomplete. */
  private mroOf(cls: ClassObject, visiting = new Set<ClassObject>()): ClassObject[] {
    if (cls.mro) return cls.mro;
    if (visiting.has(cls)) return [cls];
    visiting.add(cls);
    const seqs = [...cls.bases.map((b) => [...this.mroOf(b, visiting)]), [...cls.bases]];
    const out: ClassObject[] = [cls];
    for (;;) {
      const live = seqs.filter((q) => q.length);
      if (!live.length) break;
      const head = live.map((q) => q[0]).find((h) => !live.some((q) => q.indexOf(h) > 0));
      if (!head) {
        cls.incomplete ??= 'Python cannot order its base classes (MRO)';
        cls.mro = null;
        return [cls, ...cls.bases];
      }
      out.push(head);
      for (const q of live) if (q[0] === head) q.shift();
    }
    cls.mro = out;
    return out;
  }

  /** `super()` in a method (its class and first argument), or `super(C, obj)`; unknown elsewhere. */
  superOf(args: Value[]): Value {
    let cls: ClassObject | null = null;
    let self: Value | undefined;
    if (args.length === 2) {
      cls = args[0].kind === 'ref' && args[0].obj.type === 'class' ? args[0].obj : null;
      self = args[1];
    } else if (args.length === 0) {
      const f = this.frames[this.frames.length - 1];
      cls = f?.fn?.ownerClass ?? null;
      self = f?.firstArg;
    }
    if (!cls || !self || self.kind !== 'ref') return UNKNOWN;
    const obj = self.obj;
    const start = obj.type === 'instance' ? obj.cls : obj.type === 'class' ? obj : obj.type === 'dict' && obj.cls ? obj.cls : null;
    if (!start) return UNKNOWN;
    const owner = cls;
    const bound = self;
    return ref(this.alloc<NativeObject>({
      type: 'object', className: 'super', data: null,
      getAttr: (name) => {
        const v = this.lookupClassAttr(start, name, owner);
        if (v) return this.bindClassAttr(v, obj.type === 'class' ? null : bound, start);
        // Past the script's classes comes dict itself.
        if (obj.type === 'dict') return name === '__init__' ? this.dictInit(bound) : callBuiltinMethod(this, bound, name);
        return undefined;
      },
    }));
  }

  private setAttr(recv: Value, name: string, value: Value, node: SyntaxNode, mc: ModuleContext): void {
    if (recv.kind === 'ref') {
      const o = recv.obj;
      const prop = o.type === 'instance' ? this.lookupClassAttr(o.cls, name) : undefined;
      if (prop && bindingOf(prop) === 'property') {
        const setter = prop.kind === 'ref' && prop.obj.type === 'function' ? prop.obj.setter : undefined;
        if (setter) this.callFunction(setter, [recv, value], new Map(), null);
        else this.loseWrite(recv, node, mc, `an assignment to the read-only property .${name}`);
        return;
      }
      if (o.type === 'instance' || o.type === 'class' || o.type === 'module') {
        touch(o.attrs);
        o.attrs.set(name, value);
        return;
      }
      if (o.type === 'dict' && o.attrs) {
        touch(o.attrs);
        o.attrs.set(name, value);
        return;
      }
      if (o.type === 'object') {
        const s = o.getAttr('__setattr__', o);
        if (s) {
          this.callValue(s, [str(name), value], new Map(), null);
          return;
        }
      }
    }
    this.loseWrite(recv, node, mc, `an attribute assignment (.${name})`);
  }

  // -----------------------------------------------------------------------------------------------------------
  // calls

  private callExpr(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const callee = node.firstChild;
    if (!callee) return UNKNOWN;
    return this.callWithArgList(this.eval(callee, scope, mc), node.getChild('ArgList'), node, scope, mc);
  }

  /** Calls `fn` with the arguments an ArgList spells (`node` is the call for sources and spans). */
  private callWithArgList(fn: Value, argList: SyntaxNode | null, node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const args: Value[] = [];
    const kwargs = new Map<string, Value>();
    const argSrc: (SourceRef | undefined)[] = [];
    const kwSrc = new Map<string, SourceRef>();
    let lostArgs = false;
    if (argList) {
      const parts = this.kids(argList, mc).filter((c) => !['(', ')', ',', 'Comment'].includes(c.name) && !c.type.isError);
      // A bare generator argument, `sum(x for x in y)`: its element is evaluated in the comprehension's scope only.
      if (parts.some((p) => p.name === 'for')) return this.callValue(fn, [this.comprehension(argList, scope, mc)], kwargs, { node, module: mc, argSrc, kwSrc });
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        if (p.name === '*' || p.name === '**') {
          const v = parts[i + 1] ? this.eval(parts[++i], scope, mc) : UNKNOWN;
          if (p.name === '*') {
            const items = this.iterate(v);
            if (items) {
              args.push(...items);
              for (const _ of items) argSrc.push(undefined);
            } else lostArgs = true;
          } else if (v.kind === 'ref' && v.obj.type === 'dict' && !v.obj.incomplete) {
            for (const e of v.obj.entries) if (e.key.kind === 'str') kwargs.set(e.key.value, e.value);
          } else lostArgs = true;
          continue;
        }
        if (p.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp' && parts[i + 2]) {
          const k = mc.text.slice(p.from, p.to);
          kwargs.set(k, this.eval(parts[i + 2], scope, mc));
          kwSrc.set(k, this.src(parts[i + 2], mc));
          i += 2;
          continue;
        }
        args.push(this.eval(p, scope, mc));
        argSrc.push(this.src(p, mc));
      }
    }
    if (lostArgs) {
      this.escape(args, kwargs);
      return UNKNOWN;
    }
    return this.callValue(fn, args, kwargs, { node, module: mc, argSrc, kwSrc });
  }

  /** Objects handed to code the model cannot follow may be changed by it. */
  escape(args: Value[], kwargs: Map<string, Value>): void {
    for (const v of [...args, ...kwargs.values()]) {
      if (v.kind !== 'ref') continue;
      const o = v.obj;
      if (o.type === 'list' || o.type === 'dict' || o.type === 'instance') o.incomplete ??= 'it was passed to code the model cannot follow';
      else if (o.type === 'object' && isEscapable(o.data)) o.data.escaped('it was passed to code the model cannot follow');
    }
  }

  callValue(fn: Value, args: Value[], kwargs: Map<string, Value>, site: CallSite | null): Value {
    this.meter.step();
    if (fn.kind !== 'ref') {
      if (fn.kind === 'unknown') this.escape(args, kwargs);
      return UNKNOWN;
    }
    const o = fn.obj;
    switch (o.type) {
      case 'native': return o.call(args, kwargs, site ?? this.syntheticSite());
      case 'function': return this.callFunction(o, args, kwargs, site);
      case 'bound': {
        if (o.fn.type === 'native') return o.fn.call([o.self, ...args], kwargs, site ?? this.syntheticSite());
        return this.callFunction(o.fn, [o.self, ...args], kwargs, site);
      }
      case 'class':
        if (o.enumMembers) return args.length === 1 && !kwargs.size ? enumLookup(this, o, args[0]) : UNKNOWN;
        if (o.enumKind) return UNKNOWN; // Enum("Name", "A B"): the functional API is not modelled
        if (o.namedTupleBase) return namedTupleFunctional(this, o, args, kwargs);
        if (o.namedTuple) return constructNamedTuple(this, o.namedTuple.type, o.namedTuple.defaults, args, kwargs);
        return this.instantiate(o, args, kwargs, site);
      case 'instance': {
        const c = this.lookupClassAttr(o.cls, '__call__');
        return c ? this.callValue(this.bindMethod(c, fn), args, kwargs, site) : UNKNOWN;
      }
      case 'object': {
        const c = o.getAttr('__call__', o);
        return c ? this.callValue(c, args, kwargs, site) : UNKNOWN;
      }
      default:
        this.escape(args, kwargs);
        return UNKNOWN;
    }
  }

  private syntheticSite(): CallSite {
    const top = this.frames[this.frames.length - 1]?.site;
    return top ?? { node: this.main.tree.topNode, module: this.main, argSrc: [], kwSrc: new Map() };
  }

  private instantiate(cls: ClassObject, args: Value[], kwargs: Map<string, Value>, site: CallSite | null): Value {
    if (cls.dictBase) return this.instantiateDict(cls, args, kwargs, site);
    const inst = this.alloc<InstanceObject>({ type: 'instance', cls, attrs: new Map(), site: site ? this.src(site.node, site.module) : undefined });
    born(inst.attrs);
    if (cls.incomplete) inst.incomplete = cls.incomplete;
    const self = ref(inst);
    const init = this.lookupClassAttr(cls, '__init__');
    if (init) this.callValue(this.bindMethod(init, self), args, kwargs, site);
    else if (cls.incomplete) this.escape(args, kwargs);
    return self;
  }

  /** An instance of a class deriving from dict: a dict with the class's methods and attributes of its own. */
  private instantiateDict(cls: ClassObject, args: Value[], kwargs: Map<string, Value>, site: CallSite | null): Value {
    const d = this.alloc<DictObject>({ type: 'dict', entries: [], cls, attrs: new Map(), site: site ? this.src(site.node, site.module) : undefined });
    born(d.attrs!);
    if (cls.incomplete) d.incomplete = cls.incomplete;
    const self = ref(d);
    const init = this.lookupClassAttr(cls, '__init__');
    this.callValue(init ? this.bindMethod(init, self) : this.dictInit(self), args, kwargs, site);
    return self;
  }

  /** dict.__init__ bound to an existing dict: adds what dict(*args, **kw) would hold. */
  private dictInit(self: Value): Value {
    return this.nativeFn('__init__', (args, kw) => {
      const made = this.callValue(this.builtin('dict') ?? UNKNOWN, args, kw, null);
      if (self.kind !== 'ref' || self.obj.type !== 'dict') return NONE;
      const d = self.obj;
      if (made.kind !== 'ref' || made.obj.type !== 'dict') d.incomplete ??= 'dict.__init__ with values the model does not know';
      else {
        for (const e of made.obj.entries) this.putEntry(d, e.key, e.value, e.keySrc, e.valueSrc);
        if (made.obj.incomplete) d.incomplete ??= made.obj.incomplete;
      }
      return NONE;
    });
  }

  private callFunction(fn: FunctionObject, args: Value[], kwargs: Map<string, Value>, site: CallSite | null): Value {
    if (this.frames.length >= this.meter.budget.callDepth) {
      if (site) this.lose(this.anchor(site.node, site.module), `a call nested deeper than ${this.meter.budget.callDepth}`);
      this.escape(args, kwargs);
      return UNKNOWN;
    }
    const mc = fn.module;
    const scope = new Scope('function', fn.closure, mc);
    const params = paramsOf(fn.def, mc);
    let pi = 0;
    for (const p of params) {
      if (p.star === '*') {
        scope.vars.set(p.name, this.list(args.slice(pi), 'tuple'));
        pi = args.length;
        continue;
      }
      if (p.star === '**') {
        const rest = [...kwargs].filter(([k]) => !params.some((q) => q.name === k && !q.star));
        scope.vars.set(p.name, this.dict(rest.map(([k, v]) => ({ key: str(k), value: v }))));
        continue;
      }
      const kw = kwargs.get(p.name);
      if (kw !== undefined) scope.vars.set(p.name, kw);
      else if (pi < args.length && !p.keywordOnly) scope.vars.set(p.name, args[pi++]);
      else scope.vars.set(p.name, fn.defaults.get(p.name) ?? UNKNOWN);
    }
    // Names a function assigns are local from its start (Python's scoping); mark `global` ones before running.
    const generator = !fn.isLambda && this.isGenerator(fn);
    const frame: Frame = { site: site ?? this.syntheticSite(), fn, firstArg: args[0] };
    if (generator) frame.yields = { items: [], forkDepth: forkDepth(), incomplete: null };
    this.frames.push(frame);
    this.returns.push([]);
    try {
      if (generator) return this.runGenerator(fn, scope, mc, frame.yields!);
      if (fn.isLambda) {
        const bodyExpr = this.kids(fn.def, mc).filter((c) => c.name !== 'Comment').pop();
        return bodyExpr && bodyExpr.name !== 'ParamList' ? this.eval(bodyExpr, scope, mc) : UNKNOWN;
      }
      const sig = this.body(fn.def.getChild('Body'), scope, mc);
      // A raise leaves the function: the caller's try (or the top level) sees it, as in Python.
      if (sig?.type === 'raise') throw new PyRaise(`${sig.what ?? 'an exception'} raised in ${fn.name}()`);
      const maybeReturns = this.returns[this.returns.length - 1];
      // Falling off the end returns None, unless every path left by an escape (a raise or a return).
      const ends = sig?.type === 'uncertain' && sig.through === false ? [] : [sig?.type === 'return' ? sig.value : NONE];
      const results = [...ends, ...maybeReturns];
      if (sig?.type === 'uncertain' && !maybeReturns.length) return UNKNOWN;
      return results.length ? results.reduce((a, b) => joinValues(a, b)) : UNKNOWN;
    } finally {
      this.returns.pop();
      this.frames.pop();
    }
  }

  /** Whether a def's own body (not a nested def, class or lambda) yields. */
  private isGenerator(fn: FunctionObject): boolean {
    let cache = this.generatorDefs.get(fn.module);
    if (!cache) this.generatorDefs.set(fn.module, (cache = new Map()));
    let known = cache.get(fn.def.from);
    if (known === undefined) {
      const body = fn.def.getChild('Body');
      known = body ? yieldsIn(body) : false;
      cache.set(fn.def.from, known);
    }
    return known;
  }

  /**
   * A generator runs to its end when called and its values are listed then (config scripts iterate generators
   * whole); what it yields is unknown when a yield sat under an undecided condition or the body may have stopped early.
   */
  private runGenerator(fn: FunctionObject, scope: Scope, mc: ModuleContext, sink: GeneratorSink): Value {
    const sig = this.body(fn.def.getChild('Body'), scope, mc);
    if (sig?.type === 'uncertain' || sig?.type === 'raise' || this.returns[this.returns.length - 1].length) sink.incomplete ??= 'it may stop early';
    return this.iteratorOf(sink.incomplete === null ? sink.items : null, 'generator');
  }

  /**
   * An object that can only be iterated (a generator, an itertools iterator): its items, or null when unknown (a
   * `for` over it is then widened). Its str() is CPython's address, so the model has none.
   */
  iteratorOf(items: Value[] | null | (() => Value[] | null), className = 'iterator'): Value {
    const state = born(new IteratorState(typeof items === 'function' ? items : () => items));
    const self: Value = ref(this.alloc<NativeObject>({
      type: 'object', className, data: state,
      getAttr: (name) => (name === '__iter__' ? this.nativeFn(name, () => self) : name === '__next__' ? this.nativeFn(name, () => this.nextOf(self)) : undefined),
    }));
    return self;
  }

  /** next(it[, default]): the next item; at the end the default, else StopIteration; unknown for what is no iterator. */
  nextOf(it: Value, fallback?: Value): Value {
    const state = it.kind === 'ref' && it.obj.type === 'object' && it.obj.data instanceof IteratorState ? it.obj.data : null;
    if (!state) return it.kind === 'ref' && (it.obj.type === 'list' || it.obj.type === 'tuple' || it.obj.type === 'dict' || it.obj.type === 'set') ? raise('TypeError') : UNKNOWN;
    const item = state.next();
    if (item === 'end') return fallback ?? raise('StopIteration');
    return item ?? UNKNOWN;
  }

  /** A new instance of `cls` without running __init__ (copy.copy/deepcopy). */
  newInstance(cls: ClassObject): Value {
    const inst = this.alloc<InstanceObject>({ type: 'instance', cls, attrs: new Map() });
    born(inst.attrs);
    return ref(inst);
  }

  private yieldFrom(node: SyntaxNode, scope: Scope, mc: ModuleContext): void {
    const parts = this.sig(node, mc).filter((c) => c.name !== 'yield' && c.name !== 'from');
    const delegated = this.sig(node, mc).some((c) => c.name === 'from');
    const value = parts.length === 0 ? NONE : parts.length === 1 ? this.eval(parts[0], scope, mc) : this.list(this.evalItems(parts, scope, mc) ?? [], 'tuple');
    const sink = this.frames[this.frames.length - 1]?.yields;
    if (!sink) return;
    if (forkDepth() > sink.forkDepth) sink.incomplete ??= 'a yield under a condition the model cannot decide';
    if (sink.items.length >= this.meter.budget.sequence) sink.incomplete ??= 'it yields more values than the budget';
    if (sink.incomplete) return;
    if (!delegated) {
      sink.items.push(value);
      return;
    }
    const items = this.iterate(value);
    if (items) sink.items.push(...items);
    else sink.incomplete = 'it yields from values the model cannot list';
  }

  // -----------------------------------------------------------------------------------------------------------
  // iteration

  /** The items a `for` over `v` sees, in order; null when the model cannot list them. */
  iterate(v: Value): Value[] | null {
    if (v.kind === 'str') return [...v.value].map((c) => str(c));
    if (v.kind !== 'ref') return null;
    const o = v.obj;
    if (o.type === 'set') return o.incomplete ? null : setIterationOrder(o);
    if (o.type === 'list' || o.type === 'tuple') return o.incomplete ? null : o.items.slice();
    if (o.type === 'dict') return o.incomplete ? null : o.entries.map((e) => e.key);
    if (o.type === 'class' && o.enumMembers) return o.incomplete ? null : o.enumMembers.map((m) => ref(m));
    if (o.type === 'object' && o.data instanceof IteratorState) return o.data.rest();
    if (o.type === 'object') {
      const it = o.getAttr('__iter__', o);
      if (it) {
        const r = this.callValue(it, [], new Map(), null);
        return r.kind === 'ref' && r.obj.type === 'list' && !r.obj.incomplete ? r.obj.items.slice() : null;
      }
    }
    return null;
  }

  /** The items of `v` where their order does not matter (sorted, len, in, set(), any, all); null when unknown. */
  members(v: Value): Value[] | null {
    if (v.kind === 'ref' && v.obj.type === 'set') return v.obj.incomplete ? null : v.obj.items.slice();
    return this.iterate(v);
  }

  private comprehension(node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const parts = this.sig(node, mc).filter((p) => p.name !== 'ArgList');
    const isDict = node.name === 'DictionaryComprehensionExpression';
    const firstFor = parts.findIndex((p) => p.name === 'for');
    if (firstFor < 1) return UNKNOWN;
    const head = parts.slice(0, firstFor);
    // Clauses: for targets in iter, if cond
    type Clause = { kind: 'for'; targets: SyntaxNode[]; iter: SyntaxNode } | { kind: 'if'; cond: SyntaxNode };
    const clauses: Clause[] = [];
    for (let i = firstFor; i < parts.length; i++) {
      if (parts[i].name === 'for') {
        const inIdx = parts.findIndex((p, j) => j > i && p.name === 'in');
        if (inIdx < 0 || !parts[inIdx + 1]) return UNKNOWN;
        clauses.push({ kind: 'for', targets: parts.slice(i + 1, inIdx), iter: parts[inIdx + 1] });
        i = inIdx + 1;
      } else if (parts[i].name === 'if' && parts[i + 1]) {
        clauses.push({ kind: 'if', cond: parts[i + 1] });
        i++;
      }
    }
    const inner = new Scope('comprehension', scope, mc);
    const items: Value[] = [];
    const entries: DictObject['entries'] = [];
    let lost = false;
    const run = (ci: number): void => {
      if (lost) return;
      if (ci >= clauses.length) {
        if (isDict) {
          const k = this.eval(head[0], inner, mc);
          const v = head[1] ? this.eval(head[1], inner, mc) : UNKNOWN;
          entries.push({ key: k, value: v, keySrc: this.src(head[0], mc), valueSrc: head[1] ? this.src(head[1], mc) : undefined });
        } else items.push(this.eval(head[0], inner, mc));
        return;
      }
      const c = clauses[ci];
      if (c.kind === 'if') {
        const t = truthyOf(this.eval(c.cond, inner, mc));
        if (t === null) lost = true;
        else if (t) run(ci + 1);
        return;
      }
      const seq = this.iterate(this.eval(c.iter, ci === 0 ? scope : inner, mc));
      if (!seq || seq.length > this.meter.budget.unroll) {
        lost = true;
        return;
      }
      for (const it of seq) {
        this.assignTargets(c.targets, it, inner, mc, null);
        this.loopValues.push(it);
        try {
          run(ci + 1);
        } finally {
          this.loopValues.pop();
        }
      }
    };
    run(0);
    if (isDict) {
      const d = this.alloc<DictObject>({ type: 'dict', entries: [], site: this.src(node, mc) });
      for (const e of entries) this.putEntry(d, e.key, e.value, e.keySrc, e.valueSrc);
      if (lost) d.incomplete = 'it is built by a comprehension the model cannot run';
      return ref(d);
    }
    // A generator expression (`(f(x) for x in y)`, or bare as the only argument) is a single-pass iterator.
    if (node.name === 'ComprehensionExpression' || node.name === 'ArgList') return this.iteratorOf(lost ? null : items, 'generator');
    const v = this.list(items, node.name === 'SetComprehensionExpression' ? 'set' : 'list', this.src(node, mc));
    if (lost) (v as { obj: ListObject }).obj.incomplete = 'it is built by a comprehension the model cannot run';
    return v;
  }

  // -----------------------------------------------------------------------------------------------------------
  // helpers for builtins and domains

  noteFileRead(path: string): void {
    this.filesRead.add(path);
  }

  /** A name no scope binds: Python's NameError, unless the module may bind names unseen or Python predefines it. */
  private unboundName(name: string, node: SyntaxNode, scope: Scope, mc: ModuleContext): Value {
    const home = scope.globalScope().module;
    if (!home || home.openNames || PYTHON_PREDEFINED_NAMES.has(name)) return UNKNOWN;
    throw new PyRaise(`NameError: name '${name}' is not defined (${mc === this.main ? '' : mc.path + ' '}line ${mc.lines.positionAt(node.from).line + 1})`);
  }

  builtin(name: string): Value | undefined {
    const b = this.native('builtins');
    return b?.attrs.get(name);
  }

  /** A Python value for the model and the formatting helpers; null for objects that have no plain form. */
  toPy(v: Value, depth = 0): PyValue | null {
    return valueToPy(v, depth);
  }

  /** `str(v)`, or null when the model cannot know it exactly. */
  strOf(v: Value): string | null {
    if (v.kind === 'str') return v.value;
    if (v.kind !== 'ref') return pyStr(primToPy(v));
    const o = v.obj;
    if (o.type === 'object' || o.type === 'instance') return this.callDunder(v, '__str__') ?? this.callDunder(v, '__repr__');
    if (o.type === 'class') return `<class '${o.name}'>`;
    return reprOf(this, v);
  }

  /** `repr()` of a domain object or an instance with its own __repr__; null otherwise. */
  reprOfObject(v: Value): string | null {
    return v.kind === 'ref' && (v.obj.type === 'object' || v.obj.type === 'instance') ? this.callDunder(v, '__repr__') : null;
  }

  /** Calls `__str__`/`__repr__` the object defines; null when it has none or the result is not a known str. */
  private callDunder(v: Value, name: '__str__' | '__repr__'): string | null {
    if (v.kind !== 'ref') return null;
    const o = v.obj;
    let m: Value | undefined;
    if (o.type === 'object') m = o.getAttr(name, o);
    else if (o.type === 'instance') {
      const found = this.lookupClassAttr(o.cls, name);
      m = found ? this.bindMethod(found, v) : undefined;
    }
    if (!m) return null;
    const r = this.callValue(m, [], new Map(), null);
    return r.kind === 'str' ? r.value : null;
  }

  /** The innermost integer loop value (the "node" index of a per-node loop), or null. */
  innermostLoopInt(): number | null {
    for (let i = this.loopValues.length - 1; i >= 0; i--) {
      const v = this.loopValues[i];
      if (v.kind === 'int') return Number(v.value);
      if (v.kind === 'ref' && v.obj.type === 'tuple') {
        const first = v.obj.items.find((x) => x.kind === 'int');
        if (first && first.kind === 'int') return Number(first.value);
      }
    }
    return null;
  }
}

/** A domain record (an SST component, …) that code the model cannot follow may change. */
export interface Escapable {
  escaped(why: string): void;
}

function isEscapable(d: unknown): d is Escapable {
  return typeof d === 'object' && d !== null && typeof (d as Escapable).escaped === 'function';
}

interface Param {
  name: string;
  default: SyntaxNode | null;
  star: '' | '*' | '**';
  keywordOnly: boolean;
}

const paramCache = new WeakMap<ModuleContext, Map<number, Param[]>>();

/** A def's parameters, with a bare `*` (keyword-only marker) and `/` (positional-only marker) understood. */
function paramsOf(def: SyntaxNode, mc: ModuleContext): Param[] {
  const text = mc.text;
  let byTree = paramCache.get(mc);
  if (!byTree) paramCache.set(mc, (byTree = new Map()));
  const hit = byTree.get(def.from);
  if (hit) return hit;
  const list = def.getChild('ParamList');
  const parts = list ? children(list).filter((c) => c.name !== 'Comment' && c.name !== '(' && c.name !== ')') : [];
  const out: Param[] = [];
  let star: '' | '*' | '**' = '';
  let keywordOnly = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.name === '*' || p.name === '**') {
      const next = parts[i + 1];
      if (p.name === '*' && (!next || next.name === ',')) keywordOnly = true;
      else star = p.name;
      continue;
    }
    if (p.name !== 'VariableName') continue;
    let dflt: SyntaxNode | null = null;
    let j = i + 1;
    if (parts[j]?.name === 'TypeDef') j++;
    if (parts[j]?.name === 'AssignOp' && parts[j + 1]) {
      dflt = parts[j + 1];
      j++;
    }
    i = j;
    out.push({ name: text.slice(p.from, p.to), default: dflt, star, keywordOnly: keywordOnly && !star });
    if (star === '*') keywordOnly = true;
    star = '';
  }
  byTree.set(def.from, out);
  return out;
}

const MAX_PIECES = 256;

/** Adds a piece covering the whole string (the expression that produced it), so a token that spans several inner
 * pieces still points at the smallest expression that holds it. */
function withCover(v: Value & { kind: 'str' }, src: SourceRef): Value {
  const pieces = v.pieces ?? [];
  if (pieces.length >= MAX_PIECES) return { ...v, pieces: [{ start: 0, length: v.value.length, src, exact: false }] };
  return { ...v, pieces: [...pieces, { start: 0, length: v.value.length, src, exact: false }] };
}

function isCompare(op: string): boolean {
  return ['<', '>', '<=', '>=', '==', '!=', 'in', 'not in', 'is', 'is not'].includes(op);
}

function hasParens(node: SyntaxNode, mc: ModuleContext): boolean {
  return mc.text[node.from] === '(';
}

function slicePieces(pieces: readonly StrPiece[] | undefined, a: number, e: number): StrPiece[] | undefined {
  if (!pieces) return undefined;
  const out: StrPiece[] = [];
  for (const p of pieces) {
    const s = Math.max(p.start, a);
    const t = Math.min(p.start + p.length, e);
    if (t <= s) continue;
    out.push(p.exact
      ? { start: s - a, length: t - s, src: { file: p.src.file, from: p.src.from + (s - p.start), to: p.src.from + (t - p.start) }, exact: true }
      : { start: s - a, length: t - s, src: p.src, exact: false });
  }
  return out;
}


/** Decorators that change how a class binds a function. */
const DESCRIPTOR_DECORATORS: { readonly [name: string]: FunctionObject['binding'] | undefined } = {
  staticmethod: 'static', classmethod: 'class', property: 'property',
  'functools.cached_property': 'property', cached_property: 'property',
};

function bindingOf(v: Value): FunctionObject['binding'] {
  return v.kind === 'ref' && v.obj.type === 'function' ? v.obj.binding : undefined;
}

/** Whether a yield occurs under `node`, not counting nested functions, classes and lambdas (they are their own scopes). */
function yieldsIn(node: SyntaxNode): boolean {
  for (let ch = node.firstChild; ch; ch = ch.nextSibling) {
    if (ch.name === 'YieldStatement' || ch.name === 'YieldExpression') return true;
    if (ch.name === 'FunctionDefinition' || ch.name === 'ClassDefinition' || ch.name === 'LambdaExpression') continue;
    if (yieldsIn(ch)) return true;
  }
  return false;
}

/**
 * The order CPython iterates a set in: its hash table's slot order. The model knows it only for what never collides:
 * one item, or ints 0–7 (hash(i) = i, and a table has at least 8 slots), with nothing removed. Otherwise null.
 */
function setIterationOrder(o: ListObject): Value[] | null {
  if (o.items.length <= 1) return o.items.slice();
  if (o.removed) return null;
  const slot = (v: Value): number | null => (v.kind === 'int' && v.value >= 0n && v.value < 8n ? Number(v.value) : v.kind === 'bool' ? (v.value ? 1 : 0) : null);
  const slots = o.items.map(slot);
  if (slots.some((s) => s === null)) return null;
  return o.items.map((v, i) => ({ v, s: slots[i]! })).sort((a, b) => a.s - b.s).map((x) => x.v);
}

/**
 * Methods and hooks a dict subclass may override that sst's addParams, dict(), `**` or the model's own dict handling
 * would bypass or call: such a class is not followed (its instances are incomplete dicts).
 */
const DICT_OVERRIDES = ['__getitem__', '__setitem__', '__delitem__', '__missing__', '__iter__', '__contains__', '__len__', '__eq__', '__repr__', '__str__', '__getattr__', '__setattr__', '__getattribute__', '__new__', '__init_subclass__', '__class_getitem__', 'keys', 'items', 'values', 'get', 'update', 'setdefault', 'pop', 'popitem', 'copy', 'clear'];

function markDictSubclass(cls: ClassObject, bases: ClassObject[]): void {
  cls.dictBase = true;
  if (bases.some((b) => !b.dictBase && b.attrs.size > 0)) cls.incomplete ??= 'it mixes dict with another base';
  const lost = bases.find((b) => b.incomplete);
  if (lost) cls.incomplete ??= lost.incomplete;
  for (const c of [cls, ...bases]) {
    const hook = DICT_OVERRIDES.find((n) => c.attrs.has(n));
    if (hook) cls.incomplete ??= `it overrides dict's ${hook}`;
  }
}

const TUPLE_KEYS = new WeakMap<object, string | null>();

interface KeyIndex {
  entries: DictObject['entries'];
  length: number;
  byKey: Map<string, number>;
  /** Entries whose keys have no canonical text (compared one by one). */
  others: number[];
}
const KEY_INDEXES = new WeakMap<DictObject, KeyIndex>();

/**
 * The dict's key index, rebuilt when its entries array was replaced or changed length. Every change of the key set
 * changes the length or the array between two lookups (putEntry looks up before it appends; pop, del and popitem
 * shorten; the journal and clear() assign a new array); a reorder (move_to_end) keeps the key set, and a stale
 * position is caught by checking the entry found.
 */
/** Keeps an up-to-date index current across an append (building a dict key by key stays linear). */
function noteAppended(d: DictObject): void {
  const index = KEY_INDEXES.get(d);
  if (!index || index.entries !== d.entries || index.length !== d.entries.length - 1) return;
  const i = d.entries.length - 1;
  const k = canonicalKey(d.entries[i].key);
  if (k === null) index.others.push(i);
  else if (!index.byKey.has(k)) index.byKey.set(k, i);
  index.length++;
}

function keyIndexOf(d: DictObject): KeyIndex {
  let index = KEY_INDEXES.get(d);
  if (!index || index.entries !== d.entries || index.length !== d.entries.length) {
    const byKey = new Map<string, number>();
    const others: number[] = [];
    d.entries.forEach((e, i) => {
      const k = canonicalKey(e.key);
      if (k === null) others.push(i);
      else if (!byKey.has(k)) byKey.set(k, i);
    });
    index = { entries: d.entries, length: d.entries.length, byKey, others };
    KEY_INDEXES.set(d, index);
  }
  return index;
}

/**
 * A dict key's identity as Python hashes and compares it, for keys made of numbers, strings, None and tuples of
 * them (1, 1.0 and True are one key); null for any other key, which findEntry compares the slow way.
 */
export function canonicalKey(v: Value): string | null {
  switch (v.kind) {
    case 'str': return 's' + v.value;
    case 'int': return 'i' + v.value;
    case 'bool': return v.value ? 'i1' : 'i0';
    case 'none': return 'n';
    case 'float': return Number.isInteger(v.value) && Math.abs(v.value) < 2 ** 53 ? 'i' + v.value : Number.isNaN(v.value) ? null : 'f' + v.value;
    case 'ref': {
      const o = v.obj;
      if (o.type !== 'tuple' || o.incomplete) return null;
      if (TUPLE_KEYS.has(o)) return TUPLE_KEYS.get(o)!;
      const parts = o.items.map(canonicalKey);
      const k = parts.some((p) => p === null) ? null : 't' + parts.length + '(' + parts.map((p) => p!.length + ':' + p).join('') + ')';
      TUPLE_KEYS.set(o, k);
      return k;
    }
    default: return null;
  }
}
