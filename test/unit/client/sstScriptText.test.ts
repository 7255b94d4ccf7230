/** Where the "Restore plan" CodeLens goes: only SST scripts with gem5 nodes, at their first line of code. */
import assert from 'node:assert/strict';
import { restorePlanLensLine } from '../../../client/src/restorePlan/sstScriptText';

describe('restore plan CodeLens placement', () => {
  it('is on the first line of code of a script with a gem5.gem5Component, after the header comments', () => {
    assert.equal(restorePlanLensLine('# SST restore\n\nimport sst\nc = sst.Component("n", "gem5.gem5Component")\n'), 2);
    assert.equal(restorePlanLensLine('import sst\r\nsst.Component("n", "gem5.gem5Component")'), 0);
  });

  it('is absent from scripts without a gem5 node (plain SST or gem5 config scripts)', () => {
    assert.equal(restorePlanLensLine('import sst\nsst.Component("m", "memHierarchy.MemController")\n'), null);
    assert.equal(restorePlanLensLine('from gem5.components.boards import X\n'), null);
  });
});
