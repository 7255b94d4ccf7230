/**
 * A small constant evaluator for what gem5/SST config scripts really write. It evaluates a syntax node lazily:
 * a name is resolved to the assignment that reaches it (reaching definitions over the structured statements),
 * `args.x` to the argparse value passed in, loop variables and function parameters to the frame of the
 * iteration/call being evaluated. Anything it cannot know exactly is `unknown`; it never guesses.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { ArgValues, PyValue } from './types';
import { decodeNumberLiteral, decodeStringLiteral, unescapePython } from './pyLiteral';
import { pyFormatValue, pyRepr, pyStr } from './pyFormat';
import { binaryOp, numeric, pyEquals } from './interp/primitives';
import { parseSstUnitAlgebra, pythonFloat, pythonIntBase0, pythonIntBase10 } from './units';
import {
  assignmentParts,
  assignmentValueNodes,
  callArgs,
  callReceiver,
  children,
  definitionName,
  dottedName,
  forParts,
  functionParams,
  ifBranches,
  isStatementContainer,
  significantChildren,
  statementsOf,
  targetNames,
} from './syntax';

/** ArgValues key for `m5.options.outdir` (gem5's `-d/--outdir`, default "m5out"): callers bind it per run. */
export const GEM5_OUTDIR_KEY = 'm5.options.outdir';
/** ArgValues key for `os.getcwd()`: the working directory of the run, bound by callers that know it. */
export const CWD_KEY = 'os.getcwd()';

/** Values inside the evaluator: Python values plus references the extractors need (functions, SST objects). */
export type Val = PyValue | { kind: 'func'; def: SyntaxNode } | { kind: 'obj'; obj: object };

export const UNKNOWN: PyValue = { kind: 'unknown' };

export interface EvalContext {
  args: ArgValues | undefined;
  /** Loop variables and parameters, keyed by the `from` offset of the for/def/comprehension node that binds them. */
  frames: ReadonlyMap<number, ReadonlyMap<string, Val>>;
  /** Where each active function frame was called from, for global lookups made inside it. */
  callSites: ReadonlyMap<number, SyntaxNode>;
  depth: number;
  /** Lets an extractor supply object values for calls it has executed (e.g. `sst.Component(...)`). */
  hook?: (call: SyntaxNode, ctx: EvalContext) => Val | undefined;
  /** Memo partition for module-level bindings (values differ per args and per hook). */
  memoKey: object;
  /** Shared by a whole evaluation: total steps and current lookup nesting, so no script can make it run away. */
  budget: { steps: number; nest: number };
}

const NO_ARGS_KEY = {};
const MAX_STEPS = 200_000;
const MAX_DEPTH = 24;
const MAX_NEST = 400;
const MAX_RANGE = 100_000;

class BudgetExceeded extends Error {}

export function isPy(v: Val): v is PyValue {
  return v.kind !== 'func' && v.kind !== 'obj';
}

export function toPy(v: Val): PyValue {
  return isPy(v) ? v : UNKNOWN;
}

/** Python truthiness; null when unknown. */
export function truthy(v: Val): boolean | null {
  switch (v.kind) {
    case 'int': return v.value !== 0n;
    case 'float': return v.value !== 0;
    case 'str': return v.value.length > 0;
    case 'bool': return v.value;
    case 'none': return false;
    case 'list': return v.items.length > 0;
    case 'dict': return v.entries.length > 0;
    case 'func': case 'obj': return true;
    default: return null;
  }
}

const intV = (value: bigint): PyValue => ({ kind: 'int', value });
const floatV = (value: number): PyValue => ({ kind: 'float', value });
const strV = (value: string): PyValue => ({ kind: 'str', value });
const boolV = (value: boolean): PyValue => ({ kind: 'bool', value });

/** `os.path.join` semantics: an absolute component restarts the path. */
export function posixJoin(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (p.startsWith('/')) out = p;
    else if (out === '' || out.endsWith('/')) out += p;
    else out += '/' + p;
  }
  return out;
}

/** The statement containing `node` and the Script/Body that holds that statement (null at the top). */
function enclosingStatement(node: SyntaxNode): { stmt: SyntaxNode; container: SyntaxNode | null } {
  let stmt = node;
  let container = node.parent;
  while (container && !isStatementContainer(container)) {
    stmt = container;
    container = container.parent;
  }
  return { stmt, container };
}

export class Evaluator {
  private readonly bindCache = new Map<string, ReadonlySet<string>>();
  private readonly stmtCache = new Map<string, { list: SyntaxNode[]; index: Map<number, number> }>();
  private readonly memo = new WeakMap<object, Map<string, Val>>();
  private globalIndex: Map<string, SyntaxNode[]> | null = null;

  constructor(
    readonly text: string,
    readonly tree: Tree,
    /** Names bound to `parser.parse_args()` (usually just "args"). */
    readonly argsVars: ReadonlySet<string>,
    /** Value of `__name__`: gem5 runs config scripts as "__m5_main__", SST as "__main__". */
    readonly moduleName: string = '__main__',
  ) {}

