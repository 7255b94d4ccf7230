import assert from 'node:assert/strict';
import { ScriptDocument } from '../../../server/src/config/scriptDocument';
import type { Gem5ScriptModel } from '../../../server/src/config/types';
import { gem5Script } from '../../support/generateScripts';

/** What a model says, for comparing two models: syntax nodes as their name and range, bigints as text. */
function said(model: unknown): string {
  return JSON.stringify(model, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v && typeof v === 'object' && 'type' in v && 'from' in v && 'to' in v && 'parent' in v) {
      const n = v as unknown as { name: string; from: number; to: number };
      return `${n.name}@${n.from}-${n.to}`;
    }
    return v;
  });
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PATH = '/w/configs/gen.py';
const fresh = (text: string) => new ScriptDocument(PATH, text).model;

/** Applies `insert` in place of `find` (its first occurrence after `after`) and checks the model against a fresh one. */
function replace(doc: ScriptDocument, find: string, insert: string, what: string, after = 0): void {
  const at = doc.text.indexOf(find, after);
  assert.ok(at >= 0, `${find} is in the text (${what})`);
  doc.applyEdits([{ from: at, to: at + find.length, insert }]);
  assert.equal(said(doc.model), said(fresh(doc.text)), what);
}

const BASE = [
  'import argparse', 'import m5', 'from gem5.components.memory import SingleChannelDDR4_2400', '',
  'parser = argparse.ArgumentParser()',
  'parser.add_argument("--a", type=int, default=1)',
  'if True:', '    parser.add_argument("--b", default="x")', '# a comment', '# another',
  'parser.add_argument("--c", default=3)',
  'def helper(x):', '    return x', '',
  'parser.add_argument("--d", choices=["p", "q"], default="p")',
  'memory = SingleChannelDDR4_2400(size="2GiB")',
  'args = parser.parse_args()', '',
].join('\n');

describe('module-level statements kept across edits of an open script', () => {
  it('after a one-character edit in a 2,000-line script looks up only the statements around it and keeps the rest', () => {
    const doc = new ScriptDocument(PATH, gem5Script(2000));
    const before = (doc.model as Gem5ScriptModel).options.length;
    const at = doc.text.indexOf('default=7') + 'default='.length;
    doc.applyEdits([{ from: at, to: at + 1, insert: '8' }]);
    const options = (doc.model as Gem5ScriptModel).options;
    assert.equal(options.length, before);
    assert.ok(doc.statements.lastLookedUp <= 5, `looked up ${doc.statements.lastLookedUp} statements`);
    assert.ok(doc.statements.lastTaken > 1000, `took ${doc.statements.lastTaken} statements unseen`);
    assert.equal(said(doc.model), said(fresh(doc.text)));
  });

  it('reads again the statements whose extent, place or meaning an edit changes, and gives the model of a fresh document', () => {
    const doc = new ScriptDocument(PATH, BASE);
    assert.equal(said(doc.model), said(fresh(doc.text)), 'first version');
    replace(doc, 'default=1)', 'default=2)', 'a literal default changed');
    replace(doc, '# another\n', '# another\nelse:\n    parser.add_argument("--e")\n', 'an else: extends the if across comments');
    replace(doc, 'import argparse\n', 'import argparse\n\n\n', 'lines added above every option');
    replace(doc, 'parser.add_argument("--c"', 'x = 0; parser.add_argument("--c"', 'an option moved right on its line');
    replace(doc, 'default=3)', 'default=3) \\\n    if True else None', 'a continuation line joins the next one');
    replace(doc, 'default="p")', 'default=BASE)', 'a default that is no longer a literal');
    replace(doc, 'def helper(x):\n', 'def helper(x):\n    parser.add_argument("--f", default=5)\n', 'an option inside a def');
    replace(doc, 'import m5\n', 'import sst\n', 'the script becomes an SST script');
    replace(doc, 'import sst\n', 'import m5\n', 'and a gem5 script again');
    replace(doc, 'parser = argparse', '"""\nparser = argparse', 'a string opens (a syntax error: read whole)');
    replace(doc, 'memory = Single', '"""\nmemory = Single', 'and closes, swallowing the statements between');
    replace(doc, '"""\nmemory = Single', 'memory = Single', 'the closing quote removed (an error again)');
    replace(doc, '"""\nparser = argparse', 'parser = argparse', 'the opening quote removed: back to the options');
    replace(doc, 'memory = SingleChannelDDR4_2400(size="2GiB")\n', '', 'a statement deleted');
    // Two edits in one batch, far apart.
    const a = doc.text.indexOf('"--a"') + 3;
    const d = doc.text.indexOf('"--d"') + 3;
    doc.applyEdits([{ from: a, to: a + 1, insert: 'aa' }, { from: d + 1, to: d + 2, insert: '' }]);
    assert.equal(said(doc.model), said(fresh(doc.text)), 'two edits far apart');
    const flags = (doc.model as Gem5ScriptModel).options.map((o) => o.flags[0]);
    assert.ok(flags.includes('--aa') && flags.includes('--'), `the options of both edits changed: ${flags.join(' ')}`);
  });

  it('keeps the model equal to a fresh one through random edits, also ones that break or join statements', () => {
    const random = rng(19);
    const doc = new ScriptDocument(PATH, gem5Script(120));
    const pieces = ['\n', 'x', '7', ' ', '"', '"""', '(', ')', '\\\n', 'else:\n    pass\n', '; y = 1', '    ', 'if x:\n    ', '#',
      'parser.add_argument("--n", default=4)\n', '\nparser.add_argument("--m", type=int)\n', 'import sst\n', 'del x\n'];
    let taken = 0;
    let valid = 0;
    const check = (what: string) => {
      const expected = fresh(doc.text);
      // With a syntax error only the errors and the kind are compared: lezer's incremental parse of a broken text may
      // recover differently from a fresh parse (also before statements were kept), and no rule reads such a model.
      if (expected.syntaxErrors.length) {
        assert.equal(said([doc.model.kind, doc.model.syntaxErrors]), said([expected.kind, expected.syntaxErrors]), what);
        return;
      }
      assert.equal(said(doc.model), said(expected), what);
      valid++;
      taken += doc.statements.lastTaken;
    };
    for (let i = 0; i < 120; i++) {
      const at = Math.floor(random() * doc.text.length);
      const to = Math.min(doc.text.length, at + (random() < 0.3 ? Math.floor(random() * 40) : Math.floor(random() * 3)));
      const removed = doc.text.slice(at, to);
      const insert = pieces[Math.floor(random() * pieces.length)];
      doc.applyEdits([{ from: at, to, insert }]);
      // Some versions are never modelled (a burst): the change accumulates until the next model.
      if (random() < 0.8) check(`after edit ${i}`);
      // An edit that breaks the text is undone (a random edit mostly does; a broken text keeps nothing), others often.
      if (fresh(doc.text).syntaxErrors.length || random() < 0.3) {
        doc.applyEdits([{ from: at, to: at + insert.length, insert: removed }]);
        if (random() < 0.8) check(`after undoing edit ${i}`);
      }
    }
    assert.ok(valid > 50, `versions without a syntax error were compared (${valid})`);
    assert.ok(taken > 1000, `statements were taken from earlier versions (${taken})`);
  });
});

