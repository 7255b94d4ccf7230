/**
 * The plan reply's findings signature (server) equals the signature of the same findings as VS Code diagnostics
 * (client, after the LSP conversion), so the panel can tell an edit's own diagnostics from news.
 */
import assert from 'node:assert/strict';
import { diagnosticsSignature, type DiagnosticLike } from '../../../client/src/restorePlan/diagnosticsSignature';
import { toDiagnostic } from '../../../server/src/lsp/convert';
import { restorePlanReply } from '../../../server/src/restorePlan/reply';
import type { Finding } from '../../../server/src/rules/types';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';

/** What vscode-languageclient makes of an LSP diagnostic: 0-based severity, code with its target. */
const asVsCode = (f: Finding): DiagnosticLike => {
  const d = toDiagnostic(f);
  return { source: d.source, code: { value: String(d.code) }, range: d.range, severity: (d.severity ?? 1) - 1, message: d.message };
};

describe('restore plan: findings signature', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  before(async () => { ws = await copyExample(); });
  after(async () => ws.dispose());

  it('the server\'s signature of the script\'s findings equals the client\'s of the diagnostics, and differs once a message changes', async () => {
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "4GiB"');
    const engine = createWorkspaceEngine([ws.root]);
    const reply = await restorePlanReply(engine, ws.sst);
    const findings = (await engine.findingsFor(ws.sst)).filter((f) => f.file === ws.sst);
    assert.ok(findings.length >= 1, 'the planted defect is reported');
    const diagnostics = findings.map(asVsCode);
    // Another extension's diagnostics on the file (Pylance) do not count.
    diagnostics.push({ source: 'Pylance', code: 'reportMissingImports', range: { start: { line: 0, character: 0 } }, severity: 1, message: 'sst not found' });
    assert.equal(diagnosticsSignature(diagnostics.reverse()), reply.findings.signature);
    const changed = diagnostics.map((d, i) => (i === diagnostics.length - 1 ? { ...d, message: d.message + '!' } : d));
    assert.notEqual(diagnosticsSignature(changed), reply.findings.signature);
    assert.notEqual(diagnosticsSignature([]), reply.findings.signature);
  });
});
