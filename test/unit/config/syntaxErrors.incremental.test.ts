/**
 * Re-checking after an edit restarts at the top-level statement before it; the answer must be the one a check
 * from scratch gives, for every edit of a seeded sequence (kept in the texts it produces, like typing).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstSyntaxError, firstSyntaxErrorFromScratch } from '../../../server/src/config/pySyntax';
import { gem5Script, sstScript } from '../../support/generateScripts';
import { applyMutation } from '../../support/syntaxMutations';

const KINDS = ['delete-char', 'duplicate-char', 'delete-line', 'duplicate-line', 'insert-open', 'insert-close', 'insert-quote',
  'indent-line', 'dedent-line', 'truncate', 'delete-comma', 'delete-colon'];

describe('syntax check restarted after an edit', () => {
  it('gives the same first error as a check from scratch along 400 seeded edits of two scripts', () => {
    const ops = fc.sample(fc.record({ kind: fc.constantFrom(...KINDS), at: fc.nat(), extra: fc.nat(1000), undo: fc.boolean() }), { seed: 14, numRuns: 400 });
    const originals = [gem5Script(400, 3), sstScript(4)];
    let texts = [...originals];
    let withError = 0;
    ops.forEach((op, i) => {
      const which = i % 2;
      // Half the edits build on the previous text, the others go back to the original (like undo), so the
      // cache restarts both after and before the previous edit.
      const base = op.undo ? originals[which] : texts[which];
      const next = op.kind === 'truncate' ? base : applyMutation(base, op).text;
      texts = which === 0 ? [next, texts[1]] : [texts[0], next];
      const incremental = firstSyntaxError(next);
      assert.deepEqual(incremental, firstSyntaxErrorFromScratch(next), `edit ${i}: ${op.kind} at ${op.at}`);
      if (incremental) withError++;
    });
    assert.ok(withError > 100, `the edits produce errors (${withError})`);
  });

  it('typing a line character by character moves the one error along with the text', () => {
    const base = gem5Script(300, 5);
    const line = 'value = helper_1(1, [2, 3], {"k": 4}) if args.cpu_type == "kvm" else None';
    const at = base.indexOf('\n', base.length >> 1) + 1;
    for (let n = 0; n <= line.length; n++) {
      const text = `${base.slice(0, at)}${line.slice(0, n)}\n${base.slice(at)}`;
      assert.deepEqual(firstSyntaxError(text), firstSyntaxErrorFromScratch(text), JSON.stringify(line.slice(0, n)));
    }
    assert.equal(firstSyntaxError(`${base.slice(0, at)}${line}\n${base.slice(at)}`), null);
  });
});
