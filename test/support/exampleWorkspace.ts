/**
 * A private copy of examples/disaggregated in a temp dir (with its generated take run), so a test can plant one
 * defect and check that exactly the expected diagnostic appears.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateExample } from './generate-example';

export const EXAMPLE_SRC = resolve(__dirname, '..', '..', 'examples', 'disaggregated');

export interface ExampleCopy {
  root: string;
  sst: string;
  gem5: string;
  tasks: string;
  checkpoint: string;
  /** Replaces the first occurrence of `from` in a file (asserting it exists). */
  edit(file: string, from: string, to: string): Promise<void>;
  /** 1-based line of the first occurrence of `needle` in a file. */
  lineOf(file: string, needle: string): Promise<number>;
  dispose(): Promise<void>;
}

export async function copyExample(opts: { checkpoint?: boolean } = {}): Promise<ExampleCopy> {
  const base = await mkdtemp(join(tmpdir(), 'gem5 sst example-'));
  const root = join(base, 'disaggregated');
  await cp(EXAMPLE_SRC, root, { recursive: true, filter: (src) => !src.includes(`${'m5out'}`) });
  if (opts.checkpoint !== false) await generateExample(join(root, 'm5out', 'take_0'), true);
  return {
    root,
    sst: join(root, 'sst', 'restore.py'),
    gem5: join(root, 'configs', 'arm-sst-checkpoint.py'),
    tasks: join(root, '.vscode', 'tasks.json'),
    checkpoint: join(root, 'm5out', 'take_0', 'checkpoint'),
    async edit(file, from, to) {
      const text = await readFile(file, 'utf8');
      if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
      await writeFile(file, text.replace(from, to));
    },
    async lineOf(file, needle) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      const i = lines.findIndex((l) => l.includes(needle));
      if (i < 0) throw new Error(`${needle} not in ${file}`);
      return i + 1;
    },
    dispose: () => rm(base, { recursive: true, force: true }),
  };
}
