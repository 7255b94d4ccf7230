/**
 * GS101 against CPython's own compile(): every script of ../shared/corpus and 1,000 seeded mutations of them
 * (fast-check), compiled by one python3 process. Same verdict in every case; the same first-error line in ≥ 99% and
 * the same column in ≥ 95% of the error cases; never more than one GS101. Cases where we once disagreed with
 * CPython are kept in test/fixtures/syntax-regressions (with CPython's verdict) and must agree exactly.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../../../server/src/config/lineIndex';
import { firstSyntaxError, type PySyntaxError } from '../../../server/src/config/pySyntax';
import { findSyntaxErrors } from '../../../server/src/config/syntaxErrors';
import { corpusPresent, corpusScripts } from '../../support/sharedCorpus';
import { mutations } from '../../support/syntaxMutations';
import { cpythonVerdicts, python3Version, type CPythonVerdict } from '../../support/syntaxOracle';

const SEED = 1414;
const MUTATIONS = 1000;
const REGRESSIONS = join(__dirname, '..', '..', 'fixtures', 'syntax-regressions');

/** CPython counts columns in code points; our offsets are UTF-16 (LSP). Same thing on ASCII lines. */
function codePointOffset(text: string, e: PySyntaxError): number {
  const line = text.replace(/\r\n?/g, '\n').split('\n')[e.lineno - 1] ?? '';
  return [...line.slice(0, Math.max(0, e.offset - 1))].length + 1;
}

/** The GS101 issues of a text, read back as CPython's (line, 1-based column, message). */
function gs101(text: string): { lineno: number; offset: number; msg: string }[] {
  return findSyntaxErrors(null, text, new LineIndex(text)).map((i) => {
    const line = text.replace(/\r\n?/g, '\n').split('\n')[i.span.start.line] ?? '';
    return { lineno: i.span.start.line + 1, offset: [...line.slice(0, i.span.start.character)].length + 1, msg: i.message.replace(/^\w+: /, '') };
  });
}

describe('GS101 agrees with CPython compile() (differential)', function () {
  this.timeout(180_000);

  it('on every corpus script and 1,000 seeded mutations: same verdict always, same line ≥ 99%, same column ≥ 95%', function () {
    const version = python3Version();
    if (!corpusPresent() || !version) this.skip();
    const files = corpusScripts();
    const sources = files.map((f) => readFileSync(f, 'utf8'));
    const cases = [
      ...sources.map((text, i) => ({ description: files[i], text })),
      ...mutations(sources, MUTATIONS, SEED),
    ];
    const expected = cpythonVerdicts(cases.map((c) => c.text));
    const verdictDiffs: string[] = [];
    let errors = 0, sameLine = 0, sameColumn = 0, sameMessage = 0, moreThanOne = 0;
    cases.forEach((c, i) => {
      const py = expected[i];
      const issues = gs101(c.text);
      if (issues.length > 1) moreThanOne++;
      const ours = issues[0];
      if (!!py !== !!ours) {
        verdictDiffs.push(`${c.description}: CPython ${py ? `${py.msg} at ${py.lineno}:${py.offset}` : 'compiles'}, we ${ours ? `${ours.msg} at ${ours.lineno}:${ours.offset}` : 'accept it'}`);
        return;
      }
      if (!py || !ours) return;
      errors++;
      if (py.lineno === ours.lineno) {
        sameLine++;
        if (py.offset === ours.offset) sameColumn++;
      }
      if (py.msg === ours.msg) sameMessage++;
    });
    const pct = (n: number) => `${((100 * n) / Math.max(1, errors)).toFixed(2)}%`;
    console.log(`      python3 ${version.join('.')}: ${cases.length} cases (${files.length} corpus scripts + ${MUTATIONS} mutations, seed ${SEED}); ` +
      `${errors} with an error: line ${pct(sameLine)}, column ${pct(sameColumn)}, message ${pct(sameMessage)}; verdict differs in ${verdictDiffs.length}`);
    assert.deepEqual(verdictDiffs, []);
    assert.equal(moreThanOne, 0, 'never a second GS101');
    assert.ok(errors >= 500, `enough error cases (${errors})`);
    assert.ok(sameLine / errors >= 0.99, `line agreement ${pct(sameLine)}`);
    assert.ok(sameColumn / errors >= 0.95, `column agreement ${pct(sameColumn)}`);
  });

  it('agrees exactly (type, message, line, column) on every kept regression case', () => {
    const names = readdirSync(REGRESSIONS).filter((n) => n.endsWith('.py')).sort();
    assert.ok(names.length >= 10);
    for (const name of names) {
      const text = readFileSync(join(REGRESSIONS, name), 'utf8');
      const want = JSON.parse(readFileSync(join(REGRESSIONS, name.replace(/\.py$/, '.json')), 'utf8')) as CPythonVerdict | null;
      const got = firstSyntaxError(text);
      assert.deepEqual(
        got && { type: got.type, msg: got.msg, lineno: got.lineno, offset: codePointOffset(text, got) },
        want && { type: want.type, msg: want.msg, lineno: want.lineno, offset: want.offset },
        name,
      );
    }
  });

  it('the kept verdicts are still what this python3 says, when python3 is 3.11', function () {
    const version = python3Version();
    if (!version || version[0] !== 3 || version[1] !== 11) this.skip();
    const names = readdirSync(REGRESSIONS).filter((n) => n.endsWith('.py')).sort();
    const verdicts = cpythonVerdicts(names.map((n) => readFileSync(join(REGRESSIONS, n), 'utf8')));
    names.forEach((n, i) => assert.deepEqual(verdicts[i], JSON.parse(readFileSync(join(REGRESSIONS, n.replace(/\.py$/, '.json')), 'utf8')), n));
  });
});
