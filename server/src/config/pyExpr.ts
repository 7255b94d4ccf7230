/**
 * The little the syntax checker keeps of an expression: its AST kind (as CPython names it in "cannot assign to
 * %s"), its token range, and the children that assignment-target checks look into.
 */

export type ExprKind =
  | 'Name' | 'Attribute' | 'Subscript' | 'Starred' | 'List' | 'Tuple' | 'Lambda' | 'Call' | 'BinOp' | 'BoolOp'
  | 'UnaryOp' | 'GeneratorExp' | 'Yield' | 'Await' | 'ListComp' | 'SetComp' | 'DictComp' | 'Dict' | 'Set'
  | 'JoinedStr' | 'Constant' | 'True' | 'False' | 'None' | 'Ellipsis' | 'Compare' | 'IfExp' | 'NamedExpr';

export interface Expr {
  kind: ExprKind;
  /** Token indices of the first and last token. */
  first: number;
  last: number;
  elts?: Expr[];
  /** For Compare: whether the first operator is `in` (the `for a in b` case). */
  firstOpIn?: boolean;
  /** For Starred and Attribute/Subscript checks: the operand. */
  value?: Expr;
  /** True when written inside parentheses of its own: `(a)`. */
  parenthesized?: boolean;
}

const NAMES: Record<ExprKind, string> = {
  Name: 'name', Attribute: 'attribute', Subscript: 'subscript', Starred: 'starred', List: 'list', Tuple: 'tuple',
  Lambda: 'lambda', Call: 'function call', BinOp: 'expression', BoolOp: 'expression', UnaryOp: 'expression',
  GeneratorExp: 'generator expression', Yield: 'yield expression', Await: 'await expression',
  ListComp: 'list comprehension', SetComp: 'set comprehension', DictComp: 'dict comprehension', Dict: 'dict literal',
  Set: 'set display', JoinedStr: 'f-string expression', Constant: 'literal', True: 'True', False: 'False',
  None: 'None', Ellipsis: 'ellipsis', Compare: 'comparison', IfExp: 'conditional expression',
  NamedExpr: 'named expression',
};

/** CPython's _PyPegen_get_expr_name. */
export function exprName(e: Expr): string {
  return NAMES[e.kind];
}

export type TargetsType = 'star' | 'del' | 'for';

/** CPython's _PyPegen_get_invalid_target: the first sub-expression that cannot be assigned to, or null. */
export function invalidTarget(e: Expr, type: TargetsType): Expr | null {
  switch (e.kind) {
    case 'List':
    case 'Tuple':
      for (const c of e.elts ?? []) {
        const bad = invalidTarget(c, type);
        if (bad) return bad;
      }
      return null;
    case 'Starred':
      if (type === 'del') return e;
      return e.value ? invalidTarget(e.value, type) : null;
    case 'Compare':
      if (type === 'for') return e.firstOpIn && e.elts?.[0] ? invalidTarget(e.elts[0], type) : null;
      return e;
    case 'Name':
    case 'Subscript':
    case 'Attribute':
      return null;
    default:
      return e;
  }
}

/** A single target (augmented assignment, annotation): a name, attribute or subscript. */
export function isSingleTarget(e: Expr): boolean {
  return e.kind === 'Name' || e.kind === 'Attribute' || e.kind === 'Subscript';
}
