/**
 * Where a gem5 script branches on whether a value is empty (`if args.ckpt_file != "":`, `if not ckpt:`,
 * `x if args.ckpt_dir else None`, `len(p) == 0`, `p is None`): the run inputs each such test reads. A script that
 * tests an option for emptiness has a branch for the empty value, so what it does then (cold-boot, say) is its own
 * explicit choice rather than an accident (GS403). Syntactic: it says where a test is, never what a run does.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { ExprReads } from './exprReads';
import type { LineIndex } from './lineIndex';
import { children, ifBranches } from './syntax';
import type { EmptinessTest } from './types';

const EMPTY_STRING = /^[rRbBuU]?(?:""|'')$/;

/** The operands a condition tests for emptiness (none when it is no emptiness test). */
function testedOperands(cond: SyntaxNode, text: string): SyntaxNode[] {
  const src = (n: SyntaxNode) => text.slice(n.from, n.to);
  const isOperand = (n: SyntaxNode) => n.name === 'MemberExpression' || n.name === 'VariableName' || n.name === 'SubscriptExpression';
  const isEmptyLiteral = (n: SyntaxNode) => (n.name === 'String' && EMPTY_STRING.test(src(n))) || n.name === 'None';
  const parts = children(cond).filter((c) => c.name !== 'Comment');
  switch (cond.name) {
    case 'ParenthesizedExpression':
      return parts.length === 3 ? testedOperands(parts[1], text) : [];
    case 'UnaryExpression':
      return parts[0]?.name === 'not' && parts[1] ? testedOperands(parts[1], text) : [];
    case 'BinaryExpression': {
      if (parts.length === 3 && (parts[1].name === 'and' || parts[1].name === 'or')) {
        return [...testedOperands(parts[0], text), ...testedOperands(parts[2], text)];
      }
      // a == "" / a != "" / "" == a / a is None / a is not None / a == None; len(a) == 0, len(a) > 0, …
      const op = parts.slice(1, -1).map(src).join(' ');
      const [left, right] = [parts[0], parts[parts.length - 1]];
      if (!left || !right || parts.length < 3) return [];
      const lenOf = (n: SyntaxNode): SyntaxNode | null => {
        if (n.name !== 'CallExpression' || !n.firstChild || src(n.firstChild) !== 'len') return null;
        return children(n.lastChild ?? n).find((c) => isOperand(c)) ?? null;
      };
      const len = lenOf(left);
      if (len && right.name === 'Number' && src(right) === '0' && /^(?:==|!=|>|<=)$/.test(op)) return [len];
      if (!/^(?:==|!=|is|is not)$/.test(op)) return [];
      if (isEmptyLiteral(right) && isOperand(left)) return [left];
      if (isEmptyLiteral(left) && isOperand(right)) return [right];
      return [];
    }
    default:
      return isOperand(cond) ? [cond] : [];
  }
}

/** Every `if`/`elif` and conditional-expression test of emptiness in the file, with the run inputs it reads. */
export function emptinessTests(tree: Tree, text: string, lines: LineIndex, reads: ExprReads): EmptinessTest[] {
  const out: EmptinessTest[] = [];
  const add = (cond: SyntaxNode) => {
    for (const operand of testedOperands(cond, text)) {
      const dests = reads.reads(operand);
      if (dests.length) out.push({ dests, span: lines.span(cond.from, cond.to) });
    }
  };
  tree.iterate({
    enter(ref) {
      if (ref.name === 'IfStatement') {
        for (const b of ifBranches(ref.node)) if (b.cond) add(b.cond);
      } else if (ref.name === 'ConditionalExpression') {
        const parts = children(ref.node);
        const at = parts.findIndex((p) => p.name === 'if');
        if (at >= 0 && parts[at + 1]) add(parts[at + 1]);
      }
      return undefined;
    },
  });
  return out;
}
