import assert from 'node:assert/strict';
import { OpenDocuments } from '../../../server/src/workspace/documents';
import { ScriptDocument } from '../../../server/src/config/scriptDocument';
import { gem5Script } from '../../support/generateScripts';

describe('open documents: record edits, parse on demand', () => {
  const base = gem5Script(400);

  it('records changes without parsing and reports each one', () => {
    const changed: string[] = [];
    const docs = new OpenDocuments((p) => changed.push(p));
    docs.set('/w/a.py', base, 1);
    const doc = docs.document('/w/a.py')!;
    assert.equal(doc.isParsed, false);
    void doc.tree;
    docs.change('/w/a.py', [{ from: 0, to: 0, insert: '#' }], '#' + base, 2);
    assert.equal(doc.isParsed, true, 'the change itself does not touch the script document');
    assert.equal(docs.textOf('/w/a.py'), '#' + base);
    assert.equal(docs.versionOf('/w/a.py'), 2);
    assert.deepEqual(changed, ['/w/a.py', '/w/a.py']);
  });

  for (const count of [3, 2000]) {
    it(`catches up after ${count} ranged edits (replayed or one spanning edit) with the tree and model of the final text`, () => {
      const docs = new OpenDocuments();
      docs.set('/w/a.py', base, 1);
      void docs.document('/w/a.py')!.model;
      let text = base;
      const at = base.indexOf('default=7');
      for (let i = 0; i < count; i++) {
        const edit = i % 2 === 0 ? { from: at + i % 50, to: at + i % 50, insert: 'y' } : { from: at, to: at + 1, insert: '' };
        text = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
        docs.change('/w/a.py', [edit], text, i + 2);
      }
      const doc = docs.document('/w/a.py')!;
      assert.equal(doc.text, text);
      assert.equal(doc.isParsed, false);
      const fresh = new ScriptDocument('/w/a.py', text);
      assert.equal(doc.tree.toString(), fresh.tree.toString());
      assert.deepEqual(doc.model, fresh.model);
    });
  }

  it('falls back to the editor text when replayed edits do not reproduce it', () => {
    const docs = new OpenDocuments();
    docs.set('/w/a.py', 'import m5\n', 1);
    void docs.document('/w/a.py');
    docs.change('/w/a.py', [{ from: 0, to: 0, insert: 'WRONG' }], 'import m5\nx = 1\n', 2);
    assert.equal(docs.document('/w/a.py')!.text, 'import m5\nx = 1\n');
  });

  it('gives no script document for non-Python files and huge buffers, and forgets closed ones', () => {
    const docs = new OpenDocuments();
    docs.set('/w/m5.cpt', '[root]\n', 1);
    assert.equal(docs.document('/w/m5.cpt'), null);
    docs.set('/w/huge.py', 'x' .repeat(4 * 1024 * 1024 + 1), 1);
    assert.equal(docs.document('/w/huge.py'), null);
    docs.close('/w/huge.py');
    assert.equal(docs.has('/w/huge.py'), false);
    assert.deepEqual(docs.paths(), ['/w/m5.cpt']);
  });
});
