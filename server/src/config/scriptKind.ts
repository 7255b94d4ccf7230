/**
 * Which simulator a script is for, from its imports: `m5`/`gem5` → gem5, `sst` → SST, anything else → other.
 * A cheap text pre-check lets a workspace scan skip unrelated Python files without parsing them.
 */
import type { Tree } from '@lezer/common';
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
  const visit = (container: import('@lezer/common').SyntaxNode, depth: number) => {
    for (const st of statementsOf(container)) {
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
        for (const b of st.getChildren('Body')) visit(b, depth + 1);
      }
    }
  };
  visit(tree.topNode, 0);
  return out;
}

export function detectKind(tree: Tree, text: string): ScriptKind {
  if (!mayBeSimulatorScript(text)) return 'other';
  const mods = importedModules(tree, text);
  if (mods.has('sst')) return 'sst';
  if (mods.has('m5') || mods.has('gem5')) return 'gem5';
  return 'other';
}
