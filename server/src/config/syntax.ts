/**
 * Small helpers over lezer's Python syntax tree: the shapes (calls, arguments, dotted names, statement lists)
 * that the evaluator and the model extractors read. Node names are @lezer/python's.
 */
import type { SyntaxNode } from '@lezer/common';

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', 'Comment']);

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Children that are not punctuation or comments. */
export function significantChildren(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => !PUNCTUATION.has(c.name));
}

export function isStatementContainer(node: SyntaxNode): boolean {
  return node.name === 'Script' || node.name === 'Body';
}

/** Statements of a Script or Body, in order (punctuation, comments and error markers left out). */
export function statementsOf(container: SyntaxNode): SyntaxNode[] {
  return children(container).filter((c) => c.name !== ':' && c.name !== 'Comment' && !c.type.isError);
}

export interface CallArgs {
  positional: SyntaxNode[];
  keywords: Map<string, { name: SyntaxNode; value: SyntaxNode }>;
  /** `*x` / `**x` arguments make positional/keyword matching incomplete. */
  hasStarArgs: boolean;
}

export function callArgs(call: SyntaxNode, text: string): CallArgs {
  const result: CallArgs = { positional: [], keywords: new Map(), hasStarArgs: false };
  const argList = call.getChild('ArgList');
  if (!argList) return result;
  const parts = children(argList);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.name === '(' || p.name === ')' || p.name === ',' || p.name === 'Comment' || p.type.isError) continue;
    if (p.name === '*' || p.name === '**') {
      result.hasStarArgs = true;
      i++;
      continue;
    }
    const next = parts[i + 1];
    if (p.name === 'VariableName' && next && next.name === 'AssignOp' && parts[i + 2]) {
      result.keywords.set(text.slice(p.from, p.to), { name: p, value: parts[i + 2] });
      i += 2;
      continue;
    }
    result.positional.push(p);
  }
  return result;
}

/** `a.b.c` for VariableName/MemberExpression chains with `.` access only; null for anything else. */
export function dottedName(node: SyntaxNode, text: string): string | null {
  if (node.name === 'VariableName') return text.slice(node.from, node.to);
  if (node.name === 'MemberExpression') {
    const obj = node.firstChild;
    const prop = node.lastChild;
    if (!obj || !prop || prop.name !== 'PropertyName') return null;
    const base = dottedName(obj, text);
    return base === null ? null : base + '.' + text.slice(prop.from, prop.to);
  }
  if (node.name === 'ParenthesizedExpression') {
    const inner = significantChildren(node)[0];
    return inner ? dottedName(inner, text) : null;
  }
  return null;
}

/** Last component of the callee of a call: `Simulator` for `gem5.simulate.Simulator(...)`, `add_argument` for `p.add_argument(...)`. */
export function calleeLastName(call: SyntaxNode, text: string): string | null {
  const callee = call.firstChild;
  if (!callee) return null;
  if (callee.name === 'VariableName') return text.slice(callee.from, callee.to);
  if (callee.name === 'MemberExpression') {
    const prop = callee.lastChild;
    if (prop && prop.name === 'PropertyName') return text.slice(prop.from, prop.to);
  }
  return null;
}

/** For `x.m(...)`, the receiver node `x`; null otherwise. */
export function callReceiver(call: SyntaxNode): SyntaxNode | null {
  const callee = call.firstChild;
  if (!callee || callee.name !== 'MemberExpression') return null;
  const prop = callee.lastChild;
  if (!prop || prop.name !== 'PropertyName') return null;
  return callee.firstChild;
}

/** Assignment targets and value of an AssignStatement (`a = b = v` gives targets [a, b]); null for other shapes. */
export function assignmentParts(stmt: SyntaxNode): { targets: SyntaxNode[][]; value: SyntaxNode } | null {
  if (stmt.name !== 'AssignStatement') return null;
  const parts = children(stmt).filter((c) => c.name !== 'Comment');
  const targets: SyntaxNode[][] = [];
  let current: SyntaxNode[] = [];
  let lastOp = -1;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.name === 'AssignOp') {
      targets.push(current);
      current = [];
      lastOp = i;
    } else if (p.name === 'TypeDef' || p.name === ',') {
      continue;
    } else current.push(p);
  }
  if (lastOp < 0 || current.length === 0) return null;
  // `x = 1, 2` is a tuple value written without parentheses: the value is all nodes after the last `=`.
  const valueNodes = parts.slice(lastOp + 1).filter((p) => p.name !== ',' && p.name !== 'Comment');
  if (valueNodes.length !== 1) return { targets, value: stmt.lastChild as SyntaxNode };
  return { targets, value: valueNodes[0] };
}

