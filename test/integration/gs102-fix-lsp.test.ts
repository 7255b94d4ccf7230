import assert from 'node:assert/strict';
import { copyExample } from '../support/exampleWorkspace';
import { startLsp } from '../support/lspClient';

interface Diag { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
interface Action { title: string; edit?: { changes: Record<string, unknown[]> } }

describe('GS102 quick fix through the language server', function () {
  this.timeout(60000);
  it('offers the task-cwd edit on the cmd script path, and nothing elsewhere in the file', async () => {
    const ws = await copyExample({ checkpoint: false });
    await ws.edit(ws.tasks, '"cwd": "${workspaceFolder}/sst"', '"cwd": "${workspaceFolder}"');
    await ws.edit(ws.tasks, '"script": "restore.py"', '"script": "sst/restore.py"');
    const s = await startLsp(ws.root);
    try {
      await s.open(ws.sst);
      const d = ((await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: s.uri(ws.sst) } })) as { items: Diag[] }).items;
      const gs102 = d.find((x) => x.code === 'GS102');
      assert.ok(gs102, JSON.stringify(d.map((x) => x.code)));
      const at = async (range: Diag['range']) => (await s.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: s.uri(ws.sst) }, range, context: { diagnostics: [] },
      })) as Action[];
      const fixes = await at(gs102!.range);
      const fix = fixes.find((a) => /the sst task's cwd/.test(a.title));
      assert.ok(fix?.edit?.changes[s.uri(ws.tasks)], JSON.stringify(fixes.map((a) => a.title)));
      const elsewhere = await at({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
      assert.deepEqual(elsewhere.filter((a) => /SST/.test(a.title)), []);
    } finally {
      await s.dispose();
      await ws.dispose();
    }
  });
});
