/**
 * `Expr`: a piece of script source that can be evaluated later with the argparse values of a particular run.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ExprReads } from './exprReads';
import type { ScriptValues } from './scriptValues';
import type { LineIndex } from './lineIndex';
import type { ArgValues, Expr, PyValue, Span } from './types';

const NO_ARGS = {};

export class NodeExpr implements Expr {
  readonly span: Span;
  readonly text: string;
  // Private (#) so that comparing two models compares what they say, not the interpreter state behind them.
  #readsCache: readonly string[] | null = null;
  readonly #results = new WeakMap<object, PyValue>();
  readonly #values: ScriptValues;
  readonly #readsOf: ExprReads;
  readonly #node: SyntaxNode;

  constructor(
    values: ScriptValues,
    readsOf: ExprReads,
    node: SyntaxNode,
    source: string,
    lines: LineIndex,
  ) {
    this.#values = values;
    this.#readsOf = readsOf;
    this.#node = node;
    this.span = lines.span(node.from, node.to);
    this.text = source.slice(node.from, node.to);
  }

  /**
   * The syntax node, for extractors in this module; other areas use span/text/evaluate. A getter over a private
   * field, so that comparing two models compares what they say (span, text), not the syntax trees behind them.
   */
  get node(): SyntaxNode {
    return this.#node;
  }

  get reads(): readonly string[] {
    return (this.#readsCache ??= this.#readsOf.reads(this.node));
  }

  evaluate(args?: ArgValues): PyValue {
    const key = args ?? NO_ARGS;
    let r = this.#results.get(key);
    if (!r) {
      r = this.#values.valueAt(this.node, args);
      this.#results.set(key, r);
    }
    return r;
  }
}

/** Evaluates every guard with `args`: true/false when all are known, null when any is unknown. */
function truthy(v: PyValue): boolean | null {
  switch (v.kind) {
    case 'int': return v.value !== 0n;
    case 'float': return v.value !== 0;
    case 'str': return v.value.length > 0;
    case 'bool': return v.value;
    case 'none': return false;
    case 'list': return v.items.length > 0;
    case 'dict': return v.entries.length > 0;
    default: return null;
  }
}

export function guardsHold(guards: readonly Expr[] | undefined, polarity: readonly boolean[] | undefined, args?: ArgValues): boolean | null {
  if (!guards || guards.length === 0) return true;
  let unknown = false;
  for (let i = 0; i < guards.length; i++) {
    const v = guards[i].evaluate(args);
    const t = truthy(v);
    if (t === null) {
      unknown = true;
      continue;
    }
    if (t !== (polarity?.[i] ?? true)) return false;
  }
  return unknown ? null : true;
}
