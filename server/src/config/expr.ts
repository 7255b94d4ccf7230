/**
 * `Expr`: a piece of script source that can be evaluated later with the argparse values of a particular run.
 */
import type { SyntaxNode } from '@lezer/common';
import { truthy, type Evaluator } from './evaluator';
import type { LineIndex } from './lineIndex';
import type { ArgValues, Expr, PyValue, Span } from './types';

const NO_ARGS = {};

export class NodeExpr implements Expr {
  readonly span: Span;
  readonly text: string;
  private readsCache: readonly string[] | null = null;
  private readonly results = new WeakMap<object, PyValue>();

  constructor(
    private readonly evaluator: Evaluator,
    /** The syntax node, for extractors in this module; other areas use span/text/evaluate. */
    readonly node: SyntaxNode,
    lines: LineIndex,
  ) {
    this.span = lines.span(node.from, node.to);
    this.text = evaluator.text.slice(node.from, node.to);
  }

  get reads(): readonly string[] {
    return (this.readsCache ??= this.evaluator.reads(this.node));
  }

  evaluate(args?: ArgValues): PyValue {
    const key = args ?? NO_ARGS;
    let r = this.results.get(key);
    if (!r) {
      r = this.evaluator.evalPy(this.node, args);
      this.results.set(key, r);
    }
    return r;
  }
}

/** Evaluates every guard with `args`: true/false when all are known, null when any is unknown. */
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
