/**
 * The values a gem5 script's expressions take in a run, from the forward interpreter: the script is run once per
 * distinct set of argument values, recording what every expression of the main file evaluated to; an expression
 * that took different values (a loop, a function called twice) or was never reached is unknown.
 */
import type { SyntaxNode } from '@lezer/common';
import { valueToPy } from './interp/builtins';
import type { ModuleLoader, ModuleSource } from './interp/interpreter';
import { runScript } from './interp/run';
import type { ParserRecord } from './interp/domains/stdlib';
import type { Value } from './interp/values';
import { decodeNumberLiteral, decodeStringLiteral } from './pyLiteral';
import { significantChildren } from './syntax';
import type { ArgValues, PyValue } from './types';

const UNKNOWN: PyValue = { kind: 'unknown' };
const MAX_CACHED_RUNS = 128;

export class ScriptValues {
  private readonly runs = new Map<string, Map<number, Value>>();
  private plainParsers: ParserRecord[] | null = null;

  constructor(
    private readonly source: ModuleSource,
    private readonly moduleName: string,
    private readonly loader: ModuleLoader | null,
  ) {}

  /** The value of `node` in the run with `args` (unknown argparse values when `args` is absent). */
  valueAt(node: SyntaxNode, args?: ArgValues): PyValue {
    // A literal has its value in every run: no need to run the script for it (most `default=`/`choices=` values).
    const lit = literalValue(node, this.source.text);
    if (lit) return lit;
    const v = this.run(args).get(nodeKey(node.from, node.to));
    return v ? valueToPy(v) ?? UNKNOWN : UNKNOWN;
  }

  /**
   * The argparse parsers of the run without argument values, with the options each was given (helpers included);
   * none when that run stopped before its end.
   */
  parsers(): readonly ParserRecord[] {
    if (!this.plainParsers) this.run(undefined);
    return this.plainParsers ?? [];
  }

  private run(args: ArgValues | undefined): Map<number, Value> {
    const key = argsKey(args);
    let r = this.runs.get(key);
    if (!r) {
      if (this.runs.size >= MAX_CACHED_RUNS) this.runs.clear();
      const { interp } = runScript({ source: this.source, moduleName: this.moduleName, args, loader: this.loader, recordValues: true });
      r = interp.values;
      // A run that stopped early (an exception, the budget) may not have reached every add_argument.
      if (!args) this.plainParsers = interp.truncated ? [] : interp.argParsers;
      this.runs.set(key, r);
    }
    return r;
  }
}

/**
 * The value of a plain literal (string, number, bool, None, and lists/tuples/dicts of them); null otherwise. Also
 * literals Python folds the same way in every run: strings joined by `+` or written side by side (a help text
 * over two lines), a negated number, a parenthesized literal.
 */
export function literalValue(node: SyntaxNode, text: string, depth = 0): PyValue | null {
  if (depth > 16) return null;
  switch (node.name) {
    case 'ContinuedString':
    case 'BinaryExpression': {
      const parts = significantChildren(node);
      const strings = node.name === 'ContinuedString' ? parts : parts.length === 3 && parts[1].name === 'ArithOp' && text.slice(parts[1].from, parts[1].to) === '+' ? [parts[0], parts[2]] : [];
      let value = '';
      for (const part of strings) {
        const v = literalValue(part, text, depth + 1);
        if (v?.kind !== 'str') return null;
        value += v.value;
      }
      return strings.length ? { kind: 'str', value } : null;
    }
    case 'UnaryExpression': {
      const [op, operand] = significantChildren(node);
      if (!op || text.slice(op.from, op.to) !== '-' || operand?.name !== 'Number' || significantChildren(node).length !== 2) return null;
      const v = decodeNumberLiteral(text.slice(operand.from, operand.to));
      return v?.kind === 'int' ? { kind: 'int', value: -v.value } : v?.kind === 'float' ? { kind: 'float', value: -v.value } : null;
    }
    case 'ParenthesizedExpression': {
      const inner = significantChildren(node);
      return inner.length === 1 ? literalValue(inner[0], text, depth + 1) : null;
    }
    case 'String': {
      const v = decodeStringLiteral(text.slice(node.from, node.to));
      return v === null || /^[bBfF]|^[rR][bBfF]/.test(text.slice(node.from, node.from + 2)) ? null : { kind: 'str', value: v };
    }
    case 'Number': return decodeNumberLiteral(text.slice(node.from, node.to));
    case 'Boolean': return { kind: 'bool', value: text.slice(node.from, node.to) === 'True' };
    case 'None': return { kind: 'none' };
    case 'ArrayExpression':
    case 'TupleExpression': {
      const items: PyValue[] = [];
      for (const c of significantChildren(node)) {
        const v = literalValue(c, text, depth + 1);
        if (!v) return null;
        items.push(v);
      }
      return { kind: 'list', items };
    }
    default: return null;
  }
}

/** One number per (from, to) source range: expressions with the same range have the same value. */
export function nodeKey(from: number, to: number): number {
  return from * 0x200000 + Math.min(to - from, 0x1fffff);
}

function argsKey(args: ArgValues | undefined): string {
  if (!args) return '';
  return JSON.stringify([...args].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
