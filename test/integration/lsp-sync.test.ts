/**
 * Issue 19 over a real stdio transport: ranged edits are applied as they come and analysed when asked; refresh
 * requests are sent only when another file's findings changed, once per settled change.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CancellationTokenSource, LSPErrorCodes } from 'vscode-languageserver-protocol/node';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';
import { startLsp, type LspSession } from '../support/lspClient';

interface Diag { code: string }

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pullCodes(s: LspSession, path: string): Promise<string[]> {
  const r = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: s.uri(path) } })) as { items: Diag[] };
  return r.items.map((d) => d.code).sort();
}

describe('language server: edits now, analysis when asked, refreshes only when another file changed', function () {
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

  const pull = (path: string) => pullCodes(s, path);

  it('a burst of 2,000 ranged edits is followed by a correct hover and the diagnostics of the final text', async () => {
    const text = readFileSync(ws.sst, 'utf8');
    await s.open(ws.sst, text);
    assert.deepEqual(await pull(ws.sst), ['GS202', 'GS204']);
    const uri = s.uri(ws.sst);
    // Type "x" and delete it 1,000 times inside the size string, then turn "5GB" into "5GiB".
    const at = text.indexOf('"5GB"') + 3;
    let v = 1;
    for (let i = 0; i < 1000; i++) {
      void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: 'x' }] });
      void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at + 1) }, text: '' }] });
    }
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: 'i' }] });
    const final = text.slice(0, at) + 'i' + text.slice(at);
    const hover = (await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri }, position: positionAt(final, final.indexOf('"--cpu-type=timing"') + 3),
    })) as { contents: { value: string } };
    assert.match(hover.contents.value, /choices "atomic" \| "timing" \| "o3" \| "kvm"/);
    assert.deepEqual(await pull(ws.sst), []);
  });

  it('typing that changes only the edited file sends no refresh; a change that alters another file sends one', async () => {
    await sleep(400); // let the settled pass of the previous test finish
    const gem5 = readFileSync(ws.gem5, 'utf8');
    await s.open(ws.gem5, gem5);
    await pull(ws.gem5);
    await sleep(400);
    const before = s.refreshes;
    const uri = s.uri(ws.gem5);
    const end = positionAt(gem5, gem5.length);
    let v = 1;
    for (const ch of '# a comment') {
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: end, end }, text: ch }] });
      await pull(ws.gem5);
      end.character++;
    }
    await sleep(600);
    assert.equal(s.refreshes, before, 'no refresh for edits that change no other file');
    // Rename the option the SST cmd passes (--instance): the SST script gains GS103; many edits, one refresh.
    const at = gem5.indexOf('"--instance"') + 3;
    for (const [i, ch] of [...'node-'].entries()) {
      const p = positionAt(gem5, at + i);
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: p, end: p }, text: ch }] });
      await pull(ws.gem5);
    }
    for (let i = 0; i < 100 && s.refreshes === before; i++) await sleep(20);
    await sleep(400);
    assert.equal(s.refreshes, before + 1);
    assert.ok((await pull(ws.sst)).includes('GS103'));
  });
});

describe('language server without pull diagnostics: pushes once edits pause', function () {
  this.timeout(60000);
  it('pushes the diagnostics of the final text after a burst of ranged edits, not each edit, and re-pushes on a settings change', async () => {
    const ws = await copyExample();
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    const s = await startLsp(ws.root, { pull: false });
    const pushed: { version?: number; codes: string[] }[] = [];
    s.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      if (p.uri === s.uri(ws.sst)) pushed.push({ version: p.version, codes: p.diagnostics.map((d) => d.code).sort() });
    });
    try {
      const text = readFileSync(ws.sst, 'utf8');
      await s.open(ws.sst, text);
      for (let i = 0; i < 100 && !pushed.some((p) => p.version === 1); i++) await sleep(20);
      assert.deepEqual(pushed.find((p) => p.version === 1)?.codes, ['GS202', 'GS204']);
      const uri = s.uri(ws.sst);
      const at = text.indexOf('"5GB"') + 3;
      let v = 1;
      for (let i = 0; i < 50; i++) {
        void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: 'x' }] });
        void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at + 1) }, text: '' }] });
      }
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: 'i' }] });
      for (let i = 0; i < 100 && !pushed.some((p) => p.version === v); i++) await sleep(20);
      assert.deepEqual(pushed.find((p) => p.version === v)?.codes, []);
      assert.ok(pushed.filter((p) => p.version !== undefined && p.version > 1 && p.version < v).length <= 1, 'the burst is not pushed edit by edit');
      // Put the defect back, then switch its rule off: the settings change pushes the document again.
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at + 1) }, text: '' }] });
      for (let i = 0; i < 100 && !pushed.some((p) => p.version === v); i++) await sleep(20);
      assert.deepEqual(pushed.find((p) => p.version === v)?.codes, ['GS202', 'GS204']);
      const count = pushed.length;
      s.settings = { diagnostics: { severity: { GS204: 'off' } } };
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      for (let i = 0; i < 100 && pushed.length === count; i++) await sleep(20);
      assert.deepEqual(pushed.at(-1)?.codes, ['GS202']);
    } finally {
      await s.dispose();
      await ws.dispose();
    }
  });
});

describe('language server: superseded requests', function () {
  this.timeout(60000);
  it('answers a pull the client cancelled during a burst with RequestCancelled, and the next pull normally', async () => {
    const ws = await copyExample();
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    const s = await startLsp(ws.root);
    try {
      const text = readFileSync(ws.sst, 'utf8');
      await s.open(ws.sst, text);
      const uri = s.uri(ws.sst);
      const at = text.indexOf('"5GB"') + 3;
      let v = 1;
      const sends: Promise<void>[] = [];
      for (let i = 0; i < 500; i++) {
        sends.push(s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: 'x' }] }));
        sends.push(s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: positionAt(text, at), end: positionAt(text, at + 1) }, text: '' }] }));
      }
      const source = new CancellationTokenSource();
      const superseded = s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
      source.cancel();
      await Promise.all(sends);
      await assert.rejects(superseded, (e: { code?: number }) => e.code === LSPErrorCodes.RequestCancelled);
      assert.deepEqual(await pullCodes(s, ws.sst), ['GS202', 'GS204']);
    } finally {
      await s.dispose();
      await ws.dispose();
    }
  });
});
