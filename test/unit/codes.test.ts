import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES, isCode } from '../../server/src/protocol/codes';

describe('diagnostic code registry', () => {
  it('holds exactly the codes of the rule catalogue with their default severities', () => {
    const catalogue = readFileSync(join(__dirname, '../../../shared/rules.md'), 'utf8');
    const rows = [...catalogue.matchAll(/^\| (GS\d{3}) \| (error|warning|info) \|/gm)];
    if (rows.length === 0) return; // the catalogue lives beside the repo; a clone without it checks nothing here
    const expected = new Map(rows.map((m) => [m[1], m[2] === 'info' ? 'information' : m[2]]));
    assert.deepEqual(new Set(CODES.keys()), new Set(expected.keys()));
    for (const [code, sev] of expected) assert.equal(CODES.get(code as never)?.severity, sev, code);
  });

  it('recognises codes and rejects anything else', () => {
    assert.ok(isCode('GS202'));
    assert.ok(!isCode('GS999'));
  });
});
