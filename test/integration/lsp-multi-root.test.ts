import assert from 'node:assert/strict';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';
import { startLsp, type LspSession } from '../support/lspClient';

interface Diag { code: string; severity: number }

const ERROR = 1;
const HINT = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pull(s: LspSession, path: string): Promise<Diag[]> {
  const r = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: s.uri(path) } }) as { items: Diag[] };
  return r.items;
}

const severityOf = (diags: Diag[], code: string) => diags.find((d) => d.code === code)?.severity;

describe('language server in a multi-root workspace: settings per folder', function () {
  this.timeout(60000);
  let a: ExampleCopy;
  let b: ExampleCopy;
  let s: LspSession;

  before(async () => {
    a = await copyExample();
    b = await copyExample();
    // The same planted defect in both folders: GS202 and GS204 on the SST memory size.
    for (const ws of [a, b]) await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    s = await startLsp(a.root, { folders: [a.root, b.root] });
    s.folderSettings.set(s.uri(a.root), { diagnostics: { severity: { GS204: 'error' } } });
    s.folderSettings.set(s.uri(b.root), { diagnostics: { severity: { GS204: 'off', GS202: 'hint' } } });
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });
  after(async () => {
    await s?.dispose();
    await a?.dispose();
    await b?.dispose();
  });

  it('honours each folder’s gem5sst.diagnostics.severity for the files in it, the second folder’s included', async () => {
    await s.open(a.sst);
    await s.open(b.sst);
    let first: Diag[] = [];
    for (let i = 0; i < 50; i++) {
      first = await pull(s, a.sst);
      if (severityOf(first, 'GS204') === ERROR) break;
      await sleep(100); // the configuration change is applied asynchronously
    }
    assert.equal(severityOf(first, 'GS204'), ERROR, 'folder A: GS204 raised to error');
    assert.notEqual(severityOf(first, 'GS202'), HINT, 'folder A: GS202 keeps its own severity');
    const second = await pull(s, b.sst);
    assert.equal(severityOf(second, 'GS204'), undefined, 'folder B: GS204 off');
    assert.equal(severityOf(second, 'GS202'), HINT, 'folder B: GS202 lowered to hint');
  });

  it('reads the folders again when the configuration changes, and asks the client to refresh', async () => {
    const requests = s.configurationRequests;
    const refreshes = s.refreshes;
    await pull(s, b.sst);
    assert.equal(s.configurationRequests, requests, 'a pull reads no settings: they are cached');
    s.folderSettings.set(s.uri(b.root), { diagnostics: { severity: { GS204: 'error' } } });
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    for (let i = 0; i < 100 && s.refreshes === refreshes; i++) await sleep(20);
    assert.ok(s.configurationRequests > requests, 'the change was read');
    assert.ok(s.refreshes > refreshes, 'the client was asked to re-pull');
    const second = await pull(s, b.sst);
    assert.equal(severityOf(second, 'GS204'), ERROR);
    assert.notEqual(severityOf(second, 'GS202'), HINT);
    assert.equal(severityOf(await pull(s, a.sst), 'GS204'), ERROR, 'folder A unchanged');
  });
});
