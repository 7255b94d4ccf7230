import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../../server/src/config/lineIndex';
import { ScriptDocument } from '../../../server/src/config/scriptDocument';

/** Everything a LineIndex answers about `text`: the position of every offset, and the offset of every line's ends. */
function answers(index: LineIndex, text: string): unknown {
  const positions = Array.from({ length: text.length + 2 }, (_, o) => index.positionAt(o));
  const offsets = Array.from({ length: index.lineCount + 1 }, (_, line) => [index.lineStart(line), index.offsetAt({ line, character: 0 }), index.offsetAt({ line, character: 1e6 })]);
  return { lineCount: index.lineCount, positions, offsets };
}

/** Texts of \n lines (the case followed edit by edit) or with \r\n and \r too (indexed again). */
const textOf = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));
const LF = ['a', 'bc', '\n', '\n\n', ' ', 'x\ny', ''];
const ANY = [...LF, '\r', '\r\n'];
/** An edit as fractions of the text it applies to, so it stays in range whatever came before. */
const editOf = (pieces: string[]) => fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(6), insert: textOf(pieces) });
const edit = editOf(ANY);

function apply(t: string, edits: { at: number; len: number; insert: string }[]): { text: string; edits: { from: number; to: number; insert: string }[] } {
  const out: { from: number; to: number; insert: string }[] = [];
  for (const e of edits) {
    const from = Math.floor(e.at * t.length);
    const to = Math.min(t.length, from + e.len);
    t = t.slice(0, from) + e.insert + t.slice(to);
    out.push({ from, to, insert: e.insert });
  }
  return { text: t, edits: out };
}

describe('line index made from the previous one and the edits since (LineIndex.afterEdits)', () => {
  for (const [what, pieces] of [['\\n line breaks', LF], ['\\r\\n, \\r and \\n line breaks', ANY]] as const) {
    it(`answers as an index of the new text made from scratch, for any edits of texts with ${what}`, () => {
      fc.assert(fc.property(textOf([...pieces]), fc.array(editOf([...pieces]), { minLength: 1, maxLength: 6 }), (before, edits) => {
        const after = apply(before, edits);
        assert.deepEqual(answers(LineIndex.afterEdits(new LineIndex(before), after.edits, after.text), after.text), answers(new LineIndex(after.text), after.text));
      }), { numRuns: 1500, seed: 5 });
    });
  }

  it('keeps a document\'s positions right through edits, bursts longer than it follows, and whole-text changes', () => {
    const random = fc.sample(fc.array(edit, { minLength: 1, maxLength: 25 }), { numRuns: 60, seed: 11 });
    const doc = new ScriptDocument('/w/a.py', 'import m5\nx = 1\n\ny = 2\n');
    let n = 0;
    for (const burst of random) {
      const applied = apply(doc.text, burst);
      // One batch, or edit by edit (each a change the next one builds on).
      if (n++ % 2) doc.applyEdits(applied.edits);
      else for (const e of applied.edits) doc.applyEdits([e]);
      assert.equal(doc.text, applied.text);
      if (n % 3) assert.deepEqual(answers(doc.lines, doc.text), answers(new LineIndex(doc.text), doc.text), `burst ${n}`);
      if (n % 17 === 0) doc.setText(`${doc.text}\nz = 3\n`);
    }
  });
});
