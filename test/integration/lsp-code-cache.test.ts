import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLsp } from '../support/lspClient';

describe('language server code cache (out/server/server.js through lsp/codeCache.ts)', function () {
  this.timeout(60000);
  let dir: string;
  const saved = process.env.GEM5SST_CODE_CACHE_DIR;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lsp-code-cache-'));
    process.env.GEM5SST_CODE_CACHE_DIR = join(dir, 'cache');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.GEM5SST_CODE_CACHE_DIR;
    else process.env.GEM5SST_CODE_CACHE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written when the editor shuts the server down, even one it kills right after, and the next server answers the same', async () => {
    const file = join(dir, 'gen.py');
    // A gem5 script with a syntax error: GS101 shows the server read it.
    writeFileSync(file, 'import argparse\nimport m5\nparser = argparse.ArgumentParser(\nargs = parser.parse_args()\n');
    const answers: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await startLsp(dir);
      try {
        await s.open(file);
        answers.push(await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: s.uri(file) } }));
      } finally {
        await s.dispose(); // shutdown, exit, then kill
      }
      assert.equal(readdirSync(join(dir, 'cache')).filter((f) => f.startsWith('serverMain-') && f.endsWith('.bin')).length, 1, `after session ${i + 1}`);
    }
    assert.deepEqual(answers[1], answers[0]);
    assert.ok(JSON.stringify(answers[0]).includes('GS101'), `the server checked the script: ${JSON.stringify(answers[0])}`);
  });
});
