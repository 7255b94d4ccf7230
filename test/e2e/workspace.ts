/** Builds what the e2e runs need: the bundles of the stand-in gem5 and the in-host suite, and test workspaces. */
import { buildSync } from 'esbuild';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateExample } from '../support/generate-example';
import { REPO } from './harness';

const OUT = join(REPO, 'out', 'e2e');

/** An executable stand-in for a simulator binary: a shell wrapper around a bundled node script. */
function buildStandIn(entry: string, name: string): string {
  mkdirSync(OUT, { recursive: true });
  const js = join(OUT, `${name}.js`);
  buildSync({ entryPoints: [join(__dirname, entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: js, logLevel: 'warning' });
  const wrapper = join(OUT, name);
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${js}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/** `gem5.opt` stand-in: records its arguments and writes a checkpoint on a take run. */
export const buildFakeGem5 = () => buildStandIn('fakeGem5.ts', 'gem5.opt');
/** `sst` stand-in: records how it was started. */
export const buildFakeSst = () => buildStandIn('fakeSst.ts', 'sst');

/** The in-extension-host test module (`exports.run`), bundled with `vscode` left external. */
export function buildHostSuite(): string {
  const out = join(OUT, 'host-suite.js');
  buildSync({ entryPoints: [join(__dirname, 'host', 'suite.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, external: ['vscode'], logLevel: 'warning' });
  return out;
}

/** A copy of the example workspace with its checkpoint generated and the stand-in gem5 configured. */
export async function exampleWorkspace(opts: { plant?: (root: string) => void; gem5?: string; sst?: string } = {}): Promise<string> {
  const root = join(mkdtempSync(join(tmpdir(), 'gem5sst-ws-')), 'disaggregated');
  cpSync(join(REPO, 'examples', 'disaggregated'), root, { recursive: true, filter: (src) => !src.includes('m5out') });
  await generateExample(join(root, 'm5out', 'take_0'), true);
  if (opts.gem5) {
    writeFileSync(join(root, '.vscode', 'settings.json'), JSON.stringify({ 'gem5sst.gem5.path': opts.gem5, ...(opts.sst ? { 'gem5sst.sst.path': opts.sst } : {}) }, null, 2));
    const tasks = join(root, '.vscode', 'tasks.json');
    let t = readFileSync(tasks, 'utf8').replace('"${workspaceFolder}/../gem5/build/ARM/gem5.opt"', JSON.stringify(opts.gem5));
    if (opts.sst) t = t.replace('"sst": "sst"', `"sst": ${JSON.stringify(opts.sst)}`);
    writeFileSync(tasks, t);
  }
  opts.plant?.(root);
  return root;
}

export function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
  writeFileSync(file, text.replace(from, to));
}
