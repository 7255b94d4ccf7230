/**
 * Fuzzes the language server through the protocol: random edits (deletions, bracket and quote insertions,
 * truncations) to real-looking scripts, each followed by requests; the server must answer every one and stay alive,
 * with bounded memory (peak RSS read from /proc).
 */
import { readFileSync } from 'node:fs';
import { copyExample } from './exampleWorkspace';
import { startLsp } from './lspClient';

export interface FuzzReport {
  edits: number;
  requests: number;
  answered: number;
  errors: number;
  serverAlive: boolean;
  slowestMs: number;
  peakRssMiB: number;
}

const INSERTS = ['(', ')', '[', ']', '{', '}', '"', "'", '"""', ':', '\\', '\n', '    ', 'f"{x', '#', ',', '=', 'sst.Component(', '--cpu-type=', '\u0000', '😀'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export async function fuzzLanguageServer(edits: number, seed = 1): Promise<FuzzReport> {
  const ws = await copyExample();
  const s = await startLsp(ws.root);
  const random = rng(seed);
  const report: FuzzReport = { edits, requests: 0, answered: 0, errors: 0, serverAlive: true, slowestMs: 0, peakRssMiB: 0 };
  try {
    const files = [ws.sst, ws.gem5];
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    for (const [i, f] of files.entries()) await s.open(f, texts[i]);
    const original = [...texts];
    for (let e = 0; e < edits; e++) {
      const which = random() < 0.6 ? 0 : 1;
      let t = texts[which];
      const at = Math.floor(random() * (t.length + 1));
      const r = random();
      if (r < 0.4) t = t.slice(0, at) + t.slice(at + Math.floor(random() * 30));
      else if (r < 0.9) t = t.slice(0, at) + INSERTS[Math.floor(random() * INSERTS.length)] + t.slice(at);
      else if (r < 0.95) t = t.slice(0, at);
      else t = original[which]; // back to a valid script now and then
      texts[which] = t;
      const uri = s.uri(files[which]);
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: e + 2 }, contentChanges: [{ text: t }] });
      if (e % 5 !== 0) continue;
      const pos = { line: Math.floor(random() * 80), character: Math.floor(random() * 40) };
      const requests: [string, unknown][] = [
        ['textDocument/diagnostic', { textDocument: { uri } }],
        ['textDocument/hover', { textDocument: { uri }, position: pos }],
        ['textDocument/completion', { textDocument: { uri }, position: pos }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } }],
        ['textDocument/documentLink', { textDocument: { uri } }],
        ['textDocument/definition', { textDocument: { uri }, position: pos }],
      ];
      for (const [method, params] of requests) {
        report.requests++;
        const t0 = Date.now();
        try {
          await Promise.race([s.connection.sendRequest(method, params), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 10000).unref())]);
          report.answered++;
        } catch {
          report.errors++;
        }
        report.slowestMs = Math.max(report.slowestMs, Date.now() - t0);
      }
    }
    report.serverAlive = s.process.exitCode === null && !s.process.killed;
    report.peakRssMiB = Math.round(peakRss(s.process.pid!));
  } finally {
    await s.dispose();
    await ws.dispose();
  }
  return report;
}

export function fuzzTable(rows: [string, string, string, string, string][]): string {
  return ['| input | tried | crashes | hangs | memory ceiling |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
