/**
 * Which simulator a script is for, from its imports: `m5`/`gem5` → gem5, `sst` → SST, anything else → other.
 * A cheap text pre-check lets a workspace scan skip unrelated Python files without parsing them.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { children, statementsOf } from './syntax';

export type ScriptKind = 'gem5' | 'sst' | 'other';

const MAYBE_RELEVANT = /^[ \t]*(?:from|import)[ \t]+(?:m5|gem5|sst)\b/m;

/** False when the text certainly imports none of m5, gem5, sst (no parse needed). */
export function mayBeSimulatorScript(text: string): boolean {
  return MAYBE_RELEVANT.test(text);
}

/** Imported top-level module names of the statements at module level (including inside top-level if/try). */
export function importedModules(tree: Tree, text: string): Set<string> {
  const out = new Set<string>();
  for (const st of statementsOf(tree.topNode)) addImports(st, text, 0, out);
  return out;
}

/** What one module-level statement adds to importedModules (its own imports, and those of its if/try/with bodies). */
export function statementImports(st: SyntaxNode, text: string): string[] {
  const out = new Set<string>();
  addImports(st, text, 0, out);
  return [...out];
}

/** `st` is a statement of a container `depth` levels below the module (0: a module-level statement). */
function addImports(st: SyntaxNode, text: string, depth: number, out: Set<string>): void {
  if (st.name === 'ImportStatement') {
    const parts = children(st);
    if (parts[0]?.name === 'from') {
      const first = parts[1];
      if (first?.name === 'VariableName') out.add(text.slice(first.from, first.to));
    } else {
      let expectName = true;
      for (const p of parts.slice(1)) {
        if (p.name === 'VariableName' && expectName) {
          out.add(text.slice(p.from, p.to));
          expectName = false;
        } else if (p.name === ',') expectName = true;
      }
    }
  } else if (depth < 2 && (st.name === 'IfStatement' || st.name === 'TryStatement' || st.name === 'WithStatement')) {
    for (const b of st.getChildren('Body')) for (const inner of statementsOf(b)) addImports(inner, text, depth + 1, out);
  }
}

/** The simulator a script is for, from the modules it imports. */
export function kindOfImports(mods: ReadonlySet<string>): ScriptKind {
  if (mods.has('sst')) return 'sst';
  if (mods.has('m5') || mods.has('gem5')) return 'gem5';
  return 'other';
}

export function detectKind(tree: Tree, text: string): ScriptKind {
  if (!mayBeSimulatorScript(text)) return 'other';
  return kindOfImports(importedModules(tree, text));
}
