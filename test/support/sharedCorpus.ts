/**
 * The read-only corpus of real user scripts (../shared/corpus beside the clone on CI; beside the worktree folder when
 * the clone is a worktree), or null when absent — tests that need it skip then.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli';

export function sharedCorpus(name: string): string | null {
  const bases = [process.env.GEM5SST_CORPUS, join(REPO, '..', 'shared', 'corpus'), join(REPO, '..', '..', 'shared', 'corpus')];
  for (const base of bases) if (base && existsSync(join(base, name))) return join(base, name);
  return null;
}
