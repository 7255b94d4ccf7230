/**
 * The SST side of the model: components, their parameters and subcomponents, ranks, links, program options and the
 * gem5 command lines inside `gem5.gem5Component` `cmd` parameters. SST scripts are imperative (components are created
 * in `for node in range(N)` loops and in helper functions), so this module *executes* the script's control flow
 * abstractly: loops over known ranges are unrolled with the loop variable bound, helper functions called at statement
 * level are entered with their parameters bound, and `if`s with a known condition take one branch (both when unknown).
 */
import type { SyntaxNode } from '@lezer/common';
import { splitGem5Cmd, tokenizeWithOffsets } from './cmdTokenizer';
import { type EvalContext, type Val, toPy, truthy } from './evaluator';
import type { ExtractionInput } from './gem5Model';
import { decodeStringLiteral } from './pyLiteral';
import {
  assignmentParts, callArgs, children, dottedName, forParts, ifBranches, significantChildren, statementsOf,
} from './syntax';
import type {
  CmdToken, Gem5Cmd, PyValue, SstComponent, SstLink, SstLinkEnd, SstParam, SstScriptModel, SstSubComponent, Span,
} from './types';

/** Bounds on abstract execution, so a hostile script cannot make the server spin. */
const MAX_UNROLL = 4096;
const MAX_CALL_DEPTH = 8;
const MAX_COMPONENTS = 20_000;

type SstObject =
  | { sst: 'component'; component: SstComponent }
  | { sst: 'subcomponent'; owner: SstComponent; sub: SstSubComponent }
  | { sst: 'link'; link: SstLink };

export function extractSstModel(input: ExtractionInput): SstScriptModel {
  return new SstExtractor(input).run();
}

class SstExtractor {
  private readonly model: SstScriptModel;
  /** Objects created by a call node in a given loop/function context ("from|frame signature"). */
  private readonly objects = new Map<string, SstObject>();
  private readonly sstAliases = new Set<string>(['sst']);
  /** Where each parameter's value came from, so the `cmd` value can be mapped back to source characters. */
  private readonly paramSources = new WeakMap<SstParam, { node: SyntaxNode; ctx: EvalContext }>();

  constructor(private readonly input: ExtractionInput) {
    this.model = {
      kind: 'sst', path: input.path, components: [], links: [], gem5Cmds: [], programOptions: [],
      syntaxErrors: input.syntaxErrors,
    };
  }

  run(): SstScriptModel {
    const ctx = this.input.evaluator.newContext(undefined, { hook: (call, c) => this.hook(call, c) });
    this.findSstAliases();
    try {
      this.execBody(this.input.tree.topNode, ctx, 0);
    } catch (e) {
      if (!(e instanceof TooBig)) throw e;
    }
    for (const c of this.model.components) {
      if (c.type === 'gem5.gem5Component') this.collectCmd(c);
    }
    return this.model;
  }

  // -------------------------------------------------------------------------------------------------------------
  // abstract execution

  private execBody(container: SyntaxNode, ctx: EvalContext, depth: number): void {
    for (const st of statementsOf(container)) this.execStatement(st, ctx, depth);
  }

  private execStatement(st: SyntaxNode, ctx: EvalContext, depth: number): void {
    switch (st.name) {
      case 'ExpressionStatement':
      case 'AssignStatement':
        for (const call of topLevelCalls(st)) this.execCall(call, ctx, depth);
        return;
      case 'ForStatement':
        return this.execFor(st, ctx, depth);
      case 'IfStatement': {
        for (const br of ifBranches(st)) {
          const t = br.cond ? truthy(this.eval(br.cond, ctx)) : true;
          if (t === false) continue;
          this.execBody(br.body, ctx, depth);
          if (t === true) return;
        }
        return;
      }
      case 'WithStatement':
      case 'TryStatement':
      case 'WhileStatement': {
        // Bodies run at least once in practice for these scripts (while: conditions are not evaluated).
        for (const body of children(st).filter((c) => c.name === 'Body')) this.execBody(body, ctx, depth);
        return;
      }
      default:
        return;
    }
  }

