import assert from 'node:assert/strict';
import { COMMANDS } from '../../../server/src/cli/main';

describe('gem5-ckpt command table', () => {
  it('lists each command with the same name and summary as the module that implements it', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      assert.equal(command.name, entry.name);
      assert.equal(command.summary, entry.summary, `summary of ${entry.name}`);
    }
  });
});
