// The SST scripts of ../shared/corpus as jobs for runCPython (and for the model's side of the differential test).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Job } from './cpythonGraph';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** ../shared/corpus beside the repository (GEM5SST_CORPUS overrides it, e.g. in a worktree); null when absent. */
export function findCorpus(): string | null {
  const dir = process.env.GEM5SST_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus');
  return fs.existsSync(dir) ? dir : null;
}

// Model options (what a user passes after `--`) for scripts that need them: the first case of each in
// sst-elements' testsuite_default_memHierarchy_coherence.py, with its output directory as "out".
// Without them test_coherence_2core_3level.py exits with -1 and the other two build nothing.
export const MODEL_OPTIONS: Record<string, string[]> = {
  'sst-elements-memHierarchy-tests/test_coherence_none.py': ['0', '476', 'out'],
  'sst-elements-memHierarchy-tests/test_coherence_2core_3level.py': ['0', '9067', '935', 'mesi', 'yes', 'out'],
  'sst-elements-memHierarchy-tests/test_coherence_4core_5level.py': ['0', '1047', '3254', '5371', '4553', 'mesi', 'yes', 'out'],
};

const IMPORTS_SST = /^[ \t]*(?:import[ \t]+sst\b|from[ \t]+sst\b)/m;

/** Every .py file under `corpus` that imports sst, in path order, run from its own folder as SST would be. */
export function corpusSstJobs(corpus: string): Job[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.py') && IMPORTS_SST.test(fs.readFileSync(p, 'utf8'))) files.push(p);
    }
  };
  walk(corpus);
  return files.sort().map((script) => ({
    script,
    cwd: path.dirname(script),
    argv: MODEL_OPTIONS[path.relative(corpus, script).split(path.sep).join('/')] ?? [],
  }));
}
