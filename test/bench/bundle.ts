/**
 * Benchmarks measure the code users run: the module is bundled with the same esbuild settings as the product
 * (no tsx transform helpers) into a temp file and loaded from there.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function loadBundled<T>(entry: string): T {
  const outfile = join(mkdtempSync(join(tmpdir(), 'bench-bundle-')), 'bundle.js');
  buildSync({ entryPoints: [resolve(__dirname, '..', '..', entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, mainFields: ['module', 'main'], logLevel: 'warning' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as T;
}
