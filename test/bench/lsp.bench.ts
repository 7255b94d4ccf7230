/**
 * Language server benchmark (issue 5): latency from didChange to refreshed diagnostics on a 2,000-line script through
 * the real server over stdio, against the framework floor (a server answering one fixed diagnostic) in the same run.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gem5Script, sstScript } from '../support/generateScripts';
import { startLsp, type LspSession } from '../support/lspClient';
import { report } from './stats';

async function measure(s: LspSession, file: string, text: string, runs: number): Promise<number[]> {
  await s.open(file, text);
  const uri = s.uri(file);
  await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const at = text.indexOf('default=7');
  const out: number[] = [];
  for (let v = 2; v < runs + 2; v++) {
    const t0 = performance.now();
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: positionOf(text, at + 8), end: positionOf(text, at + 9) }, text: v % 2 ? "8" : "7" }],
    });
    await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    out.push(performance.now() - t0);
  }
  return out;
}

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'bench-lsp-'));
  try {
    await mkdir(join(root, 'configs'));
    await mkdir(join(root, 'sst'));
    const script = gem5Script(2000);
    const file = join(root, 'configs', 'gen.py');
    await writeFile(file, script);
    await writeFile(join(root, 'sst', 'restore.py'), sstScript(2));

    const floorOut = join(mkdtempSync(join(tmpdir(), 'floor-')), 'floor.js');
    buildSync({ entryPoints: [resolve(__dirname, 'floorServer.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: floorOut, logLevel: 'warning' });
    const floor = await startLsp(root, { command: [floorOut, '--stdio'] });
    const floorMs = await measure(floor, file, script, 100);
    await floor.dispose();

    const real = await startLsp(root);
    const realMs = await measure(real, file, script, 100);
    await real.dispose();
    report('framework floor: didChange → diagnostics (fixed item)', floorMs);
    report('gem5-sst server: didChange → diagnostics, 2,000 lines', realMs, { target: 'median < 20 ms, p95 < 50 ms', baseline: { name: 'floor', ms: floorMs } });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
