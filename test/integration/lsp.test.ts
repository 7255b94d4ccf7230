import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/cli';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';
import { applyEdits, startLsp, type LspSession } from '../support/lspClient';

interface Diag { code: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }

async function pull(s: LspSession, path: string): Promise<Diag[]> {
  const r = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: s.uri(path) } }) as { items: Diag[] };
  return r.items;
}

function positionOf(text: string, needle: string, offset = 1) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('language server over stdio', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  let s: LspSession;
  /** The SST script's buffer after the quick fix (the file on disk keeps the planted defect). */
  let fixedText = '';

  before(async () => {
    ws = await copyExample();
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    s = await startLsp(ws.root);
  });
  after(async () => {
    await s?.dispose();
    await ws?.dispose();
  });

  it('pulls diagnostics for the open SST script with codes, docs links and related information', async () => {
    await s.open(ws.sst);
    const d = await pull(s, ws.sst);
    assert.deepEqual(d.map((x) => x.code).sort(), ['GS202', 'GS204']);
    const gs202 = d.find((x) => x.code === 'GS202') as Diag & { codeDescription: { href: string }; relatedInformation: unknown[] };
    assert.match(gs202.codeDescription.href, /docs\/rules\/GS202\.md$/);
    assert.ok(gs202.relatedInformation.length > 0);
  });

  it('offers a preferred quick fix whose edit removes the diagnostic once applied', async () => {
    const d = await pull(s, ws.sst);
    const gs204 = d.find((x) => x.code === 'GS204')!;
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: s.uri(ws.sst) }, range: gs204.range, context: { diagnostics: [gs204] },
    }) as { title: string; isPreferred: boolean; edit: { changes: Record<string, { range: Diag['range']; newText: string }[]> } }[];
    const fix = actions.find((a) => a.title.includes('GiB'))!;
    assert.equal(fix.isPreferred, true);
    const text = applyEdits(readFileSync(ws.sst, 'utf8'), fix.edit.changes[s.uri(ws.sst)]);
    fixedText = text;
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: s.uri(ws.sst), version: 2 }, contentChanges: [{ text }],
    });
    assert.deepEqual((await pull(s, ws.sst)).map((x) => x.code), []);
  });

  it('hovers an option in cmd with its argparse definition', async () => {
    const text = readFileSync(ws.sst, 'utf8');
    const hover = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: s.uri(ws.sst) }, position: positionOf(text, '"--cpu-type=timing"', 3),
    }) as { contents: { value: string } };
    assert.match(hover.contents.value, /--cpu-type/);
    assert.match(hover.contents.value, /choices "atomic" \| "timing" \| "o3" \| "kvm"/);
  });

  it('hovers the checkpoint option with the resolved checkpoint summary', async () => {
    const text = readFileSync(ws.sst, 'utf8');
    const hover = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: s.uri(ws.sst) }, position: positionOf(text, '"--ckpt-dir=', 3),
    }) as { contents: { value: string } };
    assert.match(hover.contents.value, /store0: 1 GiB .*remote at \[0x100000000, 0x140000000\)/);
  });

  it('links the gem5 script in cmd and jumps from an option to its add_argument', async () => {
    const links = await s.connection.sendRequest('textDocument/documentLink', { textDocument: { uri: s.uri(ws.sst) } }) as { target: string }[];
    assert.ok(links.some((l) => l.target === s.uri(ws.gem5)));
    assert.ok(links.some((l) => l.target === s.uri(join(ws.checkpoint, 'm5.cpt'))));
    const text = readFileSync(ws.sst, 'utf8');
    const def = await s.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: s.uri(ws.sst) }, position: positionOf(text, '"--take-ckpt=False"', 3),
    }) as { uri: string; range: Diag['range'] };
    assert.equal(def.uri, s.uri(ws.gem5));
    assert.match(readFileSync(ws.gem5, 'utf8').split('\n')[def.range.start.line], /"--take-ckpt"/);
  });

  it('completes option names and choices inside a cmd string', async () => {
    const text = fixedText.replace('"--cpu-type=timing"', '"--cpu-type=t"');
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri(ws.sst), version: 3 }, contentChanges: [{ text }] });
    const choices = await s.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: s.uri(ws.sst) }, position: positionOf(text, '"--cpu-type=t"', '"--cpu-type=t'.length),
    }) as { label: string }[];
    assert.deepEqual(choices.map((c) => c.label), ['atomic', 'timing', 'o3', 'kvm']);
    const names = await s.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: s.uri(ws.sst) }, position: positionOf(text, '"--cpu-type=t"', 3),
    }) as { label: string }[];
    assert.ok(names.some((c) => c.label === '--remote-memory-latency'));
  });

  it('completes checkpoint directories after a checkpoint path option, and SST element types', async () => {
    const text = fixedText.replace('"--ckpt-dir=../m5out/take_0/checkpoint"', '"--ckpt-dir="');
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri(ws.sst), version: 4 }, contentChanges: [{ text }] });
    const dirs = await s.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: s.uri(ws.sst) }, position: positionOf(text, '"--ckpt-dir="', '"--ckpt-dir='.length),
    }) as { label: string }[];
    assert.deepEqual(dirs.map((d) => d.label), ['../m5out/take_0/checkpoint']);
    // (An unfinished string breaks the rest of the file for the parser, so this is a separate edit.)
    const typing = fixedText.replace('sst.Component("bus", "memHierarchy.Bus")', 'sst.Component("bus", "memH');
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri(ws.sst), version: 5 }, contentChanges: [{ text: typing }] });
    const types = await s.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: s.uri(ws.sst) }, position: positionOf(typing, 'sst.Component("bus", "memH', 'sst.Component("bus", "memH'.length),
    }) as { label: string }[];
    assert.ok(types.some((t) => t.label === 'memHierarchy.Bus'));
    assert.ok(types.some((t) => t.label === 'memHierarchy.timingDRAM'));
  });

  it('a burst of edits ends in the diagnostics of the final text', async () => {
    const base = fixedText;
    for (let v = 10; v < 30; v++) {
      const text = base.replace('"--cpu-type=timing"', v % 2 ? '"--cpu-type=atomic"' : '"--cpu-type=o3"');
      void s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri(ws.sst), version: v }, contentChanges: [{ text }] });
    }
    const last = base.replace('"--cpu-type=timing"', '"--cpu-type=atomic"');
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri(ws.sst), version: 31 }, contentChanges: [{ text: last }] });
    assert.deepEqual((await pull(s, ws.sst)).map((x) => x.code), ['GS302']);
  });

  it('shows inlay hints for SST sizes only when gem5sst.inlayHints.enable is on', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } };
    const off = await s.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: s.uri(ws.sst) }, range }) as unknown[];
    assert.deepEqual(off, []);
    s.settings = { inlayHints: { enable: true } };
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await new Promise((r) => setTimeout(r, 200));
    const on = await s.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: s.uri(ws.sst) }, range }) as { label: string }[];
    assert.ok(on.some((h) => h.label === '= 0x140000000'), JSON.stringify(on));
    s.settings = {};
  });

  it('applies a settings change (severity off) and asks the client to refresh', async () => {
    const before = s.refreshes;
    s.settings = { diagnostics: { severity: { GS302: 'off' } } };
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    for (let i = 0; i < 100 && s.refreshes === before; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(s.refreshes > before, 'refresh requested');
    assert.deepEqual((await pull(s, ws.sst)).map((x) => x.code), []);
    s.settings = {};
  });
});

describe('gem5-ckpt lsp --stdio', function () {
  this.timeout(60000);
  it('serves the same diagnostics through the CLI, pushed to a client without pull diagnostics', async () => {
    const ws = await copyExample();
    await ws.edit(ws.sst, '"--cpu-type=timing"', '"--cpu-type=atomic"');
    const s = await startLsp(ws.root, { command: [join(REPO, 'out', 'cli', 'gem5-ckpt.js'), 'lsp', '--stdio'], pull: false });
    try {
      const got = new Promise<string[]>((resolve) => {
        s.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diag[] }) => {
          if (p.uri === s.uri(ws.sst) && p.diagnostics.length) resolve(p.diagnostics.map((d) => d.code));
        });
      });
      await s.open(ws.sst);
      assert.deepEqual(await got, ['GS302']);
    } finally {
      await s.dispose();
      await ws.dispose();
    }
  });
});
