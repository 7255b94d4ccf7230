/**
 * ../shared/corpus beside the repository (read-only real scripts), as CI has it; GEM5SST_SHARED points elsewhere
 * (e.g. from a git worktree). Tests that need it skip when it is absent.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS = join(process.env.GEM5SST_SHARED ?? resolve(__dirname, '..', '..', '..', 'shared'), 'corpus');

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
