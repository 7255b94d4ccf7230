/**
 * The gem5 side of the model: argparse options, checkpoint take/restore calls with the `if` conditions guarding
 * them, memories, processors, boards and workload paths, read from the syntax tree of a gem5 config script.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { ExprReads } from './exprReads';
import { NodeExpr } from './expr';
import type { ScriptValues } from './scriptValues';
import type { ParserRecord } from './interp/domains/stdlib';
import type { LineIndex } from './lineIndex';
import { decodeStringLiteral } from './pyLiteral';
import { optionKey, type OptionMemo } from './optionMemo';
import type { StatementPass } from './statementCache';
import { literalValue } from './scriptValues';
import { openOptionSet, unreadableAddArgument } from './optionSet';
import { emptinessTests } from './emptinessTests';
import { parserSettings } from './parserSettings';
import {
  assignmentParts,
  calleeLastName,
  callArgs,
  dottedName,
  ifBranches,
  significantChildren,
} from './syntax';
import type {
  ArgOption,
  BoardDecl,
  CheckpointUse,
  Expr,
  Gem5ScriptModel,
  MemoryDecl,
  ProcessorDecl,
  PyValue,
  Span,
  SyntaxIssue,
  WorkloadPath,
} from './types';

export interface ExtractionInput {
  path: string;
  text: string;
  tree: Tree;
  lines: LineIndex;
  /** Values of the script's expressions per run (the forward interpreter). */
  values: ScriptValues;
  reads: ExprReads;
  argsVars: ReadonlySet<string>;
  syntaxErrors: SyntaxIssue[];
  /** Options of the previous version of the same document (an open buffer being edited). */
  optionMemo?: OptionMemo;
  /** The module-level statements of this version with what earlier versions read from them (an open buffer). */
  statements?: StatementPass;
}

const PARSE_ARGS = /parse_(?:known_)?args/g;

/**
 * Names bound to `parser.parse_args()` / the first element of `parser.parse_known_args()`. Such an assignment names
 * its callee in the text: only the statements around those words are read, not the whole tree.
 */
export function findArgsVars(tree: Tree, text: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<number>();
  PARSE_ARGS.lastIndex = 0;
  for (let m = PARSE_ARGS.exec(text); m; m = PARSE_ARGS.exec(text)) {
    // The outermost assignment around the word is the one a walk from the top would look at.
    let stmt: SyntaxNode | null = null;
    for (let n: SyntaxNode | null = tree.resolveInner(m.index, 1); n; n = n.parent) if (n.name === 'AssignStatement') stmt = n;
    if (!stmt || seen.has(stmt.from)) continue;
    seen.add(stmt.from);
    const parts = assignmentParts(stmt);
    if (!parts || parts.value.name !== 'CallExpression') continue;
    const last = calleeLastName(parts.value, text);
    if (last !== 'parse_args' && last !== 'parse_known_args') continue;
    for (const target of parts.targets) {
      const first = target[0];
      if (!first) continue;
      if (first.name === 'VariableName') out.add(text.slice(first.from, first.to));
      else if (first.name === 'TupleExpression' || first.name === 'ParenthesizedExpression') {
        const inner = significantChildren(first)[0];
        if (inner?.name === 'VariableName') out.add(text.slice(inner.from, inner.to));
      }
    }
  }
  return out;
}

interface Guard {
  cond: SyntaxNode;
  polarity: boolean;
}

/** Memory classes: which ones bypass the address map, which are interleaved, how many channels. */
const REMOTE_BRIDGES = new Set(['ExternalRemoteMemory', 'OutgoingRequestBridge', 'RemoteMemoryOutgoingBridge']);
const IN_MAP_EXTERNAL = new Set(['ExternalMemory']);
function isMemoryClass(name: string): boolean {
  return (
    REMOTE_BRIDGES.has(name) ||
    IN_MAP_EXTERNAL.has(name) ||
    /^(Single|Dual|Quad|Octo)Channel[A-Za-z0-9_]+$/.test(name) ||
    /ChanneledMemory$/.test(name) ||
    name === 'SimpleMemory' ||
    name === 'HBM2Stack'
  );
}
function channelsOfClass(name: string): number | null {
  if (name.startsWith('SingleChannel')) return 1;
  if (name.startsWith('DualChannel')) return 2;
  if (name.startsWith('QuadChannel')) return 4;
  if (name.startsWith('OctoChannel')) return 8;
  if (REMOTE_BRIDGES.has(name) || IN_MAP_EXTERNAL.has(name) || name === 'SimpleMemory') return 1;
  return null;
}
const PROCESSOR_CLASSES = new Set(['SimpleProcessor', 'SimpleSwitchableProcessor', 'SwitchableProcessor', 'BaseCPUProcessor']);
/**
 * Callee names handleCall reads (a superset: the exact checks follow there). Kept in step with handleCall: the
 * last-name tests it makes are add_argument, checkpoint (m5.checkpoint), save_checkpoint, instantiate/simulate
 * (m5.*), Simulator, set_kernel_disk_workload, CustomWorkload, the memory and processor classes, and *Board.
 */