describe('why the option set is open, kept per statement across edits', () => {
  const optionsOpen = (doc: ScriptDocument) => (doc.model as Gem5ScriptModel).optionsOpen ?? null;
  const freshOpen = (text: string) => (fresh(text) as Gem5ScriptModel).optionsOpen ?? null;

  it('names the call the parser is passed to, on its line after lines above it came and went', () => {
    const doc = new ScriptDocument(PATH, BASE + 'Options.addCommonOptions(parser)\n');
    assert.match(optionsOpen(doc) ?? '', /passed to Options\.addCommonOptions \(line 18\)/);
    replace(doc, 'import argparse\n', 'import argparse\n\n\n', 'two lines added above');
    assert.match(optionsOpen(doc) ?? '', /\(line 20\)/);
    replace(doc, 'def helper(x):', 'def addCommonOptions(x):', 'a def of the same name makes the call one the model reads');
    assert.equal(optionsOpen(doc), null);
    replace(doc, 'def addCommonOptions(x):', 'def helper(x):', 'and its removal opens the set again');
    assert.match(optionsOpen(doc) ?? '', /passed to Options\.addCommonOptions \(line 20\)/);
    replace(doc, 'Options.addCommonOptions(parser)', 'print(parser)', 'a harmless call');
    assert.equal(optionsOpen(doc), null);
  });

  it('equals a fresh document\'s through random edits that pass the parser around, rename it and define helpers', () => {
    const random = rng(7);
    const doc = new ScriptDocument(PATH, gem5Script(150) + 'add_more(parser)\n');
    // Whole statements go in at line starts (most versions stay valid); single characters anywhere.
    const statements = ['p2 = argparse.ArgumentParser()\n', 'add_more(p2)\n', 'def add_more(q):\n    pass\n', 'print(parser)\n',
      'other(parser, 1)\n', 'parser.add_argument("--z")\n', 'f(x, parser=parser)\n', '# add_more(parser)\n', '\n'];
    const chars = ['x', ' ', '"', '(', ')', '#', '\n'];
    let compared = 0;
    let open = 0;
    for (let i = 0; i < 320; i++) {
      let at = Math.floor(random() * doc.text.length);
      let to = at;
      let insert: string;
      if (random() < 0.6) {
        at = doc.text.lastIndexOf('\n', at) + 1;
        insert = statements[Math.floor(random() * statements.length)];
        // Sometimes a whole line goes instead.
        if (random() < 0.3) {
          to = doc.text.indexOf('\n', at) + 1 || doc.text.length;
          insert = '';
        }
      } else {
        to = Math.min(doc.text.length, at + Math.floor(random() * 3));
        insert = chars[Math.floor(random() * chars.length)];
      }
      const removed = doc.text.slice(at, to);
      doc.applyEdits([{ from: at, to, insert }]);
      if (fresh(doc.text).syntaxErrors.length) {
        doc.applyEdits([{ from: at, to: at + insert.length, insert: removed }]);
        continue;
      }
      if (random() < 0.2) continue; // a burst: the next model sees both edits
      const got = optionsOpen(doc);
      assert.equal(got, freshOpen(doc.text), `after edit ${i} (${JSON.stringify(insert)} at ${at})`);
      compared++;
      if (got) open++;
    }
    assert.ok(compared > 60 && open > 20 && open < compared, `compared ${compared} versions, ${open} with an open set`);
  });
});
