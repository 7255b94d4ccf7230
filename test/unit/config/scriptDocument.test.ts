import assert from 'node:assert/strict';
import { parser } from '@lezer/python';
import { ScriptDocument } from '../../../server/src/config/scriptDocument';
import { gem5Script } from '../../support/generateScripts';

describe('ScriptDocument: edits now, parse when asked', () => {
  const base = gem5Script(600);

  it('applies a burst of edits without parsing, then one read gives the tree of the final text', () => {
    const doc = new ScriptDocument('gen.py', base);
    assert.equal(doc.isParsed, false, 'opening does not parse');
    void doc.tree;
    let expected = base;
    const at = base.indexOf('default=7');
    for (let i = 0; i < 500; i++) {
      // Type "x" then delete it again, at shifting places, like a paste undone character by character.
      const from = at + (i % 40);
      const edit = i % 2 === 0 ? { from, to: from, insert: 'x' } : { from: from - 1, to: from, insert: '' };
      doc.applyEdits([edit]);
      expected = expected.slice(0, edit.from) + edit.insert + expected.slice(edit.to);
      assert.equal(doc.isParsed, false, `edit ${i} parsed`);
    }
    assert.equal(doc.text, expected);
    assert.equal(doc.version, 500);
    assert.equal(doc.tree.toString(), parser.parse(expected).toString());
    assert.equal(doc.isParsed, true);
  });

  it('gives the same tree and model as a fresh document after edits interleaved with reads and a setText', () => {
    const doc = new ScriptDocument('gen.py', base);
    const at = base.indexOf('"--ckpt-dir"');
    doc.applyEdits([{ from: at + 1, to: at + 3, insert: '--' }]);
    void doc.model;
    doc.applyEdits([{ from: 0, to: 0, insert: '# head\n' }, { from: 7, to: 7, insert: 'import sys\n' }]);
    const fresh = new ScriptDocument('gen.py', doc.text);
    assert.equal(doc.tree.toString(), fresh.tree.toString());
    assert.deepEqual(doc.model, fresh.model);
    doc.setText('import sst\n');
    assert.equal(doc.isParsed, false);
    assert.equal(doc.model.kind, 'sst');
  });

  it('clamps edits outside the text instead of corrupting it', () => {
    const doc = new ScriptDocument('x.py', 'abc');
    doc.applyEdits([{ from: 10, to: 20, insert: 'd' }, { from: -5, to: 1, insert: 'Z' }]);
    assert.equal(doc.text, 'Zbcd');
  });
});
