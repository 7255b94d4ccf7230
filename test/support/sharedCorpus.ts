/**
 * The read-only corpus of real user scripts (../shared/corpus beside the clone on CI; beside the worktree folder when
 * the clone is a worktree; GEM5SST_CORPUS or GEM5SST_SHARED point elsewhere), or null when absent — tests skip then.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO } from './cli';

export const CORPUS = process.env.GEM5SST_CORPUS ?? join(process.env.GEM5SST_SHARED ?? resolve(__dirname, '..', '..', '..', 'shared'), 'corpus');

export function sharedCorpus(name: string): string | null {
  const bases = [CORPUS, join(REPO, '..', 'shared', 'corpus'), join(REPO, '..', '..', 'shared', 'corpus')];
  for (const base of bases) if (base && existsSync(join(base, name))) return join(base, name);
  return null;
}

export function corpusPresent(): boolean {
  return existsSync(CORPUS);
}

/** Every .py file of the corpus, sorted (stable order for seeded mutations). */
export function corpusScripts(): string[] {
  const walk = (d: string): string[] => readdirSync(d).sort().flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.py') ? [p] : [];
  });
  return walk(CORPUS);
}