  src(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  newContext(args?: ArgValues, extra: Partial<EvalContext> = {}): EvalContext {
    return {
      args,
      frames: new Map(),
      callSites: new Map(),
      depth: 0,
      memoKey: args ?? NO_ARGS_KEY,
      budget: { steps: 0, nest: 0 },
      ...extra,
    };
  }

  /** Evaluates a node to a Python value (unknown when not exactly known). */
  evalPy(node: SyntaxNode, args?: ArgValues): PyValue {
    return toPy(this.evalSafe(node, this.newContext(args)));
  }

  evalSafe(node: SyntaxNode, ctx: EvalContext): Val {
    try {
      return this.evaluate(node, ctx);
    } catch (e) {
      if (e instanceof BudgetExceeded) return UNKNOWN;
      throw e;
    }
  }

  evaluate(node: SyntaxNode, ctx: EvalContext): Val {
    if (++ctx.budget.steps > MAX_STEPS) throw new BudgetExceeded();
    switch (node.name) {
      case 'Number': {
        const n = decodeNumberLiteral(this.src(node));
        return n ?? UNKNOWN;
      }
      case 'String': {
        const s = decodeStringLiteral(this.src(node));
        return s === null ? UNKNOWN : strV(s);
      }
      case 'FormatString': return this.evalFormatString(node, ctx);
      case 'ContinuedString': {
        let out = '';
        for (const part of significantChildren(node)) {
          const v = this.evaluate(part, ctx);
          if (v.kind !== 'str') return UNKNOWN;
          out += v.value;
        }
        return strV(out);
      }
      case 'Boolean': return boolV(this.src(node) === 'True');
      case 'None': return { kind: 'none' };
      case 'VariableName': {
        const name = this.src(node);
        if (this.argsVars.has(name)) return UNKNOWN;
        return this.lookup(name, node, ctx);
      }
      case 'ParenthesizedExpression': {
        const inner = significantChildren(node)[0];
        return inner ? this.evaluate(inner, ctx) : UNKNOWN;
      }
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression':
        return this.evalSequence(significantChildren(node), ctx);
      case 'DictionaryExpression': return this.evalDict(node, ctx);
      case 'UnaryExpression': return this.evalUnary(node, ctx);
      case 'BinaryExpression': return this.evalBinary(node, ctx);
      case 'ConditionalExpression': {
        const parts = significantChildren(node).filter((c) => c.name !== 'if' && c.name !== 'else');
        if (parts.length !== 3) return UNKNOWN;
        const c = truthy(this.evaluate(parts[1], ctx));
        if (c === null) {
          const a = toPy(this.evaluate(parts[0], ctx));
          const b = toPy(this.evaluate(parts[2], ctx));
          return pyEquals(a, b) === true ? a : UNKNOWN;
        }
        return this.evaluate(c ? parts[0] : parts[2], ctx);
      }
      case 'MemberExpression': return this.evalMember(node, ctx);
      case 'CallExpression': return this.evalCall(node, ctx);
      case 'ArrayComprehensionExpression':
      case 'ComprehensionExpression':
        return this.evalComprehension(node, ctx);
      default:
        return UNKNOWN;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // literals and operators

  private evalFormatString(node: SyntaxNode, ctx: EvalContext): Val {
    const raw = this.src(node);
    const m = /^([a-zA-Z]{0,2})('''|"""|'|")/.exec(raw);
    if (!m) return UNKNOWN;
    const isRaw = m[1].toLowerCase().includes('r');
    const bodyStart = node.from + m[0].length;
    const bodyEnd = node.to - m[2].length;
    let out = '';
    let pos = bodyStart;
    const literal = (from: number, to: number): string => {
      const t = this.text.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      return isRaw ? t : unescapePython(t);
    };
    for (const rep of node.getChildren('FormatReplacement')) {
      out += literal(pos, rep.from);
      pos = rep.to;
      const parts = children(rep);
      const expr = parts.find((p) => p.name !== '{' && p.name !== '}' && p.name !== 'FormatConversion' && p.name !== 'FormatSpec' && p.name !== 'FormatSelfDoc' && p.name !== 'Comment');
      if (!expr || parts.some((p) => p.name === 'FormatSelfDoc')) return UNKNOWN;
      const v = toPy(this.evaluate(expr, ctx));
      if (v.kind === 'unknown') return UNKNOWN;
      const conv = parts.find((p) => p.name === 'FormatConversion');
      const specNode = parts.find((p) => p.name === 'FormatSpec');
      let value: PyValue = v;
      if (conv) {
        const c = this.src(conv).replace('!', '');
        const t = c === 'r' || c === 'a' ? pyRepr(v) : pyStr(v);
        if (t === null) return UNKNOWN;
        value = strV(t);
      }
      let spec = '';
      if (specNode) {
        if (specNode.getChild('FormatReplacement')) return UNKNOWN;
        spec = this.src(specNode).slice(1);
      }
      const text = pyFormatValue(value, spec);
      if (text === null) return UNKNOWN;
      out += text;
    }
    out += literal(pos, bodyEnd);
    return strV(out);
  }

  private evalSequence(items: SyntaxNode[], ctx: EvalContext): Val {
    const out: PyValue[] = [];
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (it.name === '*') {
        const v = items[i + 1] ? this.evaluate(items[++i], ctx) : UNKNOWN;
        if (v.kind !== 'list') return UNKNOWN;
        out.push(...v.items);
        continue;
      }
      out.push(toPy(this.evaluate(it, ctx)));
    }
    return { kind: 'list', items: out };
  }

  private evalDict(node: SyntaxNode, ctx: EvalContext): Val {
    const parts = significantChildren(node);
    const entries: [PyValue, PyValue][] = [];
    const put = (k: PyValue, v: PyValue) => {
      const i = entries.findIndex(([k2]) => pyEquals(k, k2) === true);
      if (i >= 0) entries[i] = [k, v];
      else entries.push([k, v]);
    };
    for (let i = 0; i < parts.length; i++) {
      if (parts[i].name === '**') {
        const v = parts[i + 1] ? this.evaluate(parts[++i], ctx) : UNKNOWN;
        if (v.kind !== 'dict') return UNKNOWN;
        for (const [k, x] of v.entries) put(k, x);
        continue;
      }
      const k = toPy(this.evaluate(parts[i], ctx));
      const v = parts[i + 1] ? toPy(this.evaluate(parts[i + 1], ctx)) : UNKNOWN;
      i++;
      if (k.kind === 'unknown') return UNKNOWN;
      put(k, v);
    }
    return { kind: 'dict', entries };
  }

  private evalUnary(node: SyntaxNode, ctx: EvalContext): Val {
    const op = node.firstChild;
    const arg = node.lastChild;
    if (!op || !arg || op === arg) return UNKNOWN;
    const v = toPy(this.evaluate(arg, ctx));
    const o = this.src(op);
    if (o === 'not') {
      const t = truthy(v);
      return t === null ? UNKNOWN : boolV(!t);
    }
    const n = numeric(v);
    if (n === null) return UNKNOWN;
    if (o === '-') return typeof n === 'bigint' ? intV(-n) : floatV(-n);
    if (o === '+') return typeof n === 'bigint' ? intV(n) : floatV(n);
    if (o === '~' && typeof n === 'bigint') return intV(-n - 1n);
    return UNKNOWN;
  }

  private evalBinary(node: SyntaxNode, ctx: EvalContext): Val {
    const parts = children(node).filter((c) => c.name !== 'Comment');
    if (parts.length < 3) return UNKNOWN;
    const left = parts[0];
    const right = parts[parts.length - 1];
    const op = parts.slice(1, -1).map((p) => this.src(p)).join(' ');
    if (op === 'and' || op === 'or') {
      const a = this.evaluate(left, ctx);
      const ta = truthy(a);
      if (ta === null) {
        // `unknown and False` is still False; `unknown or True` still True.
        const b = this.evaluate(right, ctx);
        const tb = truthy(b);
        if (op === 'and' && tb === false) return UNKNOWN;
        if (op === 'or' && tb === true) return UNKNOWN;
        return UNKNOWN;
      }
      if (op === 'and') return ta ? this.evaluate(right, ctx) : a;
      return ta ? a : this.evaluate(right, ctx);
    }
    const a = toPy(this.evaluate(left, ctx));
    const b = toPy(this.evaluate(right, ctx));
    return binaryOp(op, a, b);
  }

  private evalComprehension(node: SyntaxNode, ctx: EvalContext): Val {
    const parts = significantChildren(node);
    const forIdx = parts.findIndex((p) => p.name === 'for');
    const inIdx = parts.findIndex((p) => p.name === 'in');
    if (forIdx !== 1 || inIdx < 0 || parts.filter((p) => p.name === 'for').length !== 1) return UNKNOWN;
    const names = targetNames(parts.slice(forIdx + 1, inIdx), this.text);
    const iter = toPy(this.evaluate(parts[inIdx + 1], ctx));
    if (iter.kind !== 'list' || names.length !== 1) return UNKNOWN;
    const ifIdx = parts.findIndex((p, i) => i > inIdx && p.name === 'if');
    const out: PyValue[] = [];
    for (const item of iter.items) {
      const frames = new Map(ctx.frames);
      frames.set(node.from, new Map([[names[0], item]]));
      const inner = { ...ctx, frames, memoKey: {} };
      if (ifIdx > 0) {
        const t = truthy(this.evaluate(parts[ifIdx + 1], inner));
        if (t === null) return UNKNOWN;
        if (!t) continue;
      }
      out.push(toPy(this.evaluate(parts[0], inner)));
    }
    return { kind: 'list', items: out };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // attributes, subscripts and calls

  private evalMember(node: SyntaxNode, ctx: EvalContext): Val {
    const obj = node.firstChild;
    if (!obj) return UNKNOWN;
    const prop = node.lastChild;
    if (prop && prop.name === 'PropertyName') {
      const propName = this.src(prop);
      const dotted = dottedName(node, this.text);
      if (obj.name === 'VariableName' && this.argsVars.has(this.src(obj))) {
        return ctx.args?.get(propName) ?? UNKNOWN;
      }
      if (dotted === GEM5_OUTDIR_KEY) return ctx.args?.get(GEM5_OUTDIR_KEY) ?? UNKNOWN;
      if (dotted && /^(?:[\w.]*\.)?CPUTypes\.[A-Z0-9_]+$/.test(dotted)) return strV(propName.toLowerCase());
      if (dotted && /^(?:[\w.]*\.)?ISA\.[A-Z0-9_]+$/.test(dotted)) return strV(propName.toLowerCase());
      return UNKNOWN;
    }
    // Subscript: obj [ index ] or a slice.
    const inner = children(node).slice(1).filter((c) => c.name !== 'Comment');
    if (inner[0]?.name !== '[' || inner[inner.length - 1]?.name !== ']') return UNKNOWN;
    const idxParts = inner.slice(1, -1);
    // `CPUTypes["TIMING"]` / `CPUTypes[args.cpu_type.upper()]`: the enum member by name; its value is the lowercase name.
    const objName = dottedName(obj, this.text);
    if (objName && /^(?:[\w.]*\.)?CPUTypes$/.test(objName) && idxParts.length === 1) {
      const member = toPy(this.evaluate(idxParts[0], ctx));
      return member.kind === 'str' && /^[A-Z0-9_]+$/.test(member.value) ? strV(member.value.toLowerCase()) : UNKNOWN;
    }
    const base = toPy(this.evaluate(obj, ctx));
    if (base.kind === 'unknown') return UNKNOWN;
    if (idxParts.some((p) => p.name === ':')) return this.evalSlice(base, idxParts, ctx);
    if (idxParts.length !== 1) return UNKNOWN;
    const key = toPy(this.evaluate(idxParts[0], ctx));
    return subscript(base, key);
  }

  private evalSlice(base: PyValue, parts: SyntaxNode[], ctx: EvalContext): Val {
    const bounds: (bigint | null)[] = [null, null, null];
    let slot = 0;
    for (const p of parts) {
      if (p.name === ':') {
        slot++;
        continue;
      }
      const v = toPy(this.evaluate(p, ctx));
      if (v.kind === 'none') continue;
      if (v.kind !== 'int') return UNKNOWN;
      bounds[slot] = v.value;
    }
    if (bounds[2] !== null && bounds[2] !== 1n) return UNKNOWN;
    const seq = base.kind === 'str' ? [...base.value] : base.kind === 'list' ? base.items : null;
    if (!seq) return UNKNOWN;
    const len = BigInt(seq.length);
    const norm = (b: bigint | null, dflt: bigint) => {
      if (b === null) return dflt;
      const x = b < 0n ? b + len : b;
      return x < 0n ? 0n : x > len ? len : x;
    };
    const s = Number(norm(bounds[0], 0n));
    const e = Number(norm(bounds[1], len));
    if (base.kind === 'str') return strV((seq as string[]).slice(s, e).join(''));
    return { kind: 'list', items: (seq as PyValue[]).slice(s, e) };
  }

  private evalCall(call: SyntaxNode, ctx: EvalContext): Val {
    if (ctx.hook) {
      const h = ctx.hook(call, ctx);
      if (h) return h;
    }
    const callee = call.firstChild;
    if (!callee) return UNKNOWN;
    const dotted = dottedName(callee, this.text);
    const a = callArgs(call, this.text);
    const pos = (i: number): PyValue => (a.positional[i] ? toPy(this.evaluate(a.positional[i], ctx)) : UNKNOWN);
    const kw = (name: string): PyValue | null => {
      const k = a.keywords.get(name);
      return k ? toPy(this.evaluate(k.value, ctx)) : null;
    };
    const np = a.positional.length;
    if (a.hasStarArgs) return UNKNOWN;

    // Local functions first: a script may define its own helpers.
    if (callee.name === 'VariableName') {
      const f = this.lookup(this.src(callee), callee, ctx);
      if (f.kind === 'func') return this.callFunction(f.def, call, ctx);
    }
    switch (dotted) {
      case 'int': {
        const v = pos(0);
        if (np === 2) {
          const base = pos(1);
          if (v.kind !== 'str' || base.kind !== 'int') return UNKNOWN;
          if (base.value === 0n) {
            const n = pythonIntBase0(v.value);
            return n === null ? UNKNOWN : intV(n);
          }
          if (base.value < 2n || base.value > 36n) return UNKNOWN;
          const t = v.value.trim().toLowerCase().replace(/^0[xob]/, '');
          let n = 0n;
          for (const ch of t) {
            const d = parseInt(ch, 36);
            if (Number.isNaN(d) || d >= Number(base.value)) return UNKNOWN;
            n = n * base.value + BigInt(d);
          }
          return intV(n);
        }
        if (np !== 1) return np === 0 ? intV(0n) : UNKNOWN;
        if (v.kind === 'int') return v;
        if (v.kind === 'bool') return intV(v.value ? 1n : 0n);
        if (v.kind === 'float') return Number.isFinite(v.value) ? intV(BigInt(Math.trunc(v.value))) : UNKNOWN;
        if (v.kind === 'str') {
          const n = pythonIntBase10(v.value);
          return n === null ? UNKNOWN : intV(n);
        }
        return UNKNOWN;
      }
      case 'float': {
        const v = pos(0);
        if (v.kind === 'int') return floatV(Number(v.value));
        if (v.kind === 'float') return v;
        if (v.kind === 'bool') return floatV(v.value ? 1 : 0);
        if (v.kind === 'str') {
          const f = pythonFloat(v.value);
          return f === null ? UNKNOWN : floatV(f);
        }
        return UNKNOWN;
      }
      case 'str': {
        if (np === 0) return strV('');
        const s = pyStr(pos(0));
        return s === null ? UNKNOWN : strV(s);
      }
      case 'repr': {
        const s = pyRepr(pos(0));
        return s === null ? UNKNOWN : strV(s);
      }
      case 'bool': {
        const t = truthy(pos(0));
        return t === null ? UNKNOWN : boolV(t);
      }
      case 'len': {
        const v = pos(0);
        if (v.kind === 'str') return intV(BigInt([...v.value].length));
        if (v.kind === 'list') return intV(BigInt(v.items.length));
        if (v.kind === 'dict') return intV(BigInt(v.entries.length));
        return UNKNOWN;
      }
      case 'abs': {
        const v = pos(0);
        if (v.kind === 'int') return intV(v.value < 0n ? -v.value : v.value);
        if (v.kind === 'float') return floatV(Math.abs(v.value));
        return UNKNOWN;
      }
      case 'hex': {
        const v = pos(0);
        if (v.kind !== 'int') return UNKNOWN;
        return strV((v.value < 0n ? '-0x' : '0x') + (v.value < 0n ? -v.value : v.value).toString(16));
      }
      case 'min':
      case 'max': {
        const items = np === 1 ? pos(0) : { kind: 'list' as const, items: a.positional.map((_, i) => pos(i)) };
        if (items.kind !== 'list' || items.items.length === 0) return UNKNOWN;
        let best = items.items[0];
        for (const it of items.items.slice(1)) {
          const c = binaryOp(dotted === 'min' ? '<' : '>', it, best);
          if (c.kind !== 'bool') return UNKNOWN;
          if (c.value) best = it;
        }
        return best;
      }
      case 'range': {
        const args = a.positional.map((_, i) => pos(i));
        if (args.some((x) => x.kind !== 'int') || args.length === 0 || args.length > 3) return UNKNOWN;
        const ns = args.map((x) => (x as { value: bigint }).value);
        const [start, stop, step] = ns.length === 1 ? [0n, ns[0], 1n] : [ns[0], ns[1], ns[2] ?? 1n];
        if (step === 0n) return UNKNOWN;
        const items: PyValue[] = [];
        for (let i = start; step > 0n ? i < stop : i > stop; i += step) {
          if (items.length >= MAX_RANGE) return UNKNOWN;
          items.push(intV(i));
        }
        return { kind: 'list', items };
      }
      case 'list':
      case 'tuple': {
        if (np === 0) return { kind: 'list', items: [] };
        const v = pos(0);
        if (v.kind === 'list') return v;
        if (v.kind === 'str') return { kind: 'list', items: [...v.value].map(strV) };
        if (v.kind === 'dict') return { kind: 'list', items: v.entries.map(([k]) => k) };
        return UNKNOWN;
      }
      case 'os.path.join': {
        const parts = a.positional.map((_, i) => pos(i));
        if (parts.some((p) => p.kind !== 'str')) return UNKNOWN;
        return strV(posixJoin(parts.map((p) => (p as { value: string }).value)));
      }
      case 'os.getcwd':
        return ctx.args?.get(CWD_KEY) ?? UNKNOWN;
      case 'Path':
      case 'pathlib.Path': {
        const parts = a.positional.map((_, i) => pos(i));
        if (parts.length === 0 || parts.some((p) => p.kind !== 'str')) return UNKNOWN;
        return strV(posixJoin(parts.map((p) => (p as { value: string }).value)));
      }
      case 'get_cpu_type_from_str': {
        const v = pos(0);
        return v.kind === 'str' ? strV(v.value.toLowerCase()) : UNKNOWN;
      }
    }
    // Methods on values.
    const receiver = callReceiver(call);
    const method = callee.name === 'MemberExpression' ? callee.lastChild : null;
    if (!receiver || !method || method.name !== 'PropertyName') return UNKNOWN;
    const m = this.src(method);
    if (m === 'getRoundedValue' && receiver.name === 'CallExpression') {
      const rc = receiver.firstChild;
      const rn = rc ? dottedName(rc, this.text) : null;
      if (rn === 'UnitAlgebra' || rn === 'sst.UnitAlgebra') {
        const arg = callArgs(receiver, this.text).positional[0];
        const v = arg ? toPy(this.evaluate(arg, ctx)) : UNKNOWN;
        if (v.kind !== 'str') return UNKNOWN;
        const q = parseSstUnitAlgebra(v.value);
        return q.ok ? intV(q.value.rounded) : UNKNOWN;
      }
    }
    const recv = toPy(this.evaluate(receiver, ctx));
    return callMethod(recv, m, a.positional.map((_, i) => pos(i)), (name) => kw(name));
  }

  /** Evaluates a call of a script-defined function: parameters bound, then the `return` the body reaches. */
  private callFunction(def: SyntaxNode, call: SyntaxNode, ctx: EvalContext): Val {
    if (ctx.depth >= MAX_DEPTH) return UNKNOWN;
    const locals = this.bindParams(def, call, ctx);
    if (!locals) return UNKNOWN;
    const frames = new Map(ctx.frames);
    frames.set(def.from, locals);
    const callSites = new Map(ctx.callSites);
    callSites.set(def.from, call);
    const inner: EvalContext = { ...ctx, frames, callSites, depth: ctx.depth + 1, memoKey: {} };
    const body = def.getChild('Body');
    if (!body) return UNKNOWN;
    const r = this.execReturn(body, inner);
    return r ?? { kind: 'none' };
  }

  /** Binds a call's arguments to a function's parameters; null when that cannot be done exactly. */
  bindParams(def: SyntaxNode, call: SyntaxNode, ctx: EvalContext): Map<string, Val> | null {
    const params = functionParams(def, this.text);
    const a = callArgs(call, this.text);
    if (a.hasStarArgs) return null;
    const locals = new Map<string, Val>();
    let pi = 0;
    for (const p of params) {
      if (p.star) {
        locals.set(p.name, UNKNOWN);
        continue;
      }
      const k = a.keywords.get(p.name);
      if (k) locals.set(p.name, this.evaluate(k.value, ctx));
      else if (pi < a.positional.length) locals.set(p.name, this.evaluate(a.positional[pi++], ctx));
      else if (p.default) locals.set(p.name, this.evaluate(p.default, { ...ctx, frames: new Map(), memoKey: ctx.memoKey }));
      else return null;
    }
    return locals;
  }

  /** The value of the first `return` reached by executing a body's control flow; null when the body falls off the end. */
  private execReturn(body: SyntaxNode, ctx: EvalContext): Val | null {
    for (const st of statementsOf(body)) {
      if (st.name === 'ReturnStatement') {
        const vals = significantChildren(st).filter((c) => c.name !== 'return');
        if (vals.length === 0) return { kind: 'none' };
        if (vals.length === 1) return this.evaluate(vals[0], ctx);
        return this.evalSequence(vals, ctx);
      }
      if (st.name === 'IfStatement' && this.containsReturn(st)) {
        for (const br of ifBranches(st)) {
          const t = br.cond ? truthy(this.evaluate(br.cond, ctx)) : true;
          if (t === null) return UNKNOWN;
          if (t) {
            const r = this.execReturn(br.body, ctx);
            if (r) return r;
            break;
          }
        }
        continue;
      }
      if (this.containsReturn(st)) return UNKNOWN;
    }
    return null;
  }

  private containsReturn(node: SyntaxNode): boolean {
    if (node.name === 'ReturnStatement') return true;
    if (node.name === 'FunctionDefinition' || node.name === 'ClassDefinition' || node.name === 'LambdaExpression') return false;
    for (let c = node.firstChild; c; c = c.nextSibling) if (this.containsReturn(c)) return true;
    return false;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // name resolution

  /** The value of `name` as seen at node `at`. */
  lookup(name: string, at: SyntaxNode, ctx: EvalContext): Val {
    // Comprehension and lambda variables first.
    for (let p: SyntaxNode | null = at.parent; p && !isStatementContainer(p); p = p.parent) {
      if (p.name === 'ArrayComprehensionExpression' || p.name === 'ComprehensionExpression' || p.name === 'SetComprehensionExpression' || p.name === 'DictionaryComprehensionExpression') {
        const frame = ctx.frames.get(p.from);
        if (frame?.has(name)) return frame.get(name) as Val;
        const parts = significantChildren(p);
        const fi = parts.findIndex((c) => c.name === 'for');
        const ii = parts.findIndex((c) => c.name === 'in');
        if (fi >= 0 && ii > fi && targetNames(parts.slice(fi + 1, ii), this.text).includes(name)) return UNKNOWN;
      }
      if (p.name === 'LambdaExpression') return UNKNOWN;
    }
    let node: SyntaxNode = at;
    for (;;) {
      const { stmt, container } = enclosingStatement(node);
      if (!container) return UNKNOWN;
      const found = this.scanBefore(container, stmt, name, ctx);
      if (found) return found;
      if (container.name === 'Script') return name === '__name__' ? strV(this.moduleName) : UNKNOWN;
      const owner = container.parent;
      if (!owner) return UNKNOWN;
      if (owner.name === 'ForStatement') {
        if (forParts(owner, this.text).names.includes(name)) return ctx.frames.get(owner.from)?.get(name) ?? UNKNOWN;
      } else if (owner.name === 'FunctionDefinition') {
        const frame = ctx.frames.get(owner.from);
        if (functionParams(owner, this.text).some((p) => p.name === name)) return frame?.get(name) ?? UNKNOWN;
        // A global read inside a function sees the module state at the call, or at the end of the script.
        const site = ctx.callSites.get(owner.from);
        if (site) {
          node = site;
          continue;
        }
        const script = this.tree.topNode;
        return this.scanBefore(script, null, name, ctx) ?? (name === '__name__' ? strV(this.moduleName) : UNKNOWN);
      } else if (owner.name === 'ClassDefinition') {
        // class bodies are not enclosing scopes for functions; from the class body itself, fall through
      } else if (owner.name === 'WhileStatement' || owner.name === 'TryStatement') {
        // a later iteration or an exception path may see other values: only bindings before the statement are exact
      }
      node = owner;
    }
  }

  /**
   * The value node of the simple assignment `name = <node>` that reaches `at`, when that is the only possibility
   * (used to map values back to source, e.g. a dict literal passed by name to addParams).
   */
  reachingValueNode(name: string, at: SyntaxNode): SyntaxNode | null {
    let node: SyntaxNode = at;
    for (;;) {
      const { stmt, container } = enclosingStatement(node);
      if (!container) return null;
      const { list, index } = this.statements(container);
      const i = index.get(stmt.from) ?? list.length;
      for (let j = i - 1; j >= 0; j--) {
        const s = list[j];
        if (!this.bindsOf(s).has(name)) continue;
        if (s.name !== 'AssignStatement') return null;
        const parts = assignmentParts(s);
        const t = parts?.targets.find((tt) => tt.length === 1 && tt[0].name === 'VariableName' && this.src(tt[0]) === name);
        return t && parts ? parts.value : null;
      }
      if (container.name === 'Script') return null;
      const owner = container.parent;
      if (!owner || owner.name === 'FunctionDefinition') return null;
      if (owner.name === 'ForStatement' && forParts(owner, this.text).names.includes(name)) return null;
      node = owner;
    }
  }

  /** Finds the binding of `name` reaching the point before `stmt` in `container` (the end when stmt is null). */
  private scanBefore(container: SyntaxNode, stmt: SyntaxNode | null, name: string, ctx: EvalContext): Val | null {
    const { list: stmts, index } = this.statements(container);
    const i = stmt ? index.get(stmt.from) ?? stmts.length : stmts.length;
    for (let j = i - 1; j >= 0; j--) {
      const s = stmts[j];
      if (!this.bindsOf(s).has(name)) continue;
      return this.valueAfter(s, name, ctx);
    }
    return null;
  }

  private statements(container: SyntaxNode): { list: SyntaxNode[]; index: Map<number, number> } {
    const key = `${container.from}:${container.to}`;
    let hit = this.stmtCache.get(key);
    if (!hit) {
      const list = statementsOf(container);
      hit = { list, index: new Map(list.map((s, i) => [s.from, i])) };
      this.stmtCache.set(key, hit);
    }
    return hit;
  }

  /** The value `name` has right after statement `s` (which binds it somewhere). */
  private valueAfter(s: SyntaxNode, name: string, ctx: EvalContext): Val {
    const memoable = this.isModuleLevel(s);
    const key = `${s.from}:${s.to}:${name}`;
    if (memoable) {
      let m = this.memo.get(ctx.memoKey);
      if (!m) this.memo.set(ctx.memoKey, (m = new Map()));
      const hit = m.get(key);
      if (hit) return hit;
      const v = this.computeValueAfter(s, name, ctx);
      m.set(key, v);
      return v;
    }
    return this.computeValueAfter(s, name, ctx);
  }

  private isModuleLevel(s: SyntaxNode): boolean {
    for (let p = s.parent; p; p = p.parent) {
      if (p.name === 'ForStatement' || p.name === 'FunctionDefinition' || p.name === 'WhileStatement' || p.name === 'ClassDefinition') return false;
    }
    return true;
  }

  private computeValueAfter(s: SyntaxNode, name: string, ctx: EvalContext): Val {
    if (++ctx.budget.nest > MAX_NEST) throw new BudgetExceeded();
    try {
      return this.computeValueAfterInner(s, name, ctx);
    } finally {
      ctx.budget.nest--;
    }
  }

  private computeValueAfterInner(s: SyntaxNode, name: string, deeper: EvalContext): Val {
    switch (s.name) {
      case 'AssignStatement': {
        const parts = assignmentParts(s);
        if (!parts) return UNKNOWN;
        const valueNodes = assignmentValueNodes(s);
        for (const target of parts.targets) {
          const names = targetNames(target, this.text);
          if (!names.includes(name)) continue;
          const single = target.length === 1 && target[0].name === 'VariableName';
          if (single) return valueNodes.length === 1 ? this.evaluate(valueNodes[0], deeper) : this.evalSequence(valueNodes, deeper);
          // Tuple unpacking: a, b = x, y
          const value = valueNodes.length === 1 ? toPy(this.evaluate(valueNodes[0], deeper)) : toPy(this.evalSequence(valueNodes, deeper));
          const flat = target.length === 1 ? significantChildren(target[0]) : target;
          if (value.kind !== 'list' || value.items.length !== flat.length) return UNKNOWN;
          const idx = flat.findIndex((t) => t.name === 'VariableName' && this.src(t) === name);
          return idx >= 0 ? value.items[idx] : UNKNOWN;
        }
        return UNKNOWN;
      }
      case 'UpdateStatement': {
        const parts = children(s);
        const op = parts.find((p) => p.name === 'UpdateOp');
        const rhs = parts[parts.length - 1];
        if (!op || parts[0].name !== 'VariableName') return UNKNOWN;
        const before = toPy(this.lookup(name, s, deeper));
        return binaryOp(this.src(op).slice(0, -1), before, toPy(this.evaluate(rhs, deeper)));
      }
      case 'IfStatement': {
        const branches = ifBranches(s);
        const hasElse = branches.some((b) => b.cond === null);
        const outcomes: { cond: SyntaxNode | null; body: SyntaxNode | null }[] = branches.map((b) => ({ cond: b.cond, body: b.body }));
        if (!hasElse) outcomes.push({ cond: null, body: null });
        const valueOf = (body: SyntaxNode | null): Val => {
          if (body) {
            const v = this.scanBefore(body, null, name, deeper);
            if (v) return v;
          }
          return this.lookup(name, s, deeper);
        };
        for (let i = 0; i < outcomes.length; i++) {
          const o = outcomes[i];
          const t = o.cond ? truthy(this.evaluate(o.cond, deeper)) : true;
          if (t === true) return valueOf(o.body);
          if (t === false) continue;
          // Unknown condition: the value is known only if every remaining path gives the same one.
          const vals = outcomes.slice(i).map((r) => toPy(valueOf(r.body)));
          return vals.every((v) => pyEquals(v, vals[0]) === true) ? vals[0] : UNKNOWN;
        }
        return UNKNOWN;
      }
      case 'WithStatement': {
        const body = s.getChild('Body');
        return (body && this.scanBefore(body, null, name, deeper)) ?? UNKNOWN;
      }
      case 'FunctionDefinition':
        return { kind: 'func', def: s };
      case 'DecoratedStatement':
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** Names a statement binds in its own scope (compound statements include their bodies, not nested defs). */
  bindsOf(s: SyntaxNode): ReadonlySet<string> {
    const key = `${s.from}:${s.to}`;
    const hit = this.bindCache.get(key);
    if (hit) return hit;
    const out = new Set<string>();
    switch (s.name) {
      case 'AssignStatement': {
        const parts = assignmentParts(s);
        if (parts) for (const t of parts.targets) for (const n of targetNames(t, this.text)) out.add(n);
        break;
      }
      case 'UpdateStatement': {
        const first = s.firstChild;
        if (first?.name === 'VariableName') out.add(this.src(first));
        break;
      }
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const n = definitionName(s, this.text);
        if (n) out.add(n);
        break;
      }
      case 'DecoratedStatement': {
        const inner = s.getChild('FunctionDefinition') ?? s.getChild('ClassDefinition');
        const n = inner ? definitionName(inner, this.text) : null;
        if (n) out.add(n);
        break;
      }
      case 'ImportStatement': {
        const parts = children(s);
        const importIdx = parts.findIndex((p) => p.name === 'import');
        const isFrom = parts[0]?.name === 'from';
        for (let i = importIdx + 1; i < parts.length; i++) {
          const p = parts[i];
          if (p.name !== 'VariableName') continue;
          if (parts[i + 1]?.name === 'as') continue;
          if (!isFrom && parts[i + 1]?.name === '.') {
            // `import a.b.c` binds `a`
            out.add(this.src(p));
            while (parts[i + 1]?.name === '.') i += 2;
            continue;
          }
          out.add(this.src(p));
        }
        break;
      }
      case 'ForStatement':
        for (const n of forParts(s, this.text).names) out.add(n);
        for (const b of s.getChildren('Body')) for (const st of statementsOf(b)) for (const n of this.bindsOf(st)) out.add(n);
        break;
      case 'IfStatement':
      case 'WhileStatement':
      case 'TryStatement':
      case 'WithStatement': {
        for (const b of s.getChildren('Body')) for (const st of statementsOf(b)) for (const n of this.bindsOf(st)) out.add(n);
        const parts = children(s);
        parts.forEach((p, i) => {
          if (p.name === 'as' && parts[i + 1]?.name === 'VariableName') out.add(this.src(parts[i + 1]));
        });
        break;
      }
    }
    this.bindCache.set(key, out);
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // dependencies

  /** argparse dests (and special keys) an expression depends on, following names to their bindings. */
  reads(node: SyntaxNode): string[] {
    const out = new Set<string>();
    const seenStmts = new Set<string>();
    const visit = (n: SyntaxNode): void => {
      if (n.name === 'MemberExpression') {
        const obj = n.firstChild;
        const prop = n.lastChild;
        if (obj?.name === 'VariableName' && this.argsVars.has(this.src(obj)) && prop?.name === 'PropertyName') {
          out.add(this.src(prop));
          return;
        }
        if (dottedName(n, this.text) === GEM5_OUTDIR_KEY) {
          out.add(GEM5_OUTDIR_KEY);
          return;
        }
      }
      if (n.name === 'CallExpression' && n.firstChild && dottedName(n.firstChild, this.text) === 'os.getcwd') out.add(CWD_KEY);
      if (n.name === 'VariableName') {
        const name = this.src(n);
        for (const st of this.globalBindings().get(name) ?? []) {
          const key = `${st.from}:${st.to}`;
          if (seenStmts.has(key)) continue;
          seenStmts.add(key);
          visitBinding(st, name);
        }
      }
      for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
    };
    const visitBinding = (st: SyntaxNode, name: string): void => {
      if (st.name === 'AssignStatement' || st.name === 'UpdateStatement') {
        for (const v of st.name === 'AssignStatement' ? assignmentValueNodes(st) : [st.lastChild as SyntaxNode]) visit(v);
      } else if (st.name === 'ForStatement') {
        const fp = forParts(st, this.text);
        if (fp.names.includes(name) && fp.iter) visit(fp.iter);
      } else if (st.name === 'FunctionDefinition') {
        const body = st.getChild('Body');
        if (body) visit(body);
      }
      // Conditions of the ifs a binding sits in decide which value is used.
      for (let p = st.parent; p; p = p.parent) {
        if (p.name === 'IfStatement') for (const br of ifBranches(p)) if (br.cond) visit(br.cond);
      }
    };
    visit(node);
    return [...out];
  }

  /** Every binding statement of every name, anywhere in the file (simple statements only). */
  private globalBindings(): Map<string, SyntaxNode[]> {
    if (this.globalIndex) return this.globalIndex;
    const idx = new Map<string, SyntaxNode[]>();
    const add = (name: string, st: SyntaxNode) => {
      let l = idx.get(name);
      if (!l) idx.set(name, (l = []));
      l.push(st);
    };
    const walk = (container: SyntaxNode) => {
      for (const st of statementsOf(container)) {
        if (st.name === 'AssignStatement' || st.name === 'UpdateStatement' || st.name === 'FunctionDefinition') {
          for (const n of this.bindsOf(st)) add(n, st);
        }
        if (st.name === 'ForStatement') for (const n of forParts(st, this.text).names) add(n, st);
        for (const b of st.getChildren('Body')) walk(b);
        const inner = st.name === 'DecoratedStatement' ? st.getChild('FunctionDefinition') ?? st.getChild('ClassDefinition') : null;
        if (inner) {
          const b = inner.getChild('Body');
          if (b) walk(b);
        }
      }
    };
    walk(this.tree.topNode);
    this.globalIndex = idx;
    return idx;
  }
}

function subscript(base: PyValue, key: PyValue): PyValue {
  if (base.kind === 'dict') {
    if (key.kind === 'unknown') return UNKNOWN;
    for (const [k, v] of base.entries) if (pyEquals(k, key) === true) return v;
    return UNKNOWN;
  }
  if (key.kind !== 'int' && key.kind !== 'bool') return UNKNOWN;
  const i0 = key.kind === 'int' ? key.value : key.value ? 1n : 0n;
  const seq: PyValue[] | string[] | null = base.kind === 'list' ? base.items : base.kind === 'str' ? [...base.value] : null;
  if (!seq) return UNKNOWN;
  const i = i0 < 0n ? i0 + BigInt(seq.length) : i0;
  if (i < 0n || i >= BigInt(seq.length)) return UNKNOWN;
  const item = seq[Number(i)];
  return typeof item === 'string' ? strV(item) : item;
}

/** Methods of str, list and dict values that config scripts call. */
function callMethod(recv: PyValue, m: string, args: PyValue[], kw: (name: string) => PyValue | null): PyValue {
  if (recv.kind === 'str') {
    const s = recv.value;
    const arg0 = args[0];
    switch (m) {
      case 'split': {
        const sep = args[0] ?? kw('sep');
        const maxArg = args[1] ?? kw('maxsplit');
        const max = maxArg && maxArg.kind === 'int' ? Number(maxArg.value) : -1;
        if (maxArg && maxArg.kind !== 'int') return UNKNOWN;
        if (!sep || sep.kind === 'none') {
          let parts = s.trim().split(/\s+/).filter((p) => p.length > 0);
          if (max >= 0 && parts.length > max + 1) {
            // re-split keeping the remainder intact
            const re = /\S+/g;
            const out: string[] = [];
            let mm: RegExpExecArray | null;
            while ((mm = re.exec(s)) && out.length < max) out.push(mm[0]);
            out.push(s.slice(re.lastIndex).trimStart());
            parts = out;
          }
          return { kind: 'list', items: parts.map(strV) };
        }
        if (sep.kind !== 'str' || sep.value === '') return UNKNOWN;
        let parts = s.split(sep.value);
        if (max >= 0 && parts.length > max + 1) parts = [...parts.slice(0, max), parts.slice(max).join(sep.value)];
        return { kind: 'list', items: parts.map(strV) };
      }
      case 'join': {
        if (!arg0 || arg0.kind !== 'list') return UNKNOWN;
        if (arg0.items.some((i) => i.kind !== 'str')) return UNKNOWN;
        return strV(arg0.items.map((i) => (i as { value: string }).value).join(s));
      }
      case 'strip': case 'lstrip': case 'rstrip': {
        if (arg0 && arg0.kind !== 'str' && arg0.kind !== 'none') return UNKNOWN;
        const chars = arg0 && arg0.kind === 'str' ? arg0.value : null;
        const isStrip = (c: string) => (chars === null ? /\s/.test(c) : chars.includes(c));
        let a = 0;
        let b = s.length;
        if (m !== 'rstrip') while (a < b && isStrip(s[a])) a++;
        if (m !== 'lstrip') while (b > a && isStrip(s[b - 1])) b--;
        return strV(s.slice(a, b));
      }
      case 'lower': return strV(s.toLowerCase());
      case 'upper': return strV(s.toUpperCase());
      case 'replace': {
        const [x, y] = args;
        if (x?.kind !== 'str' || y?.kind !== 'str') return UNKNOWN;
        return strV(s.split(x.value).join(y.value));
      }
      case 'startswith': case 'endswith': {
        if (arg0?.kind !== 'str') return UNKNOWN;
        return boolV(m === 'startswith' ? s.startsWith(arg0.value) : s.endsWith(arg0.value));
      }
      case 'zfill': {
        if (arg0?.kind !== 'int') return UNKNOWN;
        const w = Number(arg0.value);
        const sign = s.startsWith('-') || s.startsWith('+') ? s[0] : '';
        const body = sign ? s.slice(1) : s;
        return strV(sign + body.padStart(w - sign.length, '0'));
      }
      case 'format': {
        let auto = 0;
        let failed = false;
        const out = s.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, inner: string | undefined) => {
          if (whole === '{{') return '{';
          if (whole === '}}') return '}';
          const [field, spec = ''] = (inner ?? '').split(/:(.*)/s);
          let v: PyValue | undefined;
          if (field === '') v = args[auto++];
          else if (/^\d+$/.test(field)) v = args[Number(field)];
          else v = kw(field) ?? undefined;
          const r = v ? pyFormatValue(v, spec) : null;
          if (r === null) failed = true;
          return r ?? '';
        });
        return failed ? UNKNOWN : strV(out);
      }
    }
    return UNKNOWN;
  }
  if (recv.kind === 'dict' && m === 'get') {
    const key = args[0];
    if (!key || key.kind === 'unknown') return UNKNOWN;
    for (const [k, v] of recv.entries) if (pyEquals(k, key) === true) return v;
    return args[1] ?? { kind: 'none' };
  }
  return UNKNOWN;
}
