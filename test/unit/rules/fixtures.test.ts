/**
 * One runner for test/fixtures/rules: every code of the catalogue has a folder with at least one case that must
 * report it and one near miss at its boundary that must not; each case's findings are exactly the ones written in it.
 */
import assert from 'node:assert/strict';
import { CODES } from '../../../server/src/protocol/codes';
import { loadFixtureCases, runCase } from '../../support/ruleFixtures';

const cases = loadFixtureCases();

describe('rule fixtures (test/fixtures/rules/<code>/<case>)', function () {
  this.timeout(60000);

  it('every code has a folder with a case that reports it and a near miss that does not', () => {
    const problems: string[] = [];
    for (const code of CODES.keys()) {
      const list = cases.get(code);
      if (!list) {
        problems.push(`${code}: no folder`);
        continue;
      }
      if (!list.some((c) => c.spec.kind === 'report' && !c.spec.expectedToFailUntil)) problems.push(`${code}: no report case (that runs today)`);
      if (!list.some((c) => c.spec.kind === 'near-miss' && !c.spec.expectedToFailUntil)) problems.push(`${code}: no near-miss case (that runs today)`);
    }
    for (const code of cases.keys()) if (!CODES.has(code as never)) problems.push(`${code}: folder for a code that does not exist`);
    assert.equal(problems.join('\n'), '');
  });

  for (const [code, list] of cases) {
    describe(code, () => {
      for (const c of list) {
        const pending = c.spec.expectedToFailUntil;
        const title = `${c.spec.kind === 'report' ? 'reports' : 'near miss'}: ${c.spec.title} (${c.name})${pending ? ` [expected to fail until ${pending}]` : ''}`;
        it(title, async function () {
          const out = await runCase(c);
          const mine = out.expected.filter((e) => e.startsWith(code + ' '));
          // A case says what it is: a report case expects its code, a near miss never does.
          if (c.spec.kind === 'report') assert.ok(mine.length > 0, `${code}/${c.name} is a report case without an "expect: ${code}" marker`);
          else assert.equal(mine.length, 0, `${code}/${c.name} is a near miss but expects ${code}`);
          const ok = JSON.stringify(out.expected) === JSON.stringify(out.actual) && out.fixesThatDoNotFix.length === 0 && out.detailProblems.length === 0;
          if (pending) {
            if (ok) assert.fail(`${code}/${c.name} passes now: remove "expectedToFailUntil"`);
            this.skip();
          }
          // A quick fix offered as preferred ("Fix all" applies it) must remove what it is offered for.
          assert.deepEqual(out.fixesThatDoNotFix, [], `${code}/${c.name}: preferred quick fixes that do not fix`);
          assert.deepEqual(out.actual, out.expected,
            `findings differ from the expectations written in ${code}/${c.name}:\n${out.findings.map((f) => `  ${f.code} ${f.severity} line ${f.span.start.line + 1}: ${f.message}`).join('\n')}`);
          // What the findings say (message, severity, related locations, quick fixes), where case.json states it.
          assert.equal(out.detailProblems.join('\n'), '', `details stated in ${code}/${c.name}/case.json do not hold`);
        });
      }
    });
  }
});
