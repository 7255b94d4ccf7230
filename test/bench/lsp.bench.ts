/**
 * Language server benchmarks (issues 5 and 19), through the real server over stdio, each row against the framework
 * floor (a server on the same framework answering one fixed diagnostic and hover) measured in the same run:
 *  - first diagnostics after didOpen, right after start-up, on a 1,600-file tree (corpus copies) and on the corpus
 *    alone (69 files): the open file must not wait for the workspace pass, so both should be about equal;
 *  - a burst of 2,000 didChange on the 2,000-line script, then a hover and a pull: time after the burst;
 *  - typing: 200 one-character edits 20 ms apart, didChange → diagnostics;
 *  - typing in a gem5 script that an open SST script runs (the example's pair), after the workspace pass linked
 *    them: the edited file's pull must not wait for the SST script's node runs of it (they follow once edits settle).
 * `LSP_BENCH_BEFORE=path/to/server.js` (an older build of out/server/server.js) measures it too, interleaved with this
 * one round by round, so that a before/after comparison on a loaded machine shares the same minutes.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { copyExample } from '../support/exampleWorkspace';
import { gem5Script, sstScript } from '../support/generateScripts';
import { startLsp, type LspSession } from '../support/lspClient';
import { corpusTree } from './corpusTree';
import { median, report } from './stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BEFORE = process.env.LSP_BENCH_BEFORE ? [resolve(process.env.LSP_BENCH_BEFORE), '--stdio'] : null;
/** The corpus SST script opened first (172 lines; its cmd names a gem5 script of the corpus). */
const OPENED = join('darchr-gem5-kg', 'ext', 'sst', 'sst', 'arm_sst_restore.py');

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

const pull = (s: LspSession, uri: string) => s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });

/** A fresh server on `root`; the file is opened right after `initialized`, while the server indexes. */
async function firstDiagnostics(root: string, file: string, command?: string[]): Promise<number> {
  const s = await startLsp(root, command ? { command } : {});
  try {
    const text = readFileSync(file, 'utf8');
    const t0 = performance.now();
    await s.open(file, text);
    await pull(s, s.uri(file));
    return performance.now() - t0;
  } finally {
    await s.dispose();
  }
}

/** 1,000 characters typed into a new comment line mid-file, then deleted again one by one; then hover + pull. */
async function burst(s: LspSession, file: string, text: string, version: number): Promise<{ hover: number; diagnostics: number; version: number }> {
  const uri = s.uri(file);
  const lineStart = text.indexOf('\n', text.length >> 1) + 1;
  const line = positionOf(text, lineStart).line;
  let v = version;
  const sends: Promise<void>[] = [];
  for (let i = 0; i < 1000; i++) {
    const at = { line, character: i };
    sends.push(s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: at, end: at }, text: i === 0 ? '#' : 'x' }] }));
  }
  for (let i = 1000; i > 0; i--) {
    sends.push(s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: { line, character: i - 1 }, end: { line, character: i } }, text: '' }],
    }));
  }
  await Promise.all(sends);
  const t0 = performance.now();
  const hoverAt = positionOf(text, text.indexOf('"--cpu-type"') + 3);
  const hover = s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt }).then(() => performance.now() - t0);
  const diagnostics = pull(s, uri).then(() => performance.now() - t0);
  return { hover: await hover, diagnostics: await diagnostics, version: v };
}

/**
 * One-character edits 20 ms apart, each followed by a pull, as an editor does while someone types: the character
 * after `needle` in the text flips between `chars[0]` and `chars[1]`.
 */
async function typing(s: LspSession, file: string, text: string, version: number, edits: number, needle = 'default=', chars = ['7', '8']): Promise<{ ms: number[]; version: number }> {
  const uri = s.uri(file);
  const at = text.indexOf(needle + chars[0]) + needle.length;
  if (at < needle.length) throw new Error(`${needle}${chars[0]} is not in ${file}`);
  const range = { start: positionOf(text, at), end: positionOf(text, at + 1) };
  const ms: number[] = [];
  let v = version;
  for (let i = 0; i < edits; i++) {
    await sleep(20);
    const t0 = performance.now();
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range, text: v % 2 ? chars[1] : chars[0] }] });
    await pull(s, uri);
    ms.push(performance.now() - t0);
  }
  return { ms, version: v };
}

