/**
 * Which run inputs an expression depends on (argparse dests via `args.x`, `m5.options.outdir`, `os.getcwd()`),
 * following the names it uses to every statement in the file that binds them. Syntactic and deliberately generous:
 * it decides where a diagnostic points (the option token that gave the value), never a value.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { CWD_KEY, GEM5_OUTDIR_KEY } from './interp/domains/stdlib';
import {
  assignmentParts, assignmentValueNodes, definitionName, dottedName, forParts, ifBranches, statementsOf, targetNames,
} from './syntax';

export class ExprReads {
  private index: Map<string, SyntaxNode[]> | null = null;

  constructor(
    private readonly text: string,
    private readonly tree: Tree,
    private readonly argsVars: ReadonlySet<string>,
  ) {}

  private src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  reads(node: SyntaxNode): string[] {
    const out = new Set<string>();
    const seen = new Set<number>();
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
        for (const st of this.bindings().get(name) ?? []) {
          if (seen.has(st.from)) continue;
          seen.add(st.from);
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

  /** Every statement binding each name, anywhere in the file. */
  private bindings(): Map<string, SyntaxNode[]> {
    if (this.index) return this.index;
    const idx = new Map<string, SyntaxNode[]>();
    const add = (name: string, st: SyntaxNode) => {
      let l = idx.get(name);
      if (!l) idx.set(name, (l = []));
      l.push(st);
    };
    const walk = (container: SyntaxNode) => {
      for (const st of statementsOf(container)) {
        if (st.name === 'AssignStatement') {
          const parts = assignmentParts(st);
          if (parts) for (const t of parts.targets) for (const n of targetNames(t, this.text)) add(n, st);
        } else if (st.name === 'UpdateStatement') {
          if (st.firstChild?.name === 'VariableName') add(this.src(st.firstChild), st);
        } else if (st.name === 'FunctionDefinition') {
          const n = definitionName(st, this.text);
          if (n) add(n, st);
        } else if (st.name === 'ForStatement') {
          for (const n of forParts(st, this.text).names) add(n, st);
        }
        for (const b of st.getChildren('Body')) walk(b);
        const inner = st.name === 'DecoratedStatement' ? st.getChild('FunctionDefinition') ?? st.getChild('ClassDefinition') : null;
        if (inner) {
          if (inner.name === 'FunctionDefinition') {
            const n = definitionName(inner, this.text);
            if (n) add(n, inner);
          }
          const b = inner.getChild('Body');
          if (b) walk(b);
        }
      }
    };
    walk(this.tree.topNode);
    this.index = idx;
    return idx;
  }
}
