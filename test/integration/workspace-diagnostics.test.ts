import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { URI } from 'vscode-uri';
import { runCli } from '../support/cli';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';
import { startLsp, type LspSession } from '../support/lspClient';
import { sharedCorpus } from '../support/sharedCorpus';

interface Report { kind: 'full' | 'unchanged'; uri: string; resultId: string; items?: { code: string }[] }

async function workspacePull(s: LspSession, previous: { uri: string; value: string }[] = []): Promise<Report[]> {
  return ((await s.connection.sendRequest('workspace/diagnostic', { previousResultIds: previous })) as { items: Report[] }).items;
}

const codesIn = (reports: Report[], uri: string) => (reports.find((r) => r.uri === uri)?.items ?? []).map((d) => d.code).sort();

describe('workspace diagnostics for files nobody opened', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  let s: LspSession;
  before(async () => {
    ws = await copyExample();
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    s = await startLsp(ws.root);
  });
  after(async () => {
    await s?.dispose();
    await ws?.dispose();
  });

  it('reports the unopened SST script\'s findings, then "unchanged" for the same result id', async () => {
    const first = await workspacePull(s);
    assert.deepEqual(codesIn(first, s.uri(ws.sst)), ['GS202', 'GS204']);
    const again = await workspacePull(s, first.map((r) => ({ uri: r.uri, value: r.resultId })));
    assert.deepEqual(again.map((r) => [r.uri, r.kind]), first.map((r) => [r.uri, 'unchanged']));
  });

  it('follows a change on disk of an unopened file: the fixed file is reported empty', async () => {
    const before = await workspacePull(s);
    await ws.edit(ws.sst, 'sst_memory_size = "5GB"', 'sst_memory_size = "5GiB"');
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri(ws.sst), type: 2 }] });
    const after = await workspacePull(s, before.map((r) => ({ uri: r.uri, value: r.resultId })));
    const report = after.find((r) => r.uri === s.uri(ws.sst));
    assert.equal(report?.kind, 'full');
    assert.deepEqual(report?.items, []);
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: s.uri(ws.sst), type: 2 }] });
  });

  it('with gem5sst.diagnostics.mode = "openFilesOnly" reports nothing for unopened files and clears what it reported', async () => {
    const before = await workspacePull(s);
    assert.ok(before.length);
    s.settings = { diagnostics: { mode: 'openFilesOnly' } };
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await new Promise((r) => setTimeout(r, 200));
    const after = await workspacePull(s, before.map((r) => ({ uri: r.uri, value: r.resultId })));
    assert.ok(after.length && after.every((r) => r.kind === 'full' && r.items!.length === 0), JSON.stringify(after));
    s.settings = {};
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });
});

describe('pushed diagnostics (clients without pull) and gem5sst.diagnostics.mode', function () {
  this.timeout(60000);
  it('pushes the unopened SST script\'s findings in workspace mode, clears them in openFilesOnly mode, and pushes them again once it is opened', async () => {
    const ws = await copyExample();
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    const s = await startLsp(ws.root, { pull: false });
    const last = new Map<string, string[]>();
    s.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code: string }[] }) => {
      last.set(p.uri, p.diagnostics.map((d) => d.code).sort());
    });
    const until = async (what: string, ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      assert.ok(ok(), what);
    };
    try {
      await until('workspace mode pushes the unopened file', () => last.get(s.uri(ws.sst))?.join() === 'GS202,GS204');
      s.settings = { diagnostics: { mode: 'openFilesOnly' } };
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await until('openFilesOnly clears it', () => last.get(s.uri(ws.sst))?.length === 0);
      await s.open(ws.sst);
      await until('opened, it is pushed again', () => last.get(s.uri(ws.sst))?.join() === 'GS202,GS204');
    } finally {
      await s.dispose();
      await ws.dispose();
    }
  });
});

describe('workspace diagnostics on the real darchr checkout (shared corpus)', function () {
  this.timeout(60000);
  const corpus = sharedCorpus('darchr-gem5-kg');
  let root = '';
  before(async function () {
    if (!corpus) this.skip();
    root = join(await mkdtemp(join(tmpdir(), 'corpus-')), 'darchr-gem5-kg');
    await cp(corpus!, root, { recursive: true });
    await writeFile(join(root, '.keep'), '');
  });
  after(async () => {
    if (root) await rm(join(root, '..'), { recursive: true, force: true });
  });

  it('lists the same findings as gem5-ckpt check without opening a file', async () => {
    const s = await startLsp(root);
    try {
      const reports = await workspacePull(s);
      const sst = (f: string) => s.uri(join(root, 'ext', 'sst', 'sst', f));
      // A script with a syntax error gives its one GS101 and nothing else (CPython never runs it).
      assert.deepEqual(codesIn(reports, sst('arm_example.py')), ['GS101']);
      assert.ok(codesIn(reports, s.uri(join(root, 'disaggregated_memory', 'configs', 'arm-numa-checkpoints.py'))).includes('GS101'));
      // The same (file, line, code) triples as the CLI reports for this tree.
      const cli = JSON.parse(runCli(['check', root, '--format', 'json']).stdout) as { diagnostics: { file: string; line: number; code: string }[] };
      const key = (file: string, line: number, code: string) => `${file}:${line}:${code}`;
      const fromCli = cli.diagnostics.map((d) => key(resolve(root, d.file), d.line, d.code)).sort();
      const fromLsp = reports.flatMap((r) => (r.items as unknown as { code: string; range: { start: { line: number } } }[])
        .map((d) => key(URI.parse(r.uri).fsPath, d.range.start.line + 1, d.code))).sort();
      assert.ok(fromCli.length > 0);
      assert.deepEqual(fromLsp, fromCli);
    } finally {
      await s.dispose();
    }
  });
});