async function editing(root: string, file: string, script: string, command?: string[]) {
  const s = await startLsp(root, command ? { command } : {});
  try {
    await s.open(file, script);
    await pull(s, s.uri(file));
    let version = 1;
    const warm = await typing(s, file, script, version, 20);
    version = warm.version;
    const bursts: { hover: number[]; diagnostics: number[] } = { hover: [], diagnostics: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const b = await burst(s, file, script, version);
      version = b.version;
      bursts.hover.push(b.hover);
      bursts.diagnostics.push(b.diagnostics);
    }
    const typed = await typing(s, file, script, version, 200);
    return { ...bursts, typing: typed.ms, refreshes: s.refreshes };
  } finally {
    await s.dispose();
  }
}

/** The SST scripts and task files the server saw running `path` (`gem5sst/status`). */
async function runBy(s: LspSession, path: string): Promise<string[]> {
  return ((await s.connection.sendRequest('gem5sst/status', { path })) as { runBy: string[] } | null)?.runBy ?? [];
}

/** A gem5 script, the SST script whose node runs it, and where to type in the gem5 script (a help text). */
interface LinkedPair {
  label: string;
  root: string;
  gem5: string;
  sst: string;
  needle: string;
  chars: [string, string];
}

/**
 * Both scripts of a pair open; once the workspace pass has linked them, 200 edits in the gem5 script (a help
 * text: no finding changes), each followed by its pull.
 */
async function linkedTyping(pair: LinkedPair, command?: string[]): Promise<{ ms: number[]; refreshes: number }> {
  const s = await startLsp(pair.root, command ? { command } : {});
  try {
    const gem5Text = readFileSync(pair.gem5, 'utf8');
    await s.open(pair.sst);
    await s.open(pair.gem5, gem5Text);
    await pull(s, s.uri(pair.sst));
    await pull(s, s.uri(pair.gem5));
    // The workspace pass after start-up links the SST script's node to the gem5 script (the floor has no status).
    for (let i = 0; i < 500 && !command && !(await runBy(s, pair.gem5)).includes(pair.sst); i++) await sleep(20);
    await sleep(command ? 1000 : 300);
    const before = s.refreshes;
    const typed = await typing(s, pair.gem5, gem5Text, 1, 200, pair.needle, pair.chars);
    await sleep(1000); // the settled pass
    return { ms: typed.ms, refreshes: s.refreshes - before };
  } finally {
    await s.dispose();
  }
}

/** The example's pair (80-line gem5 script) and a corpus restore pair (220 lines), each against the floor. */
async function linkedRows(floorCommand: string[], corpusRoot: string) {
  const ws = await copyExample();
  const corpusDir = join(corpusRoot, 'darchr-gem5-kg');
  const pairs: LinkedPair[] = [
    { label: 'example (80 lines)', root: ws.root, gem5: ws.gem5, sst: ws.sst, needle: 'e.g. ', chars: ['3', '4'] },
    {
      label: 'corpus darchr arm_sst_restore (220 lines)', root: corpusRoot, sst: join(corpusRoot, OPENED),
      gem5: join(corpusDir, 'disaggregated_memory', 'configs', 'arm-stream-checkpoint-restore-unified-script.py'), needle: 'Optionally, ', chars: ['p', 'P'],
    },
  ];
  try {
    for (const pair of pairs) {
      const floor = await linkedTyping(pair, floorCommand);
      const real = await linkedTyping(pair);
      report(`floor: typing in a gem5 script an open SST script runs, ${pair.label}`, floor.ms);
      report(`gem5-sst: typing in a gem5 script an open SST script runs, ${pair.label}`, real.ms, { target: 'p50 ≤ 5 ms, p95 ≤ 15 ms', baseline: { name: 'floor', ms: floor.ms } });
      console.log(`  workspace/diagnostic/refresh requests while typing in it (help text only, no finding changes): ${real.refreshes}`);
    }
  } finally {
    await ws.dispose();
  }
}

