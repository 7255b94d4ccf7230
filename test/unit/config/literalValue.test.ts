/**
 * literalValue answers without running the script, so it must say what the interpreter records for the same
 * expression in a run (or nothing). Checked on folded forms (`+` and side-by-side strings, negated numbers,
 * parentheses) written here and on every such expression of the corpus scripts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@lezer/python';
import type { SyntaxNode, Tree } from '@lezer/common';
import { valueToPy } from '../../../server/src/config/interp/builtins';
import { runScript } from '../../../server/src/config/interp/run';
import { LineIndex } from '../../../server/src/config/lineIndex';
import { literalValue, nodeKey } from '../../../server/src/config/scriptValues';
import type { PyValue } from '../../../server/src/config/types';
import { findCorpus } from '../../support/corpusJobs';

const FOLDED = new Set(['BinaryExpression', 'ContinuedString', 'UnaryExpression', 'ParenthesizedExpression']);

/** Every node of a folded form with a literal value, and what the interpreter recorded for it (null: nothing). */
function compare(path: string, text: string): { node: string; literal: PyValue; ran: PyValue | null }[] {
  const tree: Tree = parser.parse(text);
  const values = runScript({ source: { path, text, tree, lines: new LineIndex(text) }, moduleName: '__m5_main__', loader: null, recordValues: true }).interp.values;
  const out: { node: string; literal: PyValue; ran: PyValue | null }[] = [];
  tree.iterate({
    enter(ref) {
      if (!FOLDED.has(ref.name)) return;
      const node: SyntaxNode = ref.node;
      const literal = literalValue(node, text);
      if (!literal) return;
      const v = values.get(nodeKey(node.from, node.to));
      out.push({ node: text.slice(node.from, node.to), literal, ran: v ? valueToPy(v) ?? null : null });
    },
  });
  return out;
}

const show = (v: PyValue | null) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));

describe('literal values without a run of the script', () => {
  it('folds strings joined by + or side by side, negated numbers and parentheses as the interpreter evaluates them', () => {
    const text = [
      'a = "x " + "y"',
      'b = ("first line, "\n     "second line")',
      'c = -1',
      'd = -2.5',
      'e = ("p" + "q") + "r"',
      'f = (7)',
      "g = 'single' 'double'",
      'h = [-1, "a" + "b"]',
      'i = -0x10',
      '',
    ].join('\n');
    const got = compare('/ws/folded.py', text);
    assert.deepEqual(got.map((g) => [g.node, show(g.literal)]), [
      ['"x " + "y"', show({ kind: 'str', value: 'x y' })],
      ['("first line, "\n     "second line")', show({ kind: 'str', value: 'first line, second line' })],
      ['"first line, "\n     "second line"', show({ kind: 'str', value: 'first line, second line' })],
      ['-1', show({ kind: 'int', value: -1n })],
      ['-2.5', show({ kind: 'float', value: -2.5 })],
      ['("p" + "q") + "r"', show({ kind: 'str', value: 'pqr' })],
      ['("p" + "q")', show({ kind: 'str', value: 'pq' })],
      ['"p" + "q"', show({ kind: 'str', value: 'pq' })],
      ['(7)', show({ kind: 'int', value: 7n })],
      ["'single' 'double'", show({ kind: 'str', value: 'singledouble' })],
      ['-1', show({ kind: 'int', value: -1n })],
      ['"a" + "b"', show({ kind: 'str', value: 'ab' })],
      ['-0x10', show({ kind: 'int', value: -16n })],
    ]);
    const ran = got.filter((g) => g.ran && g.ran.kind !== 'unknown');
    assert.ok(ran.length >= 10, `the interpreter recorded ${ran.length} of them`);
    for (const g of ran) assert.equal(show(g.literal), show(g.ran), g.node);
  });

  it('leaves to a run what only a run can say: names, f-strings, bytes, other operators, mixed types', () => {
    const text = 'n = 3\na = "x" + str(n)\nb = f"{n}" "y"\nc = b"x" + b"y"\nd = "x" * 2\ne = 1 + 2\nf = "x" + 1\ng = -n\nh = not 1\n';
    assert.deepEqual(compare('/ws/unfolded.py', text), []);
  });

  it('agrees with the interpreter on every folded literal of the corpus scripts', function () {
    const corpus = findCorpus() ?? '/work/shared/corpus';
    let files: string[];
    try {
      files = walk(corpus);
    } catch {
      this.skip();
    }
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const g of compare(file, text)) {
        if (!g.ran || g.ran.kind === 'unknown') continue;
        assert.equal(show(g.literal), show(g.ran), `${file}: ${g.node}`);
        checked++;
      }
    }
    assert.ok(checked > 20, `only ${checked} folded literals compared`);
  });
});

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.py')) out.push(p);
  }
  return out;
}
