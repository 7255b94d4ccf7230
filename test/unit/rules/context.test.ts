/** The helpers every rule builds findings with (rules/context.ts). */
import assert from 'node:assert/strict';
import { cannotDecide, finding, lineSpan, spanText } from '../../../server/src/rules/context';

const span = { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } };

describe('rule context helpers', () => {
  it('a finding takes its code\'s default severity and no related locations or fixes unless given', () => {
    const f = finding('GS204', '/a.py', span, 'decimal');
    assert.deepEqual(f, { code: 'GS204', severity: 'warning', message: 'decimal', file: '/a.py', span, related: [], fixes: [] });
    const related = [{ file: '/b.py', span, message: 'here' }];
    const fixes = [{ title: 't', preferred: true, edits: [] }];
    assert.deepEqual(finding('GS204', '/a.py', span, 'm', { related, fixes, severity: 'error' }), { ...f, message: 'm', severity: 'error', related, fixes });
  });

  it('a rule that cannot decide says so at information level', () => {
    assert.equal(cannotDecide('GS110', '/a.py', span, 'unknown').severity, 'information');
  });

  it('a whole m5.cpt line: 1-based line N is the 0-based line N-1 up to the start of the next; line 0 stays on the first', () => {
    assert.deepEqual(lineSpan(3), { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } });
    assert.deepEqual(lineSpan(1), { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
    assert.deepEqual(lineSpan(0), lineSpan(1));
  });

  it('the text a single-line span covers; none for a multi-line span, a missing line or no text', () => {
    assert.equal(spanText('x = 1\nsize = "5GB"\n', span), ' = "5');
    assert.equal(spanText('x = 1\nsize = "5GB"\n', { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }), 'size');
    assert.equal(spanText('x = 1\nsize\n', { start: { line: 0, character: 0 }, end: { line: 1, character: 2 } }), null);
    assert.equal(spanText('x = 1', { start: { line: 5, character: 0 }, end: { line: 5, character: 2 } }), null);
    assert.equal(spanText(null, span), null);
    assert.equal(spanText('', span), null);
  });
});