/** `LSP_BENCH_ONLY=linked`: only the linked-typing rows (quick to re-measure one change). */
async function linkedOnly(floorCommand: string[]) {
  const base = await mkdtemp(join(tmpdir(), 'bench-lsp-'));
  try {
    const corpus = join(base, 'corpus');
    await corpusTree(corpus, 0);
    await linkedRows(floorCommand, corpus);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

function buildFloor(): string[] {
  const floorOut = join(mkdtempSync(join(tmpdir(), 'floor-')), 'floor.js');
  buildSync({ entryPoints: [resolve(__dirname, 'floorServer.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: floorOut, logLevel: 'warning' });
  return [floorOut, '--stdio'];
}

async function main() {
  if (process.env.LSP_BENCH_ONLY === 'linked') return linkedOnly(buildFloor());
  const base = await mkdtemp(join(tmpdir(), 'bench-lsp-'));
  try {
    const big = join(base, 'checkout');
    const small = join(base, 'corpus');
    const { scripts } = await corpusTree(big, 1600);
    await corpusTree(small, 0);
    for (const root of [big, small]) {
      await mkdir(join(root, 'configs'), { recursive: true });
      await mkdir(join(root, 'sst'), { recursive: true });
    }
    const script = gem5Script(2000);
    const file = join(big, 'configs', 'gen.py');
    await writeFile(file, script);
    await writeFile(join(big, 'sst', 'restore.py'), sstScript(2));

    const floorCommand = buildFloor();

    // First diagnostics: fresh processes, interleaved per round (floor, 1,600 files, corpus only).
    const first = { floor: [] as number[], big: [] as number[], small: [] as number[], before: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      first.floor.push(await firstDiagnostics(big, join(big, OPENED), floorCommand));
      if (BEFORE) first.before.push(await firstDiagnostics(big, join(big, OPENED), BEFORE));
      first.big.push(await firstDiagnostics(big, join(big, OPENED)));
      first.small.push(await firstDiagnostics(small, join(small, OPENED)));
    }

    const floor = await editing(big, file, script, floorCommand);
    const before = BEFORE ? await editing(big, file, script, BEFORE) : null;
    const real = await editing(big, file, script);

    console.log(`workspace: ${scripts} Python files (corpus copies) + the 2,000-line script; ${ROUNDS} rounds`);
    report('floor: didOpen → first diagnostics', first.floor);
    report(`gem5-sst: didOpen → first diagnostics, ${scripts} files`, first.big, { target: '≤ 100 ms, independent of workspace size', baseline: { name: 'floor', ms: first.floor } });
    report('gem5-sst: didOpen → first diagnostics, corpus (69 files)', first.small, { baseline: { name: 'floor', ms: first.floor } });
    if (BEFORE) report(`before: didOpen → first diagnostics, ${scripts} files`, first.before, { baseline: { name: 'floor', ms: first.floor } });
    console.log(`  size independence: ${scripts} files / 69 files = ${(median(first.big) / median(first.small)).toFixed(2)}`);
    report('floor: 2,000-change burst → hover', floor.hover);
    report('gem5-sst: 2,000-change burst → hover', real.hover, { target: '≤ 100 ms', baseline: { name: 'floor', ms: floor.hover } });
    report('floor: 2,000-change burst → diagnostics', floor.diagnostics);
    report('gem5-sst: 2,000-change burst → diagnostics (final text)', real.diagnostics, { target: '≤ 200 ms', baseline: { name: 'floor', ms: floor.diagnostics } });
    report('floor: typing, didChange → diagnostics', floor.typing);
    report('gem5-sst: typing, didChange → diagnostics, 2,000 lines', real.typing, { target: 'p50 ≤ 5 ms, p95 ≤ 15 ms', baseline: { name: 'floor', ms: floor.typing } });
    if (before) {
      report('before: 2,000-change burst → hover', before.hover, { baseline: { name: 'floor', ms: floor.hover } });
      report('before: 2,000-change burst → diagnostics (final text)', before.diagnostics, { baseline: { name: 'floor', ms: floor.diagnostics } });
      report('before: typing, didChange → diagnostics, 2,000 lines', before.typing, { baseline: { name: 'floor', ms: floor.typing } });
    }
    console.log(`  workspace/diagnostic/refresh requests during the editing session: ${real.refreshes}`);
    await linkedRows(floorCommand, small);
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
