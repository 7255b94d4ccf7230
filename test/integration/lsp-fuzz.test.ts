import assert from 'node:assert/strict';
import { fuzzLanguageServer } from '../support/lspFuzz';

describe('language server under random edits (short fuzz; `npm run fuzz` runs the long one)', function () {
  this.timeout(180000);
  it('answers every request and never dies across hundreds of broken edits, with bounded memory', async () => {
    const r = await fuzzLanguageServer(Number(process.env.FUZZ_EDITS ?? 300), 7);
    assert.equal(r.serverAlive, true);
    assert.equal(r.errors, 0, JSON.stringify(r));
    assert.equal(r.answered, r.requests);
    assert.ok(r.peakRssMiB < 600, `peak RSS ${r.peakRssMiB} MiB`);
  });
});