export const MODEL_CALL = /^(?:add_argument|checkpoint|save_checkpoint|instantiate|simulate|Simulator|set_kernel_disk_workload|CustomWorkload|ExternalRemoteMemory|OutgoingRequestBridge|RemoteMemoryOutgoingBridge|ExternalMemory|(?:Single|Dual|Quad|Octo)Channel[A-Za-z0-9_]+|.*ChanneledMemory|SimpleMemory|HBM2Stack|SimpleProcessor|SimpleSwitchableProcessor|SwitchableProcessor|BaseCPUProcessor|.*Board)$/;

export function extractGem5Model(input: ExtractionInput): Gem5ScriptModel {
  const { text, tree, lines, values, reads } = input;
  const evalPy = (node: SyntaxNode): PyValue => values.valueAt(node);
  const exprCache = new Map<string, NodeExpr>();
  const expr = (node: SyntaxNode): NodeExpr => {
    const key = `${node.from}:${node.to}:${node.type.id}`;
    let e = exprCache.get(key);
    if (!e) exprCache.set(key, (e = new NodeExpr(values, reads, node, text, lines)));
    return e;
  };
  const src = (n: SyntaxNode) => text.slice(n.from, n.to);
  const span = (n: SyntaxNode): Span => lines.span(n.from, n.to);

  const model: Gem5ScriptModel = {
    kind: 'gem5',
    path: input.path,
    options: [],
    checkpointUses: [],
    memories: [],
    processors: [],
    board: null,
    simQuantum: null,
    manualInstantiate: null,
    workloadPaths: [],
    syntaxErrors: input.syntaxErrors,
    boards: [],
    manualCalls: [],
    argsVars: [...input.argsVars],
  };
  const boardMemoryKw = new Map<string, 'local' | 'remote'>(); // memory variable → role given by a board kwarg

  const guardFields = (guards: Guard[]) => ({ guards: guards.map((g) => expr(g.cond)), guardPolarity: guards.map((g) => g.polarity) });

  const addUse = (kind: 'take' | 'restore', api: CheckpointUse['api'], path: SyntaxNode | null, call: SyntaxNode, guards: Guard[]) => {
    model.checkpointUses.push({ kind, api, path: path ? expr(path) : null, ...guardFields(guards), span: span(call) });
  };

  /** A resource argument like `KernelResource("/x")` or `obtain_resource("id")`: the path/id expression. */
  const resourcePath = (value: SyntaxNode): SyntaxNode => {
    if (value.name === 'CallExpression') {
      const last = calleeLastName(value, text);
      if (last && /Resource$|^obtain_resource$|^Path$/.test(last)) {
        const a = callArgs(value, text);
        const first = a.keywords.get('local_path')?.value ?? a.positional[0];
        if (first) return first;
      }
    }
    return value;
  };
  const workloadRole = (key: string): WorkloadPath['role'] | null => {
    if (key === 'kernel') return 'kernel';
    if (key === 'bootloader') return 'bootloader';
    if (key === 'disk_image') return 'disk';
    if (key === 'readfile') return 'other';
    return null;
  };

  /**
   * Reads one model call into the model. True when what it added is a function of the call's text alone (a
   * literal-only add_argument, or nothing), so a later version with the same statement can keep it.
   */
  const handleCall = (call: SyntaxNode, guards: Guard[]): boolean => {
    const callee = call.firstChild;
    if (!callee) return true;
    const last = calleeLastName(call, text);
    // Most calls of a script (helpers, print, range) are none of these: skip them before reading their arguments.
    if (!last || !MODEL_CALL.test(last)) return true;
    if (last === 'add_argument') {
      const { option, reusable } = memoisedAddArgument(call);
      const unreadable = option ? unreadableAddArgument(call, text, lines) : `an add_argument call whose option names the model cannot read (line ${lines.positionAt(call.from).line + 1})`;
      if (option) model.options.push(option);
      // An open option set is read again on every version: a kept statement would not set it.
      if (unreadable) model.optionsOpen ??= unreadable;
      return reusable && !unreadable;
    }
    readModelCall(call, callee, last, guards);
    return false;
  };

  const readModelCall = (call: SyntaxNode, callee: SyntaxNode, last: string, guards: Guard[]) => {
    const dotted = dottedName(callee, text);
    const a = callArgs(call, text);
    if (dotted === 'm5.checkpoint') {
      addUse('take', 'm5.checkpoint', a.positional[0] ?? a.keywords.get('dir')?.value ?? null, call, guards);
      return;
    }
    if (last === 'save_checkpoint') {
      addUse('take', 'save_checkpoint', a.positional[0] ?? a.keywords.get('checkpoint_dir')?.value ?? null, call, guards);
      return;
    }
    if (dotted === 'm5.instantiate' || dotted === 'm5.simulate') {
      if (!model.manualInstantiate) model.manualInstantiate = span(call);
      model.manualCalls.push({ span: span(call), ...guardFields(guards) });
      if (dotted === 'm5.instantiate') addUse('restore', 'm5.instantiate', a.positional[0] ?? a.keywords.get('ckpt_dir')?.value ?? null, call, guards);
      return;
    }
    if (last === 'Simulator') {
      const cp = a.keywords.get('checkpoint_path');
      if (cp) addUse('restore', 'Simulator(checkpoint_path)', cp.value, call, guards);
      return;
    }
    if (last === 'set_kernel_disk_workload') {
      const cp = a.keywords.get('checkpoint');
      if (cp) addUse('restore', 'set_kernel_disk_workload(checkpoint)', resourcePath(cp.value), call, guards);
      for (const [k, v] of a.keywords) {
        const role = workloadRole(k);
        if (role) model.workloadPaths.push({ role, value: expr(resourcePath(v.value)) });
      }
      return;
    }
    if (last === 'CustomWorkload') {
      const fn = a.keywords.get('function')?.value ?? a.positional[0];
      const params = a.keywords.get('parameters')?.value ?? a.positional[1];
      if (!fn || !params || params.name !== 'DictionaryExpression') return;
      if (decodeStringLiteral(src(fn)) !== 'set_kernel_disk_workload') return;
      const parts = significantChildren(params);
      for (let i = 0; i + 1 < parts.length; i += 2) {
        if (parts[i].name === '**') continue;
        const key = decodeStringLiteral(src(parts[i]));
        if (key === null) continue;
        if (key === 'checkpoint') addUse('restore', 'set_kernel_disk_workload(checkpoint)', resourcePath(parts[i + 1]), call, guards);
        const role = workloadRole(key);
        if (role) model.workloadPaths.push({ role, value: expr(resourcePath(parts[i + 1])) });
      }
      return;
    }
    if (isMemoryClass(last)) {
      model.memories.push(memoryDecl(call, last, guards));
      return;
    }
    if (PROCESSOR_CLASSES.has(last)) {
      const kwOr = (name: string) => a.keywords.get(name)?.value ?? null;
      let cpu = kwOr('cpu_type') ?? kwOr('starting_core_type');
      if (!cpu && a.positional[0]) cpu = a.positional[0];
      let cores = kwOr('num_cores');
      if (!cores) {
        const p = a.positional.slice(1).find((n) => !/^(?:\w+\.)*ISA\./.test(src(n)));
        if (p) cores = p;
      }
      const decl: ProcessorDecl = {
        className: last,
        cpuType: cpu ? expr(cpu) : null,
        switchCpuType: kwOr('switch_core_type') ? expr(kwOr('switch_core_type') as SyntaxNode) : null,
        numCores: cores ? expr(cores) : null,
        span: span(call),
        ...guardFields(guards),
      };
      model.processors.push(decl);
      return;
    }
    if (/Board$/.test(last) && last !== 'AbstractBoard') {
      const keywords: Record<string, Expr> = {};
      for (const [k, v] of a.keywords) keywords[k] = expr(v.value);
      const platformNode = a.keywords.get('platform')?.value ?? null;
      const releaseNode = a.keywords.get('release')?.value ?? null;
      for (const [k, v] of a.keywords) {
        if (v.value.name !== 'VariableName') continue;
        if (k === 'remote_memory') boardMemoryKw.set(src(v.value), 'remote');
        if (k === 'memory' || k === 'local_memory') boardMemoryKw.set(src(v.value), 'local');
      }
      const board: BoardDecl = {
        className: last,
        platform: platformNode ? objectClassName(platformNode) : null,
        release: releaseNode ? releaseText(releaseNode) : null,
        clockFrequency: a.keywords.get('clk_freq') ? expr((a.keywords.get('clk_freq') as { value: SyntaxNode }).value) : null,
        span: span(call),
        keywords,
        ...guardFields(guards),
      };
      model.boards?.push(board);
      if (!model.board) model.board = board;
    }
  };

  /** Class name of an object expression: `VExpress_GEM5_V1()` or a variable bound to one. */
  const objectClassName = (node: SyntaxNode): string | null => {
    if (node.name === 'CallExpression') return calleeLastName(node, text);
    if (node.name === 'VariableName') {
      const value = assignedValueAt(src(node), node);
      return value && value.name === 'CallExpression' ? calleeLastName(value, text) : null;
    }
    return null;
  };
  const releaseText = (node: SyntaxNode): string => {
    let n: SyntaxNode | null = node;
    if (n.name === 'VariableName') n = assignedValueAt(src(n), n) ?? n;
    if (n.name === 'CallExpression') {
      const d = n.firstChild ? dottedName(n.firstChild, text) : null;
      if (d && /(^|\.)for_kvm$/.test(d)) return 'for_kvm';
    }
    return src(n);
  };
  const assignedCache = new Map<string, { statement: SyntaxNode; value: SyntaxNode }[]>();
  /** Every `name = value` in the file, in text order. */
  const assignmentsOf = (name: string): { statement: SyntaxNode; value: SyntaxNode }[] => {
    let found = assignedCache.get(name);
    if (found) return found;
    found = [];
    const out = found;
    tree.iterate({
      enter(ref) {
        if (ref.name !== 'AssignStatement') return undefined;
        const parts = assignmentParts(ref.node);
        if (parts?.value && parts.targets.some((t) => t.length === 1 && t[0].name === 'VariableName' && src(t[0]) === name)) out.push({ statement: ref.node, value: parts.value });
        return undefined;
      },
    });
    assignedCache.set(name, found);
    return found;
  };
  /**
   * The value node the name holds where `use` reads it: its only assignment in the file, or (darchr's
   * `r = [...]; r = AddrRange(r[0], r[1])`) the last assignment before the use in a block that holds the use, so that
   * it surely ran last — not one in a branch, nor across a function body (which runs when called); else null.
   */
  const assignedValueAt = (name: string, use: SyntaxNode): SyntaxNode | null => {
    const all = assignmentsOf(name);
    if (all.length === 1) return all[0].value;
    const before = all.filter((a) => a.statement.to <= use.from);
    const last = before[before.length - 1];
    const block = last?.statement.parent;
    if (!last || !block || use.from < block.from || use.to > block.to) return null;
    for (let n: SyntaxNode | null = use.parent; n && n !== block; n = n.parent) {
      if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition' || n.name === 'LambdaExpression') return null;
    }
    return last.value;
  };

  const memoryDecl = (call: SyntaxNode, className: string, guards: Guard[]): MemoryDecl => {
    const a = callArgs(call, text);
    const kw = (n: string) => a.keywords.get(n)?.value ?? null;
    const parent = call.parent;
    let varName: string | null = null;
    if (parent?.name === 'AssignStatement') {
      const parts = assignmentParts(parent);
      const t = parts?.targets[0];
      if (t && t.length === 1 && t[0].name === 'VariableName' && parts?.value === call) varName = src(t[0]);
      else if (t && t.length === 1 && t[0].name === 'VariableName') varName = src(t[0]);
    }
    let role: MemoryDecl['role'] = REMOTE_BRIDGES.has(className) || IN_MAP_EXTERNAL.has(className) || /^Remote/.test(className) ? 'remote' : 'local';
    // Passed directly as a board keyword: `remote_memory=...` / `memory=...`.
    if (parent?.name === 'ArgList') {
      const prev = call.prevSibling?.prevSibling;
      if (prev?.name === 'VariableName') {
        const k = src(prev);
        if (k === 'remote_memory') role = 'remote';
        else if (k === 'memory' || k === 'local_memory') role = 'local';
      }
    }
    let size = kw('size');
    if (!size && /^(Single|Dual|Quad|Octo)Channel/.test(className) && a.positional[0]) size = a.positional[0];
    let rangeNode = kw('addr_range') ?? kw('range');
    if (!rangeNode && a.positional[0] && REMOTE_BRIDGES.has(className) && a.positional[0].name === 'CallExpression') rangeNode = a.positional[0];
    let addrRange: MemoryDecl['addrRange'] = null;
    if (rangeNode && rangeNode.name === 'VariableName') rangeNode = assignedValueAt(src(rangeNode), rangeNode) ?? rangeNode;
    if (rangeNode && rangeNode.name === 'CallExpression' && calleeLastName(rangeNode, text) === 'AddrRange') {
      const ra = callArgs(rangeNode, text);
      const start = ra.keywords.get('start')?.value ?? ra.positional[0];
      const end = ra.keywords.get('end')?.value ?? ra.positional[1] ?? null;
      const sz = ra.keywords.get('size')?.value ?? null;
      if (start) addrRange = { start: expr(start), end: end ? expr(end) : null, size: sz ? expr(sz) : null, span: span(rangeNode) };
    }
    let channels = channelsOfClass(className);
    const chNode = kw('num_channels') ?? (/ChanneledMemory$/.test(className) ? a.positional[1] ?? null : null);
    if (chNode) {
      const v = evalPy(chNode);
      channels = v.kind === 'int' ? Number(v.value) : null;
    }
    let inAddrMap: boolean | null = REMOTE_BRIDGES.has(className) ? false : true;
    const inMap = kw('in_addr_map');
    if (inMap) {
      const v: PyValue = evalPy(inMap);
      inAddrMap = v.kind === 'bool' ? v.value : null;
    }
    const interleaved = REMOTE_BRIDGES.has(className) ? false : channels === null ? null : channels > 1;
    return {
      className,
      varName,
      role,
      size: size ? expr(size) : null,
      addrRange,
      inAddrMap,
      interleaved,
      channels,
      span: span(call),
      ...guardFields(guards),
    };
  };

  const memo = input.optionMemo;
  memo?.nextVersion();
  /** The option of an `add_argument` call; `reusable` when it is a function of the call's text and place alone. */
  const memoisedAddArgument = (call: SyntaxNode): { option: ArgOption | null; reusable: boolean } => {
    if (!memo) {
      const { option, literalOnly } = parseAddArgument(call);
      return { option, reusable: literalOnly };
    }
    const at = lines.positionAt(call.from);
    const key = optionKey(call, text, at.line, at.character);
    const kept = key === null ? undefined : memo.get(key);
    if (kept) return { option: kept, reusable: true };
    const { option, literalOnly } = parseAddArgument(call);
    if (option && key !== null && literalOnly) memo.set(key, option);
    return { option, reusable: key !== null && literalOnly };
  };

  /** The option an `add_argument` call declares; `literalOnly` when no value needed a run of the script. */
  const parseAddArgument = (call: SyntaxNode): { option: ArgOption | null; literalOnly: boolean } => {
    let literalOnly = true;
    const a = callArgs(call, text);
    const flags: string[] = [];
    const flagSpans: Span[] = [];
    for (const p of a.positional) {
      const s = p.name === 'String' ? decodeStringLiteral(src(p)) : null;
      if (s === null) return { option: null, literalOnly };
      flags.push(s);
      flagSpans.push(span(p));
    }
    if (flags.length === 0) return { option: null, literalOnly };
    const kw = (n: string) => a.keywords.get(n)?.value ?? null;
    const value = (n: string): PyValue | null => {
      const node = kw(n);
      if (!node) return null;
      // The same value evalPy gives; a value that is not a literal needs a run, which the memo cannot key.
      const literal = literalValue(node, text);
      if (literal) return literal;
      literalOnly = false;
      return evalPy(node);
    };
    const typeNode = kw('type');
    const typeName = typeNode ? src(typeNode) : null;
    // Any other type= (a lambda, a helper) converts to a value the model does not compute: unknown, not the string.
    const type: ArgOption['type'] = typeName === 'str' || typeName === 'int' || typeName === 'float' ? typeName : typeName === null ? null : 'opaque';
    const choicesV = value('choices');
    const actionV = value('action');
    const nargsV = value('nargs');
    const helpV = value('help');
    const requiredV = value('required');
    const destV = value('dest');
    let dest: string;
    if (destV?.kind === 'str') dest = destV.value;
    else {
      const long = flags.find((f) => f.startsWith('--'));
      const chosen = long ?? flags[0];
      dest = chosen.startsWith('-') ? chosen.replace(/^-+/, '').replace(/-/g, '_') : chosen;
    }
    const option: ArgOption = {
      flags,
      flagSpans,
      dest,
      type,
      choices: choicesV ? (choicesV.kind === 'list' ? choicesV.items : choicesV.kind === 'dict' ? choicesV.entries.map(([k]) => k) : null) : null,
      default: value('default') ?? { kind: 'none' },
      required: requiredV?.kind === 'bool' ? requiredV.value : false,
      action: actionV?.kind === 'str' ? actionV.value : kw('action') ? src(kw('action') as SyntaxNode) : null,
      nargs: nargsV ? (nargsV.kind === 'int' ? Number(nargsV.value) : nargsV.kind === 'str' ? nargsV.value : null) : null,
      help: helpV?.kind === 'str' ? helpV.value : null,
      span: span(call),
    };
    return { option, literalOnly };
  };

  /**
   * The calls handleCall reads and the `sim_quantum` assignments in [from, to), found from their names in the text
   * (no walk over the whole tree), in the order a walk over the tree would meet them. True when all it added is a
   * function of the text alone (see handleCall).
   */
  const readSites = (from: number, to: number): boolean => {
    let reusable = true;
    for (const site of modelSites(tree, text, from, to)) {
      const guards = guardsAt(site.node);
      if (!guards) continue; // a place the walk does not read (inside a string, an `if` part that is no branch)
      if (site.kind === 'call') {
        if (!handleCall(site.node, guards)) reusable = false;
        continue;
      }
      reusable = false;
      if (model.simQuantum) continue;
      const parts = assignmentParts(site.node);
      for (const t of parts?.targets ?? []) {
        const d = t.length === 1 ? t[0] : null;
        if (d?.name === 'MemberExpression' && d.lastChild && src(d.lastChild) === 'sim_quantum') model.simQuantum = span(site.node);
      }
    }
    return reusable;
  };

  const pass = input.statements;
  if (!pass) readSites(0, text.length);
  // Statement by statement, in order (the sites of each lie inside it): a statement an edit did not touch gives the
  // options it gave before; the others are read and, when all they gave is a function of their text, kept.
  else for (const st of pass.statements) {
    if (st.skipped && !st.error) continue; // a Comment or ':': no call in it
    const kept = pass.optionsAt(st);
    if (kept) {
      model.options.push(...kept);
      continue;
    }
    const before = model.options.length;
    const reusable = readSites(st.from, st.to);
    if (kept === undefined) pass.setOptions(st, reusable ? model.options.slice(before) : null);
  }

  const open = openOptionSet(tree, text, lines, pass);
  // The run may have seen what the text alone does not (a parser handed to gem5's common/Options.py through
  // addToPath, options added in a loop): its one parser, complete, holds every option.
  const complete = open ? completeParserOptions(values.parsers(), model.options) : null;
  if (complete) model.options.push(...complete);
  else if (open) model.optionsOpen ??= open;
  if (/\.parse_known_args\s*\(/.test(text)) model.knownArgsOnly = true;

  model.emptinessTests = emptinessTests(tree, text, lines, reads);
  const parser = parserSettings(tree, text, lines, model.options);
  if (parser) model.parserSettings = parser;

  for (const m of model.memories) {
    if (m.varName && boardMemoryKw.has(m.varName) && !REMOTE_BRIDGES.has(m.className) && !IN_MAP_EXTERNAL.has(m.className)) {
      m.role = boardMemoryKw.get(m.varName) ?? m.role;
    }
  }
  return model;
}

/** Where in the text a model call's name may be: every identifier MODEL_CALL accepts, and `sim_quantum`. */
const SITE_NAME = /(?:add_argument|checkpoint|instantiate|simulate|Simulator|set_kernel_disk_workload|CustomWorkload|Memory|Bridge|Channel|HBM2Stack|Processor|Board|sim_quantum)/g;

interface ModelSite {
  kind: 'call' | 'assign';
  node: SyntaxNode;
}

/**
 * The CallExpressions whose callee's last name MODEL_CALL accepts, and the AssignStatements that mention
 * `sim_quantum`, whose name starts in [from, to), in pre-order (by start, outer before inner). Every such callee name contains one of SITE_NAME's
 * words, so searching the text for those words finds them all; the tree then says what each occurrence is.
 */
export function modelSites(tree: Tree, text: string, from = 0, to = text.length): ModelSite[] {
  const found = new Map<string, ModelSite>();
  SITE_NAME.lastIndex = from;
  for (let m = SITE_NAME.exec(text); m && m.index < to; m = SITE_NAME.exec(text)) {
    const at = m.index;
    const leaf = tree.resolveInner(at, 1);
    if (m[0] === 'sim_quantum') {
      for (let n: SyntaxNode | null = leaf; n; n = n.parent) {
        if (n.name === 'AssignStatement') {
          found.set(`${n.from}:${n.to}:a`, { kind: 'assign', node: n });
          break;
        }
      }
      continue;
    }
    if (leaf.name !== 'VariableName' && leaf.name !== 'PropertyName') continue;
    const call = calleeCallOf(leaf);
    if (call) {
      const last = calleeLastName(call, text);
      if (last && MODEL_CALL.test(last)) found.set(`${call.from}:${call.to}:c`, { kind: 'call', node: call });
    }
    SITE_NAME.lastIndex = Math.max(SITE_NAME.lastIndex, leaf.to);
  }
  return [...found.values()].sort((a, b) => a.node.from - b.node.from || b.node.to - a.node.to);
}

/** The call whose callee ends in this name (`name(...)`, `x.name(...)`), or null. */
function calleeCallOf(name: SyntaxNode): SyntaxNode | null {
  const parent = name.parent;
  if (!parent) return null;
  if (name.name === 'VariableName') return parent.name === 'CallExpression' && parent.firstChild?.from === name.from && parent.firstChild.to === name.to ? parent : null;
  if (parent.name !== 'MemberExpression' || parent.lastChild?.from !== name.from) return null;
  const call = parent.parent;
  return call?.name === 'CallExpression' && call.firstChild?.from === parent.from && call.firstChild.to === parent.to ? call : null;
}

/**
 * The `if` conditions guarding a node as a walk from the top would collect them (outer first; the negated
 * conditions of earlier branches, then the branch's own), or null when such a walk never reaches the node: inside a
 * String, Comment or Number, or in a part of an IfStatement that is neither a branch condition nor a branch body.
 */
function guardsAt(node: SyntaxNode): Guard[] | null {
  const levels: Guard[][] = [];
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (n.name === 'String' || n.name === 'Comment' || n.name === 'Number') return null;
    if (n.name !== 'IfStatement') continue;
    const level: Guard[] = [];
    let placed = false;
    for (const br of ifBranches(n)) {
      if (br.cond && same(br.cond, child)) {
        placed = true;
        break;
      }
      if (same(br.body, child)) {
        if (br.cond) level.push({ cond: br.cond, polarity: true });
        placed = true;
        break;
      }
      if (br.cond) level.push({ cond: br.cond, polarity: false });
    }
    if (!placed) return null;
    levels.push(level);
  }
  return levels.reverse().flat();
}

function same(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.from === b.from && a.to === b.to && a.type === b.type;
}

/**
 * The options the script's one parsed, complete parser has beyond `seen` (those read from the text), or null when
 * the run does not settle the option set: no parser or several, one the model lost track of, or one lacking an
 * option the text defines (then the run went another way than the text says).
 */
function completeParserOptions(parsers: readonly ParserRecord[], seen: readonly ArgOption[]): ArgOption[] | null {
  const parsed = parsers.filter((p) => p.parsed);
  if (parsers.length !== 1 || parsed.length !== 1 || parsed[0].lost) return null;
  const key = (o: ArgOption) => `${o.dest}\0${o.flags.join('\0')}`;
  const inRun = new Set(parsed[0].options.map(key));
  if (seen.some((o) => !inRun.has(key(o)))) return null;
  const known = new Set(seen.map(key));
  return parsed[0].options.filter((o) => !known.has(key(o)));
}
