/** runRules (rules/registry.ts): user severity overrides, a failing rule skipped, one finding per defect. */
import assert from 'node:assert/strict';
import { CODES } from '../../../server/src/protocol/codes';
import { ALL_RULES, runRules } from '../../../server/src/rules/registry';
import { finding, type Rule, type RuleContext } from '../../../server/src/rules/context';

const at = (line: number, character = 0) => ({ start: { line, character }, end: { line, character: character + 1 } });
// The rules below ignore the context: runRules only hands it through.
const ctx = {} as RuleContext;
const rule = (code: Rule['code'], found: () => ReturnType<Rule['check']>): Rule => ({ code, inputs: 'S', check: found });

describe('runRules', () => {
  it('runs every rule of the catalogue by default: one rule per code', () => {
    assert.deepEqual(ALL_RULES.map((r) => r.code).sort(), [...CODES.keys()].sort());
    // A checkpoint with a line gem5 cannot load, and nothing else: the catalogue's GS409 reports it.
    const checkpoints = new Map([['/w/cpt', { path: '/w/cpt', problems: [{ code: 'GS409', message: 'no =', line: 3 }], stores: [], versionTags: [] }]]);
    const whole = { scripts: new Map(), runs: [], sstTasks: [], checkpoints, exists: () => false, listDir: () => [], textOf: () => null } as unknown as RuleContext;
    const logged: string[] = [];
    assert.deepEqual(runRules(whole, { log: (m) => logged.push(m) }).map((f) => `${f.code} ${f.file}:${f.span.start.line + 1}`), ['GS409 /w/cpt/m5.cpt:3']);
    assert.deepEqual(logged, []);
  });

  it('keeps a finding\'s own severity without an override, replaces it with one, and drops the code set to off', () => {
    const rules = [
      rule('GS202', () => [finding('GS202', '/a.py', at(1), 'uncovered')]),
      rule('GS204', () => [finding('GS204', '/a.py', at(2), 'decimal')]),
      rule('GS212', () => [finding('GS212', '/a.py', at(3), 'phase')]),
    ];
    const out = runRules(ctx, { rules, severity: { GS204: 'off', GS212: 'error' } });
    assert.deepEqual(out.map((f) => `${f.code} ${f.severity}`), ['GS202 error', 'GS212 error']);
    assert.deepEqual(runRules(ctx, { rules }).map((f) => `${f.code} ${f.severity}`), ['GS202 error', 'GS204 warning', 'GS212 warning']);
  });

  it('a rule that throws is logged with its code and skipped; the others still report', () => {
    const logged: string[] = [];
    const rules = [
      rule('GS201', () => { throw new Error('boom'); }),
      rule('GS202', () => [finding('GS202', '/a.py', at(1), 'uncovered')]),
    ];
    const out = runRules(ctx, { rules, log: (m) => logged.push(m) });
    assert.deepEqual(out.map((f) => f.code), ['GS202']);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^rule GS201 failed and was skipped: Error: boom/);
    assert.doesNotThrow(() => runRules(ctx, { rules })); // no log given: still skipped quietly
  });

  it('does not run a rule whose code is off (its work is skipped, so its failure is never logged)', () => {
    let ran = 0;
    const logged: string[] = [];
    const rules = [rule('GS201', () => { ran++; throw new Error('boom'); })];
    assert.deepEqual(runRules(ctx, { rules, severity: { GS201: 'off' }, log: (m) => logged.push(m) }), []);
    assert.equal(ran, 0);
    assert.deepEqual(logged, []);
  });

  it('reports one defect reached twice once, and keeps findings that differ in place or message', () => {
    const same = () => finding('GS202', '/a.py', at(4, 2), 'uncovered');
    const rules = [rule('GS202', () => [same(), same(), finding('GS202', '/a.py', at(4, 3), 'uncovered'),
      finding('GS202', '/a.py', at(5, 2), 'uncovered'), finding('GS202', '/b.py', at(4, 2), 'uncovered'), finding('GS202', '/a.py', at(4, 2), 'other')])];
    assert.equal(runRules(ctx, { rules }).length, 5);
  });
});
