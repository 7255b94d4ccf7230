// format(value, spec) and printf-style `fmt % value` against CPython: random specs over ints, floats (ties, tiny,
// huge, negative zero), strings and bools. Wherever the model answers, it must give CPython's text — and it must
// not answer where CPython raises.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pyFormatValue, pyPercentFormat } from '../../../server/src/config/pyFormat';
import type { PyValue } from '../../../server/src/config/types';
import { seededRandom } from '../../support/seededRandom';

const rng = seededRandom;

type Wire = { k: 'int' | 'float' | 'str' | 'bool'; v: string };

const FLOATS = ['0', '-0', '0.5', '2.5', '1.5', '0.125', '2000', '1e-05', '2.5e-05', '0.0001', '123456.789', '1e+16', '1e+22', '9.9999995', '999999.5', '0.1', '-3.14159', '6442450944', '1e-07', '1234567', '0.000123456'];

function randomValue(r: () => number): Wire {
  const roll = r();
  if (roll < 0.3) return { k: 'int', v: String(Math.floor((r() - 0.5) * (r() < 0.2 ? 1e12 : 2000))) };
  if (roll < 0.75) {
    if (r() < 0.5) return { k: 'float', v: FLOATS[Math.floor(r() * FLOATS.length)] };
    return { k: 'float', v: String((r() - 0.3) * 10 ** Math.floor(r() * 24 - 10)) };
  }
  if (roll < 0.95) return { k: 'str', v: ['ab', '', 'node3', 'x y', 'core12'][Math.floor(r() * 5)] };
  return { k: 'bool', v: r() < 0.5 ? 'True' : 'False' };
}

function toPy(w: Wire): PyValue {
  switch (w.k) {
    case 'int': return { kind: 'int', value: BigInt(w.v) };
    case 'float': return { kind: 'float', value: Number(w.v) };
    case 'str': return { kind: 'str', value: w.v };
    case 'bool': return { kind: 'bool', value: w.v === 'True' };
  }
}

function randomSpec(r: () => number): string {
  const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
  return pick(['', '', '', '<', '>', '^', '*>', '0=']) + pick(['', '', '+', ' ', '-']) + pick(['', '', '#']) + pick(['', '', '0']) + pick(['', '', '3', '8', '12']) + pick(['', '', '', ',', '_']) + pick(['', '', '.0', '.1', '.3', '.6', '.10']) + pick(['', 'd', 's', 'f', 'e', 'E', 'g', 'G', '%', 'x', 'n']);
}

function randomPercent(r: () => number): string {
  const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
  return '%' + pick(['', '', '-', '+', ' ', '0', '#', '-0']) + pick(['', '', '3', '8', '12']) + pick(['', '', '.0', '.2', '.6']) + pick(['s', 'r', 'd', 'i', 'f', 'e', 'g', 'G', 'x', 'X', 'o', 'c']) + pick(['', '|']);
}

const SCRIPT = `
import json, sys
def value(w):
    return {"int": int, "float": float, "str": str, "bool": lambda s: s == "True"}[w["k"]](w["v"])
out = []
for c in json.loads(sys.stdin.read()):
    v = value(c["value"])
    try:
        out.append(format(v, c["spec"]) if c["kind"] == "format" else c["spec"] % (v,))
    except (ValueError, TypeError, OverflowError):
        out.append(None)
print(json.dumps(out))
`;

interface Case { kind: 'format' | 'percent'; spec: string; value: Wire }

describe('format() and % formatting against CPython', () => {
  it('gives CPython\'s text for random specs wherever the model answers, and no text where CPython raises', function () {
    const r = rng(Number(process.env.FORMAT_FUZZ_SEED ?? 11));
    const all: Case[] = Array.from({ length: 4000 }, (_, i) => ({ kind: i % 2 ? 'format' : 'percent', spec: i % 2 ? randomSpec(r) : randomPercent(r), value: randomValue(r) }));
    const py = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(all), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (py.status !== 0) throw new Error(`python3 failed: ${py.stderr}`);
    const expected = JSON.parse(py.stdout) as (string | null)[];
    let answered = 0;
    const wrong: string[] = [];
    all.forEach((c, i) => {
      const v = toPy(c.value);
      const got = c.kind === 'format' ? pyFormatValue(v, c.spec) : pyPercentFormat(c.spec, { single: v });
      if (got === null) return;
      answered++;
      if (got !== expected[i]) wrong.push(`case ${i}: ${c.kind} ${JSON.stringify(c.spec)} of ${c.value.k} ${c.value.v}: model ${JSON.stringify(got)}, CPython ${JSON.stringify(expected[i])}`);
    });
    assert.deepEqual(wrong.slice(0, 40), [], `${wrong.length} wrong`);
    assert.ok(answered > all.length * 0.4, `answered ${answered} of ${all.length}`);
  });
});