  private execFor(st: SyntaxNode, ctx: EvalContext, depth: number): void {
    const parts = forParts(st, this.input.text);
    if (!parts.iter || !parts.body) return;
    const iter = this.eval(parts.iter, ctx);
    if (iter.kind !== 'list' || parts.names.length !== 1) {
      // Unknown iteration: the body's components exist but their loop variable is unknown.
      this.execBody(parts.body, ctx, depth);
      return;
    }
    const items = iter.items.slice(0, MAX_UNROLL);
    for (const item of items) {
      const frames = new Map(ctx.frames);
      frames.set(st.from, new Map<string, Val>([[parts.names[0], item]]));
      this.execBody(parts.body, { ...ctx, frames, memoKey: {} }, depth);
    }
  }

  /** A statement-level call: SST API calls act on objects; calls of the script's own functions are entered. */
  private execCall(call: SyntaxNode, ctx: EvalContext, depth: number): void {
    const callee = call.firstChild;
    if (!callee) return;
    const text = this.input.text;
    if (callee.name === 'MemberExpression') {
      const method = callee.lastChild ? text.slice(callee.lastChild.from, callee.lastChild.to) : '';
      const recvNode = callee.firstChild;
      if (!recvNode) return;
      const recvName = dottedName(recvNode, text);
      if (recvName && this.sstAliases.has(recvName)) return this.execSstModuleCall(method, call, ctx);
      if (!SST_METHODS.has(method)) return;
      const recv = this.objectOf(this.input.evaluator.evalSafe(recvNode, ctx));
      if (recv) this.execMethod(recv, method, call, ctx);
      return;
    }
    if (callee.name === 'VariableName' && depth < MAX_CALL_DEPTH) {
      const f = this.input.evaluator.lookup(text.slice(callee.from, callee.to), callee, ctx);
      if (f.kind !== 'func') return;
      const locals = this.input.evaluator.bindParams(f.def, call, ctx);
      const body = f.def.getChild('Body');
      if (!locals || !body) return;
      const frames = new Map(ctx.frames);
      frames.set(f.def.from, locals);
      const callSites = new Map(ctx.callSites);
      callSites.set(f.def.from, call);
      this.execBody(body, { ...ctx, frames, callSites, depth: ctx.depth + 1, memoKey: {} }, depth + 1);
    }
  }

  private execSstModuleCall(method: string, call: SyntaxNode, ctx: EvalContext): void {
    if (method === 'setProgramOption') {
      const a = callArgs(call, this.input.text);
      if (a.positional.length >= 2) this.model.programOptions.push(this.param(a.positional[0], a.positional[1], ctx));
    } else if (method === 'setProgramOptions') {
      const a = callArgs(call, this.input.text);
      if (a.positional[0]) this.model.programOptions.push(...this.paramsOfDict(a.positional[0], ctx));
    } else if (method === 'Component' || method === 'Link') {
      this.create(call, ctx); // created but not bound to a name
    }
  }

