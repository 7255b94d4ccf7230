import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@lezer/python';
import type { Tree } from '@lezer/common';
import { MODEL_CALL, modelSites } from '../../../server/src/config/gem5Model';
import { ScriptDocument } from '../../../server/src/config/scriptDocument';
import { calleeLastName } from '../../../server/src/config/syntax';
import type { Gem5ScriptModel } from '../../../server/src/config/types';
import { findCorpus } from '../../support/corpusJobs';
import { gem5Script } from '../../support/generateScripts';

/** The sites a walk over every node of the tree finds: the reference modelSites must agree with. */
function walkedSites(tree: Tree, text: string): string[] {
  const out: string[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name === 'CallExpression') {
        const last = calleeLastName(ref.node, text);
        if (last && MODEL_CALL.test(last)) out.push(`call ${ref.from}:${ref.to}`);
      } else if (ref.name === 'AssignStatement' && text.slice(ref.from, ref.to).includes('sim_quantum')) {
        out.push(`assign ${ref.from}:${ref.to}`);
      }
    },
  });
  return out;
}

const siteKeys = (tree: Tree, text: string) => modelSites(tree, text).map((s) => `${s.kind} ${s.node.from}:${s.node.to}`);

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) pythonFiles(p, out);
    else if (name.endsWith('.py')) out.push(p);
  }
  return out;
}

/** What a model says, for comparing two models cheaply: syntax nodes as their name and range, bigints as text. */
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

/** Deterministic pseudo-random numbers (the same edits on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('gem5 model read incrementally: the same model as a fresh document', () => {
  it('finds the model calls from their names in the text exactly where a walk over every node finds them', () => {
    const texts = [gem5Script(400), 'x = "SimpleMemory(" # Board(\nm5.checkpoint (d)\nb = f"{X86Board(p)}"\ns.sim_quantum = 1\n'];
    const corpus = findCorpus();
    if (corpus) texts.push(...pythonFiles(corpus).map((f) => readFileSync(f, 'utf8')));
    for (const text of texts) {
      const tree = parser.parse(text);
      assert.deepEqual(siteKeys(tree, text), walkedSites(tree, text));
    }
  });

  it('gives the same sites as a full walk on texts broken by random edits (error recovery included)', () => {
    const random = rng(7);
    let text = gem5Script(200);
    const pieces = ['(', ')', '\n', '    ', 'SimpleMemory(', 'add_argument(', '"', '#', 'if x:\n', ',', 'Board'];
    for (let i = 0; i < 60; i++) {
      const at = Math.floor(random() * text.length);
      const del = Math.floor(random() * 4);
      text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + del);
      const tree = parser.parse(text);
      assert.deepEqual(siteKeys(tree, text), walkedSites(tree, text), `after edit ${i}`);
    }
  });

  it('re-reads an add_argument call whose default, position or line changed, and one whose value is not a literal', () => {
    const text = [
      'import argparse', 'import m5', 'BASE = 3', 'parser = argparse.ArgumentParser()',
      'parser.add_argument("--a", type=int, default=1)', 'parser.add_argument("--b", type=int, default=BASE)',
      'args = parser.parse_args()', '',
    ].join('\n');
    const doc = new ScriptDocument('/w/gen.py', text);
    const options = () => (doc.model as Gem5ScriptModel).options;
    const sameAsFresh = (what: string) => assert.equal(said(doc.model), said(new ScriptDocument('/w/gen.py', doc.text).model), what);
    assert.deepEqual(options()[0].default, { kind: 'int', value: 1n });
    const edit = (from: number, to: number, insert: string) => doc.applyEdits([{ from, to, insert }]);

    edit(doc.text.indexOf('default=1') + 8, doc.text.indexOf('default=1') + 9, '2');
    assert.deepEqual(options()[0].default, { kind: 'int', value: 2n });
    sameAsFresh('after changing a literal default');

    edit(0, 0, '# a new first line\n');
    assert.equal(options()[0].span.start.line, 5, 'the option moved down one line');
    sameAsFresh('after a line was added above');

    const lineStart = doc.text.indexOf('parser.add_argument("--a"');
    edit(lineStart, lineStart, 'x = 0; ');
    assert.equal(options()[0].span.start.character, 7, 'the option moved right on its line');
    sameAsFresh('after text was added before it on its line');

    edit(doc.text.indexOf('BASE = 3') + 7, doc.text.indexOf('BASE = 3') + 8, '9');
    assert.deepEqual(options()[1].default, { kind: 'int', value: 9n }, 'a default read from a variable follows the variable');
    sameAsFresh('after the variable a default reads changed');

    const call = doc.text.indexOf('parser.add_argument("--a"');
    edit(call, call, 'parser.add_argument("--a", default=(1 2)) or ');
    sameAsFresh('after an add_argument with an error inside');
    edit(call, call + 'parser.add_argument("--a", default=(1 2)) or '.length, '');
    sameAsFresh('after the broken call was removed again');
  });

  it('keeps the model of an edited document equal to a fresh analysis through random edits', () => {
    const random = rng(11);
    const doc = new ScriptDocument('/w/gen.py', gem5Script(300));
    const pieces = ['\n', 'x', '7', ' ', '"', '(', ')', 'parser.add_argument("--n", default=4)\n', '#'];
    for (let i = 0; i < 30; i++) {
      const at = Math.floor(random() * doc.text.length);
      const del = Math.floor(random() * 3);
      doc.applyEdits([{ from: at, to: Math.min(doc.text.length, at + del), insert: pieces[Math.floor(random() * pieces.length)] }]);
      assert.equal(said(doc.model), said(new ScriptDocument('/w/gen.py', doc.text).model), `after edit ${i}`);
    }
  });
});
