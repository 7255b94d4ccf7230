import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES, isCode } from '../../server/src/protocol/codes';

/** The rule catalogue's codes and severities: `<code> <severity>` per line, copied from shared/rules.md. */
const SNAPSHOT = join(__dirname, '..', 'fixtures', 'rule-catalogue.txt');
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'rules.md');

function snapshot(): Map<string, string> {
  return new Map(readFileSync(SNAPSHOT, 'utf8').trim().split('\n').map((l) => l.split(' ') as [string, string]));
}

describe('diagnostic code registry', () => {
  it('holds exactly the codes of the rule catalogue with their default severities', () => {
    const expected = snapshot();
    assert.equal(expected.size, 45);
    assert.deepEqual(new Set(CODES.keys()), new Set(expected.keys()));
    for (const [code, sev] of expected) assert.equal(CODES.get(code as never)?.severity, sev === 'info' ? 'information' : sev, code);
  });

  it('the catalogue snapshot matches shared/rules.md when it is beside the repository', function () {
    if (!existsSync(SHARED)) this.skip();
    const rows = [...readFileSync(SHARED, 'utf8').matchAll(/^\| (GS\d{3}) \| (error|warning|info) \|/gm)];
    assert.deepEqual(new Map(rows.map((m) => [m[1], m[2]])), snapshot());
  });

  it('recognises codes and rejects anything else', () => {
    assert.ok(isCode('GS202'));
    assert.ok(!isCode('GS999'));
  });
});