/** Value nodes after the last `=` of an assignment (several for `x = a, b`). */
export function assignmentValueNodes(stmt: SyntaxNode): SyntaxNode[] {
  const parts = children(stmt).filter((c) => c.name !== 'Comment');
  let lastOp = -1;
  parts.forEach((p, i) => {
    if (p.name === 'AssignOp') lastOp = i;
  });
  return parts.slice(lastOp + 1).filter((p) => p.name !== ',');
}

/** Names a target list binds: `a`, `a, b`, `(a, b)`, `[a, b]`. Attribute/subscript targets bind no name. */
export function targetNames(target: SyntaxNode[], text: string): string[] {
  const out: string[] = [];
  for (const t of target) {
    if (t.name === 'VariableName') out.push(text.slice(t.from, t.to));
    else if (t.name === 'TupleExpression' || t.name === 'ArrayExpression' || t.name === 'ParenthesizedExpression')
      out.push(...targetNames(significantChildren(t), text));
  }
  return out;
}

/** Branches of an IfStatement in order: condition (null for else) and body. */
export function ifBranches(stmt: SyntaxNode): { cond: SyntaxNode | null; body: SyntaxNode }[] {
  const out: { cond: SyntaxNode | null; body: SyntaxNode }[] = [];
  const parts = children(stmt).filter((c) => c.name !== 'Comment');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.name === 'if' || p.name === 'elif') {
      const cond = parts[i + 1];
      const body = parts[i + 2];
      if (cond && body && body.name === 'Body') out.push({ cond, body });
      else if (cond && cond.name === 'Body') out.push({ cond: null, body: cond });
      i += 2;
    } else if (p.name === 'else') {
      const body = parts[i + 1];
      if (body && body.name === 'Body') out.push({ cond: null, body });
      i += 1;
    }
  }
  return out;
}

/** Loop targets and iterable of a ForStatement. */
export function forParts(stmt: SyntaxNode, text: string): { names: string[]; targets: SyntaxNode[]; iter: SyntaxNode | null; body: SyntaxNode | null } {
  const parts = children(stmt).filter((c) => c.name !== 'Comment');
  const inIdx = parts.findIndex((p) => p.name === 'in');
  const forIdx = parts.findIndex((p) => p.name === 'for');
  const targets = parts.slice(forIdx + 1, inIdx < 0 ? forIdx + 1 : inIdx).filter((p) => p.name !== ',');
  const body = stmt.getChild('Body');
  const iter = inIdx >= 0 ? parts.slice(inIdx + 1).find((p) => p.name !== ',' && p.name !== 'Body') ?? null : null;
  return { names: targetNames(targets, text), targets, iter, body };
}

/** Parameter names of a FunctionDefinition, with their default value nodes. */
export function functionParams(def: SyntaxNode, text: string): { name: string; default: SyntaxNode | null; star: '' | '*' | '**' }[] {
  const list = def.getChild('ParamList');
  if (!list) return [];
  const parts = children(list).filter((c) => c.name !== 'Comment');
  const out: { name: string; default: SyntaxNode | null; star: '' | '*' | '**' }[] = [];
  let star: '' | '*' | '**' = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.name === '*' || p.name === '**') {
      star = p.name;
      continue;
    }
    if (p.name === 'VariableName') {
      let def: SyntaxNode | null = null;
      if (parts[i + 1]?.name === 'AssignOp' && parts[i + 2]) {
        def = parts[i + 2];
        i += 2;
      } else if (parts[i + 1]?.name === 'TypeDef') {
        i += 1;
        if (parts[i + 1]?.name === 'AssignOp' && parts[i + 2]) {
          def = parts[i + 2];
          i += 2;
        }
      }
      out.push({ name: text.slice(p.from, p.to), default: def, star });
      star = '';
    }
  }
  return out;
}

/** Name of a FunctionDefinition/ClassDefinition. */
export function definitionName(def: SyntaxNode, text: string): string | null {
  const n = def.getChild('VariableName');
  return n ? text.slice(n.from, n.to) : null;
}