  private execMethod(recv: SstObject, method: string, call: SyntaxNode, ctx: EvalContext): void {
    const a = callArgs(call, this.input.text);
    const params = recv.sst === 'component' ? recv.component.params : recv.sst === 'subcomponent' ? recv.sub.params : null;
    switch (method) {
      case 'addParams':
        if (params && a.positional[0]) upsert(params, this.paramsOfDict(a.positional[0], ctx));
        return;
      case 'addParam':
        if (params && a.positional.length >= 2) upsert(params, [this.param(a.positional[0], a.positional[1], ctx)]);
        return;
      case 'setRank': {
        if (recv.sst !== 'component') return;
        const r = a.positional[0] ? this.eval(a.positional[0], ctx) : null;
        const t = a.positional[1] ? this.eval(a.positional[1], ctx) : { kind: 'int' as const, value: 0n };
        if (r?.kind === 'int' && t.kind === 'int') recv.component.rank = { rank: Number(r.value), thread: Number(t.value) };
        return;
      }
      case 'setSubComponent':
        this.create(call, ctx);
        return;
      case 'connect':
        if (recv.sst === 'link') this.connect(recv.link, a.positional, ctx);
        return;
      case 'addLink': {
        // component.addLink(link, port, latency)
        if (recv.sst === 'link' || !a.positional[0]) return;
        const link = this.objectOf(this.input.evaluator.evalSafe(a.positional[0], ctx));
        if (link?.sst !== 'link') return;
        const owner = recv.sst === 'component' ? recv.component : recv.owner;
        link.link.ends.push({
          component: owner.order,
          slot: recv.sst === 'subcomponent' ? recv.sub.slot : null,
          port: strOr(a.positional[1] ? this.eval(a.positional[1], ctx) : null, ''),
          latency: a.positional[2] ? this.eval(a.positional[2], ctx) : { kind: 'unknown' },
          span: this.span(call),
        });
        return;
      }
      default:
    }
  }

