/**
 * Issue 19 over a real stdio transport: typing in a gem5 script that an open SST script runs. The edited file's
 * pull answers without resolving the SST node's run of it; that run is resolved once edits settle, and the finding
 * it brings arrives through one workspace/diagnostic/refresh.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';
import { startLsp, type LspSession } from '../support/lspClient';

interface Diag { code: string; range: { start: { line: number; character: number } } }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

async function pullShown(s: LspSession, path: string): Promise<string[]> {
  const r = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: s.uri(path) } })) as { items: Diag[] };
  return r.items.map((d) => `${d.code}@${d.range.start.line}`).sort();
}

/** The SST scripts and task files the server saw running `path` (`gem5sst/status`). */
async function runBy(s: LspSession, path: string): Promise<string[]> {
  return ((await s.connection.sendRequest('gem5sst/status', { path })) as { runBy: string[] } | null)?.runBy ?? [];
}

describe('language server: typing in a gem5 script an open SST script runs', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  let s: LspSession;
  before(async () => {
    ws = await copyExample();
    s = await startLsp(ws.root);
  });
  after(async () => {
    await s?.dispose();
    await ws?.dispose();
  });

  it('the finding the SST node makes of an edit arrives after the edits settle, through one refresh, and stays put while typing elsewhere', async () => {
    const gem5 = readFileSync(ws.gem5, 'utf8');
    await s.open(ws.sst);
    await s.open(ws.gem5, gem5);
    assert.deepEqual(await pullShown(s, ws.sst), []);
    assert.deepEqual(await pullShown(s, ws.gem5), []);
    // The workspace pass after start-up links the SST node to the gem5 script: the status of the gem5 script says so.
    for (let i = 0; i < 500 && !(await runBy(s, ws.gem5)).includes(ws.sst); i++) await sleep(20);
    assert.ok((await runBy(s, ws.gem5)).includes(ws.sst));
    const before = s.refreshes;
    const uri = s.uri(ws.gem5);
    // A fixed local memory size the checkpoint does not hold: the restore run reports GS208 on that line.
    const at = gem5.indexOf('args.local_memory_size');
    const range = { start: positionAt(gem5, at), end: positionAt(gem5, at + 'args.local_memory_size'.length) };
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range, text: '"2GiB"' }] });
    const text = gem5.slice(0, at) + '"2GiB"' + gem5.slice(at + 'args.local_memory_size'.length);
    assert.deepEqual(await pullShown(s, ws.gem5), [], 'answered from the script alone; the node run is resolved once edits settle');
    for (let i = 0; i < 250 && s.refreshes === before; i++) await sleep(20);
    assert.equal(s.refreshes, before + 1, 'one refresh once the settled pass found GS208');
    assert.deepEqual(await pullShown(s, ws.gem5), ['GS208@43']);
    // Typing a comment above it: each pull still shows GS208, moved down with its line, and no refresh follows.
    const above = positionAt(text, text.indexOf('\ncache_hierarchy'));
    let v = 2;
    for (const [i, ch] of [...'# a note\n'].entries()) {
      const p = { line: above.line, character: above.character + i };
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: p, end: p }, text: ch }] });
      const shown = await pullShown(s, ws.gem5);
      assert.deepEqual(shown, [ch === '\n' ? 'GS208@44' : 'GS208@43']);
    }
    await sleep(1000);
    assert.equal(s.refreshes, before + 1, 'the settled pass agreed with what the pulls showed');
  });
});
