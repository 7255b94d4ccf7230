import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ensureBuilt, runCli } from '../support/cli';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';

/**
 * The OASIS SARIF 2.1.0 schema (rtm.5, the release the standard adopted), committed as a spec file: it ships in the npm
 * package @microsoft/jest-sarif (MIT). It is written for JSON Schema draft-04; the only draft-04 keyword it uses that
 * Ajv 8 reads differently is the top-level `id`, so the test renames it to `$id` and validates the full schema. Its
 * `language` pattern has a stray `]` that only a non-unicode RegExp accepts, hence `unicodeRegExp: false`.
 */
function loadSarifSchema(): object {
  const raw = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif-schema-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft, ...rest } = raw;
  return { ...rest, $id: id };
}

describe('gem5-ckpt check (CLI contract)', function () {
  this.timeout(60000);
  let ws: ExampleCopy;
  before(async () => {
    ensureBuilt();
    ws = await copyExample();
  });
  after(() => ws.dispose());

  it('exits 0 with a summary line on the clean example workspace', () => {
    const r = runCli(['check', ws.root]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^0 error\(s\), 0 warning\(s\), 0 note\(s\)\n$/);
  });

  it('text is compiler-like, json has the documented shape with 1-based positions, and exit is 1 on an error', async () => {
    await ws.edit(ws.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"');
    const text = runCli(['check', ws.root]);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^sst\/restore\.py:12:19: warning GS204: /m);
    assert.match(text.stdout, /1 error\(s\), 1 warning\(s\)/);
    const j = runCli(['check', ws.root, '--format', 'json']);
    const d = JSON.parse(j.stdout).diagnostics;
    const gs204 = d.find((x: { code: string }) => x.code === 'GS204');
    assert.deepEqual({ ...gs204, message: undefined, related: undefined }, {
      file: 'sst/restore.py', line: 12, column: 19, endLine: 12, endColumn: 24, severity: 'warning', code: 'GS204',
      message: undefined, related: undefined });
    assert.ok(d.find((x: { code: string }) => x.code === 'GS202').related.length >= 1);
  });

  it('--severity overrides a level or turns a code off', () => {
    const r = runCli(['check', ws.root, '--format', 'json', '--severity', 'GS202=warning', '--severity', 'GS204=off']);
    assert.equal(r.status, 0, 'no error left');
    assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((x: { code: string; severity: string }) => `${x.code}:${x.severity}`), ['GS202:warning']);
  });

  it('SARIF output validates against the official SARIF 2.1.0 JSON schema and names each rule with its help page', () => {
    const r = runCli(['check', ws.root, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const valid = ajv.validate(loadSarifSchema(), log as unknown); // `as unknown`: keep the type guard from narrowing `log`
    assert.ok(valid, JSON.stringify(ajv.errors));
    assert.deepEqual(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id), ['GS202', 'GS204']);
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'sst/restore.py');
  });

  it('the SARIF schema check fails on a log that breaks the schema (a result level outside the enum)', () => {
    const log = JSON.parse(runCli(['check', ws.root, '--format', 'sarif']).stdout);
    log.runs[0].results[0].level = 'fatal';
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    assert.equal(ajv.validate(loadSarifSchema(), log), false);
  });

  it('exits 2 on usage errors', () => {
    assert.equal(runCli(['check']).status, 2);
    assert.equal(runCli(['check', ws.root, '--severity', 'GS999=error']).status, 2);
    assert.equal(runCli(['check', ws.root, '--format', 'xml']).status, 2);
    assert.equal(runCli(['check', '/nonexistent/path']).status, 2);
  });
});