  private connect(link: SstLink, ends: SyntaxNode[], ctx: EvalContext): void {
    for (const end of ends) {
      if (end.name !== 'TupleExpression' && end.name !== 'ParenthesizedExpression') continue;
      const items = significantChildren(end.name === 'ParenthesizedExpression' ? significantChildren(end)[0] ?? end : end);
      if (items.length < 2) continue;
      const obj = this.objectOf(this.input.evaluator.evalSafe(items[0], ctx));
      if (!obj || obj.sst === 'link') continue;
      const e: SstLinkEnd = {
        component: obj.sst === 'component' ? obj.component.order : obj.owner.order,
        slot: obj.sst === 'subcomponent' ? obj.sub.slot : null,
        port: strOr(this.eval(items[1], ctx), ''),
        latency: items[2] ? this.eval(items[2], ctx) : { kind: 'unknown' },
        span: this.span(end),
      };
      link.ends.push(e);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // object creation: the evaluator's hook returns the object a creating call made in the current context

  private hook(call: SyntaxNode, ctx: EvalContext): Val | undefined {
    const kind = this.creationKind(call);
    if (!kind) return undefined;
    const obj = this.objects.get(this.key(call, ctx)) ?? this.create(call, ctx);
    return obj ? { kind: 'obj', obj } : { kind: 'unknown' };
  }

  private creationKind(call: SyntaxNode): 'component' | 'link' | 'subcomponent' | null {
    const callee = call.firstChild;
    if (callee?.name !== 'MemberExpression') return null;
    const text = this.input.text;
    const method = callee.lastChild ? text.slice(callee.lastChild.from, callee.lastChild.to) : '';
    const recv = callee.firstChild ? dottedName(callee.firstChild, text) : null;
    if (recv && this.sstAliases.has(recv)) {
      if (method === 'Component') return 'component';
      if (method === 'Link') return 'link';
      return null;
    }
    return method === 'setSubComponent' ? 'subcomponent' : null;
  }

  private create(call: SyntaxNode, ctx: EvalContext): SstObject | null {
    const key = this.key(call, ctx);
    const existing = this.objects.get(key);
    if (existing) return existing;
    const kind = this.creationKind(call);
    const a = callArgs(call, this.input.text);
    let obj: SstObject | null = null;
    if (kind === 'component') {
      if (this.model.components.length >= MAX_COMPONENTS) throw new TooBig();
      const component: SstComponent = {
        order: this.model.components.length,
        varName: assignedName(call, this.input.text),
        name: a.positional[0] ? this.eval(a.positional[0], ctx) : { kind: 'unknown' },
        type: strOr(a.positional[1] ? this.eval(a.positional[1], ctx) : null, '?'),
        params: [],
        subComponents: [],
        rank: null,
        node: this.loopNode(ctx),
        span: this.span(call),
      };
      this.model.components.push(component);
      obj = { sst: 'component', component };
    } else if (kind === 'link') {
      const link: SstLink = { name: a.positional[0] ? this.eval(a.positional[0], ctx) : { kind: 'unknown' }, ends: [], span: this.span(call) };
      this.model.links.push(link);
      obj = { sst: 'link', link };
    } else if (kind === 'subcomponent') {
      const recvNode = call.firstChild?.firstChild;
      const owner = recvNode ? this.objectOf(this.input.evaluator.evalSafe(recvNode, ctx)) : null;
      const ownerComponent = owner?.sst === 'component' ? owner.component : owner?.sst === 'subcomponent' ? owner.owner : null;
      if (!ownerComponent) return null;
      const index = a.positional[2] ? this.eval(a.positional[2], ctx) : null;
      const sub: SstSubComponent = {
        slot: strOr(a.positional[0] ? this.eval(a.positional[0], ctx) : null, '?'),
        type: strOr(a.positional[1] ? this.eval(a.positional[1], ctx) : null, '?'),
        slotIndex: index?.kind === 'int' ? Number(index.value) : 0,
        params: [],
        span: this.span(call),
      };
      ownerComponent.subComponents.push(sub);
      obj = { sst: 'subcomponent', owner: ownerComponent, sub };
    }
    if (obj) this.objects.set(key, obj);
    return obj;
  }

  /**
   * Identity of a creating call: its position plus the bindings of the loops/functions that enclose it. Frames of
   * other scopes are left out, so a module-level component looked up from inside a loop is the same object.
   */
  private key(call: SyntaxNode, ctx: EvalContext): string {
    const parts: string[] = [String(call.from)];
    for (let p = call.parent; p; p = p.parent) {
      if (p.name !== 'ForStatement' && p.name !== 'FunctionDefinition') continue;
      const frame = ctx.frames.get(p.from);
      if (!frame) continue;
      for (const [name, v] of frame) parts.push(`${p.from}.${name}=${valueKey(v)}`);
    }
    return parts.join('|');
  }

  /** The innermost integer loop variable, which is what `node` means in these scripts. */
  private loopNode(ctx: EvalContext): number | null {
    let best: number | null = null;
    let bestAt = -1;
    for (const [at, frame] of ctx.frames) {
      for (const v of frame.values()) {
        if (v.kind === 'int' && at > bestAt) {
          best = Number(v.value);
          bestAt = at;
        }
      }
    }
    return best;
  }

  private objectOf(v: Val): SstObject | null {
    return v.kind === 'obj' && isSstObject(v.obj) ? v.obj : null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // parameters

  private param(keyNode: SyntaxNode, valueNode: SyntaxNode, ctx: EvalContext): SstParam {
    const p: SstParam = {
      key: strOr(this.eval(keyNode, ctx), this.input.text.slice(keyNode.from, keyNode.to)),
      value: this.eval(valueNode, ctx),
      keySpan: this.span(keyNode),
      valueSpan: this.span(valueNode),
    };
    this.paramSources.set(p, { node: valueNode, ctx });
    const literal = this.literalOf(valueNode);
    if (literal) p.literalSpan = this.span(literal);
    return p;
  }

  /** The string literal a parameter value comes from: the value itself, or the literal a plain name is bound to. */
  private literalOf(node: SyntaxNode): SyntaxNode | null {
    if (node.name === 'String') return node;
    if (node.name !== 'VariableName') return null;
    const bound = this.input.evaluator.reachingValueNode(this.input.text.slice(node.from, node.to), node);
    return bound?.name === 'String' ? bound : null;
  }

  /** Parameters of a dict literal, or of a name bound to one (`params = {...}; comp.addParams(params)`). */
  private paramsOfDict(node: SyntaxNode, ctx: EvalContext): SstParam[] {
    let dict: SyntaxNode | null = node;
    if (node.name === 'VariableName') dict = this.input.evaluator.reachingValueNode(this.input.text.slice(node.from, node.to), node);
    if (dict?.name === 'CallExpression' && dottedName(dict.firstChild!, this.input.text) === 'dict') {
      return this.paramsOfDictCall(dict, ctx);
    }
    if (dict?.name !== 'DictionaryExpression') return [];
    const items = significantChildren(dict);
    const out: SstParam[] = [];
    for (let i = 0; i + 1 < items.length; i += 2) {
      if (items[i].name === '**') break;
      out.push(this.param(items[i], items[i + 1], ctx));
    }
    return out;
  }

  private paramsOfDictCall(call: SyntaxNode, ctx: EvalContext): SstParam[] {
    const a = callArgs(call, this.input.text);
    return [...a.keywords.values()].map(({ name, value }) => {
      const p: SstParam = {
        key: this.input.text.slice(name.from, name.to),
        value: this.eval(value, ctx),
        keySpan: this.span(name),
        valueSpan: this.span(value),
      };
      this.paramSources.set(p, { node: value, ctx });
      return p;
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // gem5 command lines

  private collectCmd(component: SstComponent): void {
    const cmd = component.params.find((p) => p.key === 'cmd');
    if (!cmd) return;
    const text = cmd.value.kind === 'str' ? cmd.value.value : null;
    const source = this.paramSources.get(cmd);
    const pieces = source ? this.cmdPieces(source.node, source.ctx) : null;
    const tokens: CmdToken[] = [];
    const splitHazards: Gem5Cmd['splitHazards'] = [];
    if (text !== null) {
      for (const t of tokenizeWithOffsets(text)) tokens.push(this.tokenSpan(t.text, t.start, t.end, pieces, cmd.valueSpan));
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (ch === "'" || ch === '"' || ch === '\\') splitHazards.push({ char: ch, span: this.tokenSpan(ch, i, i + 1, pieces, cmd.valueSpan).span });
      }
    }
    const split = splitGem5Cmd(tokens, (t) => t.text);
    this.model.gem5Cmds.push({
      component: component.order,
      node: component.node,
      text,
      tokens,
      gem5Options: split.gem5Options,
      script: split.script,
      scriptArgs: split.scriptArgs,
      splitHazards,
      span: cmd.valueSpan,
    });
  }

  /**
   * How the cmd text is assembled from source pieces: for `" ".join([a, b, …])` each element, for a plain string
   * literal the literal itself. Each piece records where its characters start in the cmd text and, when it is a
   * plain literal without escapes, where its characters start in the source (so token spans are exact).
   */
  private cmdPieces(node: SyntaxNode, ctx: EvalContext): CmdPiece[] | null {
    const text = this.input.text;
    let valueNode: SyntaxNode | null = node;
    if (node.name === 'VariableName') valueNode = this.input.evaluator.reachingValueNode(text.slice(node.from, node.to), node);
    if (!valueNode) return null;
    if (valueNode.name === 'String') {
      const lit = literalBody(text, valueNode);
      return lit ? [{ textStart: 0, length: lit.value.length, node: valueNode, sourceStart: lit.bodyStart }] : null;
    }
    if (valueNode.name !== 'CallExpression') return null;
    const callee = valueNode.firstChild;
    if (callee?.name !== 'MemberExpression' || !callee.lastChild || text.slice(callee.lastChild.from, callee.lastChild.to) !== 'join') return null;
    const sep = callee.firstChild ? toPy(this.input.evaluator.evalSafe(callee.firstChild, ctx)) : null;
    let listArg: SyntaxNode | null = callArgs(valueNode, text).positional[0] ?? null;
    if (listArg?.name === 'VariableName') listArg = this.input.evaluator.reachingValueNode(text.slice(listArg.from, listArg.to), listArg);
    if (sep?.kind !== 'str' || !listArg || (listArg.name !== 'ArrayExpression' && listArg.name !== 'TupleExpression')) return null;
    const pieces: CmdPiece[] = [];
    let at = 0;
    for (const el of significantChildren(listArg)) {
      const v = this.eval(el, ctx);
      if (v.kind !== 'str') return null;
      const lit = el.name === 'String' ? literalBody(text, el) : null;
      pieces.push({ textStart: at, length: v.value.length, node: el, sourceStart: lit && lit.value === v.value ? lit.bodyStart : null });
      at += v.value.length + sep.value.length;
    }
    return pieces;
  }

  private tokenSpan(token: string, start: number, end: number, pieces: CmdPiece[] | null, whole: Span): CmdToken {
    const piece = pieces?.find((p) => start >= p.textStart && end <= p.textStart + p.length);
    if (!piece) return { text: token, span: whole, exact: false };
    if (piece.sourceStart !== null) {
      const from = piece.sourceStart + (start - piece.textStart);
      return { text: token, span: this.input.lines.span(from, from + (end - start)), exact: true };
    }
    return { text: token, span: this.span(piece.node), exact: false };
  }

  // -------------------------------------------------------------------------------------------------------------

  private findSstAliases(): void {
    const text = this.input.text;
    for (const st of statementsOf(this.input.tree.topNode)) {
      if (st.name !== 'ImportStatement') continue;
      const src = text.slice(st.from, st.to);
      const m = /^import\s+sst\s+as\s+([A-Za-z_]\w*)/.exec(src);
      if (m) this.sstAliases.add(m[1]);
    }
  }

  private eval(node: SyntaxNode, ctx: EvalContext): PyValue {
    return toPy(this.input.evaluator.evalSafe(node, ctx));
  }

  private span(node: SyntaxNode): Span {
    return this.input.lines.span(node.from, node.to);
  }
}

interface CmdPiece {
  textStart: number;
  length: number;
  node: SyntaxNode;
  sourceStart: number | null;
}

class TooBig extends Error {}

const SST_METHODS = new Set(['addParams', 'addParam', 'setRank', 'setSubComponent', 'connect', 'addLink']);

function isSstObject(o: object): o is SstObject {
  return 'sst' in o;
}

function strOr(v: PyValue | null, fallback: string): string {
  return v?.kind === 'str' ? v.value : fallback;
}

function valueKey(v: Val): string {
  switch (v.kind) {
    case 'int': return v.value.toString();
    case 'str': return JSON.stringify(v.value);
    case 'float': case 'bool': return String(v.value);
    default: return v.kind;
  }
}

/** Later `addParams` of the same key override earlier ones, as in SST. */
function upsert(params: SstParam[], add: SstParam[]): void {
  for (const p of add) {
    const i = params.findIndex((q) => q.key === p.key);
    if (i >= 0) params[i] = p;
    else params.push(p);
  }
}

/** Calls made directly by an expression/assignment statement (the value side), outermost first. */
function topLevelCalls(st: SyntaxNode): SyntaxNode[] {
  if (st.name === 'AssignStatement') {
    const parts = assignmentParts(st);
    return parts?.value.name === 'CallExpression' ? [parts.value] : [];
  }
  const first = significantChildren(st)[0];
  return first?.name === 'CallExpression' ? [first] : [];
}

function assignedName(call: SyntaxNode, text: string): string | null {
  const st = call.parent;
  if (st?.name !== 'AssignStatement') return null;
  const parts = assignmentParts(st);
  const t = parts?.targets[0];
  return t && t.length === 1 && t[0].name === 'VariableName' ? text.slice(t[0].from, t[0].to) : null;
}

/** The body of a plain (non-f, non-byte) string literal whose source characters equal its value, or null. */
function literalBody(text: string, node: SyntaxNode): { value: string; bodyStart: number } | null {
  const raw = text.slice(node.from, node.to);
  const value = decodeStringLiteral(raw);
  if (value === null) return null;
  const m = /^([rRuU]?)('''|"""|'|")/.exec(raw);
  if (!m) return null;
  const bodyStart = node.from + m[0].length;
  const body = text.slice(bodyStart, node.to - m[2].length);
  return body === value ? { value, bodyStart } : null;
}
