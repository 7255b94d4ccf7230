import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { ensureBuilt, runCli } from '../support/cli';
import { copyExample, type ExampleCopy } from '../support/exampleWorkspace';

/**
 * The parts of the SARIF 2.1.0 schema (OASIS sarif-schema-2.1.0.json) that GitHub code scanning requires and that
 * `check` emits; the full schema is not available offline from npm.
 */
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    $schema: { type: 'string' },
    runs: {
      type: 'array', minItems: 1,
      items: {
        type: 'object', required: ['tool'],
        properties: {
          tool: { type: 'object', required: ['driver'], properties: { driver: { type: 'object', required: ['name'], properties: {
            name: { type: 'string' }, version: { type: 'string' }, informationUri: { type: 'string', format: 'uri' },
            rules: { type: 'array', items: { type: 'object', required: ['id'], properties: {
              id: { type: 'string' }, shortDescription: { type: 'object', required: ['text'] }, helpUri: { type: 'string' },
              defaultConfiguration: { type: 'object', properties: { level: { enum: ['none', 'note', 'warning', 'error'] } } } } } } } } } },
          results: { type: 'array', items: { type: 'object', required: ['message'], properties: {
            ruleId: { type: 'string' }, ruleIndex: { type: 'integer', minimum: -1 },
            level: { enum: ['none', 'note', 'warning', 'error'] },
            message: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
            locations: { type: 'array', items: { $ref: '#/$defs/location' } },
            relatedLocations: { type: 'array', items: { $ref: '#/$defs/location' } } } } },
        },
      },
    },
  },
  $defs: {
    location: { type: 'object', properties: {
      id: { type: 'integer', minimum: -1 },
      message: { type: 'object', required: ['text'] },
      physicalLocation: { type: 'object', required: ['artifactLocation'], properties: {
        artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string' }, uriBaseId: { type: 'string' } } },
        region: { type: 'object', required: ['startLine'], properties: {
          startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 },
          endLine: { type: 'integer', minimum: 1 }, endColumn: { type: 'integer', minimum: 1 } } } } } } },
  },
};

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

  it('SARIF output validates against the SARIF 2.1.0 structure and names each rule with its help page', () => {
    const r = runCli(['check', ws.root, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(SARIF_SUBSET, log);
    assert.ok(valid, JSON.stringify(ajv.errors));
    assert.deepEqual(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id), ['GS202', 'GS204']);
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'sst/restore.py');
  });

  it('exits 2 on usage errors', () => {
    assert.equal(runCli(['check']).status, 2);
    assert.equal(runCli(['check', ws.root, '--severity', 'GS999=error']).status, 2);
    assert.equal(runCli(['check', ws.root, '--format', 'xml']).status, 2);
    assert.equal(runCli(['check', '/nonexistent/path']).status, 2);
  });
});
