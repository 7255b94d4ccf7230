/** engineSettingsFrom (protocol/settings.ts): untrusted `gem5sst` settings become engine settings, never a throw. */
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, engineSettingsFrom } from '../../../server/src/protocol/settings';

describe('engineSettingsFrom', () => {
  it('reads gem5sst.defaultRanks as the client does: a whole number of at least 1, else the default 1', () => {
    assert.equal(engineSettingsFrom({ defaultRanks: 4 }).defaultRanks, 4);
    assert.equal(engineSettingsFrom({ defaultRanks: 2.7 }).defaultRanks, 2);
    assert.equal(engineSettingsFrom({ defaultRanks: 0 }).defaultRanks, 1);
    assert.equal(engineSettingsFrom({ defaultRanks: -3 }).defaultRanks, 1);
    for (const bad of ['4', null, Number.NaN, Number.POSITIVE_INFINITY, {}]) assert.equal(engineSettingsFrom({ defaultRanks: bad }).defaultRanks, 1);
    assert.equal(engineSettingsFrom(undefined).defaultRanks, DEFAULT_SETTINGS.defaultRanks);
  });

  it('drops a severity for a code that does not exist or a level that is not one, and keeps the valid ones', () => {
    const s = engineSettingsFrom({ diagnostics: { severity: { GS204: 'off', GS999: 'error', GS202: 'loud' } } });
    assert.deepEqual(s.severity, { GS204: 'off' });
  });
});
