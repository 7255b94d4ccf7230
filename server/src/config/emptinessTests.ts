/**
 * Where a gem5 script has an explicit branch for an empty value: an `if`/`elif` that tests a value for emptiness
 * (`args.ckpt_file != ""`, `not ckpt`, `p is None`, `len(p) == 0`, joined by and/or) and whose branch taken when the
 * value is empty tells the user something (a call statement: `warn("A checkpoint path was not provided!")`, `print`,
 * `fatal`). There the script chooses what an empty value means (cold-boot, say) instead of falling through silently
 * (GS403). A test without such a branch (`if p != "": ckpt = …` alone, `x if p else ""`) is no choice: nothing tells
 * the user. Syntactic: it says where such a branch is, never which one a run takes.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { ExprReads } from './exprReads';
import type { LineIndex } from './lineIndex';
import { children, ifBranches } from './syntax';
import type { EmptinessTest } from './types';

const EMPTY_STRING = /^[rRbBuU]?(?:""|'')$/;

/** An operand a condition tests for emptiness, and the condition's value when that operand is empty (null: unknown). */
interface Tested { operand: SyntaxNode; whenEmpty: boolean | null }

function tested(cond: SyntaxNode, text: string): Tested[] {
  const src = (n: SyntaxNode) => text.slice(n.from, n.to);
  const isOperand = (n: SyntaxNode) => n.name === 'MemberExpression' || n.name === 'VariableName' || n.name === 'SubscriptExpression';
  const isEmptyLiteral = (n: SyntaxNode) => (n.name === 'String' && EMPTY_STRING.test(src(n))) || n.name === 'None';
  const parts = children(cond).filter((c) => c.name !== 'Comment');
  switch (cond.name) {
    case 'ParenthesizedExpression':
      return parts.length === 3 ? tested(parts[1], text) : [];
    case 'UnaryExpression':
      return parts[0]?.name === 'not' && parts[1]
        ? tested(parts[1], text).map((t) => ({ ...t, whenEmpty: t.whenEmpty === null ? null : !t.whenEmpty }))
        : [];
    case 'BinaryExpression': {
      const [left, right] = [parts[0], parts[parts.length - 1]];
      if (!left || !right || parts.length < 3) return [];
      if (parts.length === 3 && (parts[1].name === 'and' || parts[1].name === 'or')) {
        // `a and b` is False when either side is; `a or b` is True when either side is; otherwise it depends.
        const decisive = parts[1].name === 'or';
        return [...tested(left, text), ...tested(right, text)].map((t) => ({ ...t, whenEmpty: t.whenEmpty === decisive ? decisive : null }));
      }
      const op = parts.slice(1, -1).map(src).join(' ');
      const lenOf = (n: SyntaxNode): SyntaxNode | null => {
        if (n.name !== 'CallExpression' || !n.firstChild || src(n.firstChild) !== 'len') return null;
        return children(n.lastChild ?? n).find((c) => isOperand(c)) ?? null;
      };
      const len = lenOf(left);
      if (len && right.name === 'Number' && src(right) === '0') {
        const when = ({ '==': true, '<=': true, '!=': false, '>': false } as Record<string, boolean>)[op];
        return when === undefined ? [] : [{ operand: len, whenEmpty: when }];
      }
      const when = ({ '==': true, is: true, '!=': false, 'is not': false } as Record<string, boolean>)[op];
      if (when === undefined) return [];
      if (isEmptyLiteral(right) && isOperand(left)) return [{ operand: left, whenEmpty: when }];
      if (isEmptyLiteral(left) && isOperand(right)) return [{ operand: right, whenEmpty: when }];
      return [];
    }
    default:
      return isOperand(cond) ? [{ operand: cond, whenEmpty: false }] : [];
  }
}

/** Whether a branch body has a call statement (`warn(…)`, `print(…)`, `logger.info(…)`), at any depth. */
function speaks(body: SyntaxNode): boolean {
  for (let c = body.firstChild; c; c = c.nextSibling) {
    if (c.name === 'ExpressionStatement' && c.firstChild?.name === 'CallExpression') return true;
    if (speaks(c)) return true;
  }
  return false;
}

/** Every `if`/`elif` test of emptiness whose empty-value branch tells the user something, with the inputs it reads. */
export function emptinessTests(tree: Tree, text: string, lines: LineIndex, reads: ExprReads): EmptinessTest[] {
  const out: EmptinessTest[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'IfStatement') return undefined;
      const branches = ifBranches(ref.node);
      branches.forEach((b, k) => {
        if (!b.cond) return;
        for (const t of tested(b.cond, text)) {
          // Empty → this branch's body; not empty → the branches after it (the next elif or the else).
          const taken = t.whenEmpty === true ? [b] : t.whenEmpty === false ? branches.slice(k + 1) : [];
          if (!taken.some((x) => speaks(x.body))) continue;
          const dests = reads.reads(t.operand);
          if (dests.length) out.push({ dests, span: lines.span(b.cond.from, b.cond.to) });
        }
      });
      return undefined;
    },
  });
  return out;
}
