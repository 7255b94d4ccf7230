/** Line hunks and the unified diff reproduce the edited text exactly, for any pair of texts. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyEdits, hunkEdits, lineHunks, unifiedDiff } from '../../../server/src/retarget';

const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'x = 1', '', '    "--ckpt-dir=x",'), { maxLength: 12 });
const textOf = (ls: string[], nl: boolean) => ls.join('\n') + (nl ? '\n' : '');

describe('retarget text edits', () => {
  it('the hunks, applied as whole-line edits, turn the old text into the new one', () => {
    fc.assert(fc.property(lines, lines, fc.boolean(), fc.boolean(), (a, b, na, nb) => {
      const before = textOf(a, na);
      const after = textOf(b, nb);
      assert.equal(applyEdits(before, hunkEdits(before, lineHunks(before, after))), after);
    }), { numRuns: 400 });
  });

  it('applyEdits refuses overlapping edits', () => {
    const span = (a: number, b: number) => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });
    assert.throws(() => applyEdits('abcdef', [{ span: span(0, 3), newText: 'x' }, { span: span(2, 4), newText: 'y' }]), /overlapping/);
    assert.equal(applyEdits('abcdef', [{ span: span(4, 6), newText: 'Z' }, { span: span(0, 1), newText: 'A' }]), 'AbcdZ');
  });

  it('patch(1) applies the unified diff and gives the new text', function () {
    try {
      execFileSync('patch', ['--version'], { stdio: 'ignore' });
    } catch {
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'retarget-diff-'));
    try {
      fc.assert(fc.property(lines, lines, (a, b) => {
        const before = textOf(a, true);
        const after = textOf(b, true);
        const diff = unifiedDiff(before, after, 'a/f.py', 'b/f.py');
        if (before === after) return assert.equal(diff, '');
        writeFileSync(join(dir, 'f.py'), before);
        writeFileSync(join(dir, 'd.patch'), diff);
        execFileSync('patch', ['-s', '-p1', '-i', 'd.patch'], { cwd: dir });
        assert.equal(readFileSync(join(dir, 'f.py'), 'utf8'), after);
      }), { numRuns: 60 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
