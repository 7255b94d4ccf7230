/**
 * A gem5-checkout-sized workspace for the benchmarks: the real corpus at its own paths (so `cmd` paths and imports
 * resolve), then copies of its Python files in a synthetic tree until the workspace holds `files` scripts.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, copyFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

/** The shared corpus beside the checkout (../shared/corpus from /work/main, ../../shared from a worktree); GEM5_SST_CORPUS overrides. */
const REPO = resolve(__dirname, '..', '..');
export const CORPUS = process.env.GEM5_SST_CORPUS
  ?? [join(REPO, '..', 'shared', 'corpus'), join(REPO, '..', '..', 'shared', 'corpus')].find((d) => existsSync(d))
  ?? join(REPO, '..', 'shared', 'corpus');

async function pythonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await pythonFiles(p)));
    else if (e.name.endsWith('.py')) out.push(p);
  }
  return out.sort();
}

/** Copies the corpus into `root` and fills `root/synthetic/dNN/` with corpus copies up to `files` Python files. */
export async function corpusTree(root: string, files: number): Promise<{ scripts: number }> {
  if (!existsSync(CORPUS)) throw new Error(`the script corpus is not at ${CORPUS}: set GEM5_SST_CORPUS to its directory`);
  await cp(CORPUS, root, { recursive: true });
  const sources = await pythonFiles(CORPUS);
  let count = sources.length;
  for (let i = 0; count < files; i++) {
    const src = sources[i % sources.length];
    const dir = join(root, 'synthetic', `d${String(Math.floor(i / 40)).padStart(2, '0')}`);
    await mkdir(dir, { recursive: true });
    await copyFile(src, join(dir, `${i}_${relative(CORPUS, src).replace(/[\\/]/g, '_')}`));
    count++;
  }
  return { scripts: count };
}
