// The `re` emulation against CPython's re: random patterns from the syntax both engines share (and some they do
// not), random subjects; wherever the model answers, it must answer what CPython does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parser } from '@lezer/python';
import { runScript } from '../../../server/src/config/interp/run';
import { LineIndex } from '../../../server/src/config/lineIndex';
import { seededRandom } from '../../support/seededRandom';

const ATOMS = ['a', 'b', 'ab', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c]', '[]a]', '\\.', '-', 'x', ' ', '\\b', '^', '$', '\\n'];
// Mostly what both engines share; `{,2}` and possessive `*+` (Python only) must come out unknown.
const QUANT = ['', '', '', '', '', '*', '+', '?', '{2}', '{1,2}', '*?', '+?', '*', '+', '{,2}', '*+'];

const rng = seededRandom;

function randomPattern(r: () => number, depth = 0): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const n = 1 + Math.floor(r() * 3);
  let out = '';
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.15 && depth < 2) out += `(${randomPattern(r, depth + 1)})`;
    else if (roll < 0.22 && depth < 2) out += `(?P<g${depth}${i}>${randomPattern(r, depth + 1)})`;
    else if (roll < 0.27 && depth < 2) out += `(?:${randomPattern(r, depth + 1)}|${randomPattern(r, depth + 1)})`;
    else out += pick(ATOMS);
    out += pick(QUANT);
  }
  return out;
}

function randomSubject(r: () => number): string {
  const chars = 'aabbcx -.1\n';
  return Array.from({ length: Math.floor(r() * 9) }, () => chars[Math.floor(r() * chars.length)]).join('');
}

/** The same four calls in CPython, printed with repr() as the model prints them. */
const SCRIPT = `
import json, re, sys
out = []
for p, s in json.loads(sys.stdin.read()):
    try:
        m = re.search(p, s)
        search = None if m is None else [m.span(), m.groups()]
        out.append(repr([search, re.findall(p, s), re.sub(p, "<\\\\g<0>>", s), re.split(p, s)]))
    except re.error:
        out.append("error")
print(json.dumps(out))
`;

/** The model's answers for the same four calls, or null where it says unknown. */
function modelAnswers(p: string, s: string): string {
  const text = [
    'import re',
    `m = re.search(${JSON.stringify(p)}, ${JSON.stringify(s)})`,
    'search = None if m is None else [m.span(), m.groups()]',
    `findall = re.findall(${JSON.stringify(p)}, ${JSON.stringify(s)})`,
    `sub = re.sub(${JSON.stringify(p)}, "<\\\\g<0>>", ${JSON.stringify(s)})`,
    `split = re.split(${JSON.stringify(p)}, ${JSON.stringify(s)})`,
    'answer = repr([search, findall, sub, split])',
  ].join('\n');
  const { interp } = runScript({ source: { path: '/virtual/re_case.py', text, tree: parser.parse(text), lines: new LineIndex(text) } as never, moduleName: '__main__', loader: null });
  const v = interp.main.globals.vars.get('answer');
  return v?.kind === 'str' ? v.value! : 'unknown';
}

describe('re emulation against CPython (random patterns and subjects)', function () {
  this.timeout(120_000);

  it('answers what CPython answers wherever it answers, and answers most cases of the shared syntax', () => {
    const r = rng(Number(process.env.RE_FUZZ_SEED ?? 20261201));
    const cases: [string, string][] = Array.from({ length: Number(process.env.RE_FUZZ_CASES ?? 400) }, () => [randomPattern(r), randomSubject(r)]);
    const py = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    const expected = JSON.parse(py.stdout) as string[];
    let answered = 0;
    const valid = expected.filter((e) => e !== 'error').length;
    const wrong: string[] = [];
    cases.forEach(([p, s], i) => {
      const got = modelAnswers(p, s);
      if (got === 'unknown') return;
      answered++;
      if (got !== expected[i]) wrong.push(`${JSON.stringify(p)} on ${JSON.stringify(s)}: CPython ${expected[i]}, model ${got}`);
    });
    assert.deepEqual(wrong.slice(0, 10), []);
    // Random patterns often use what only one engine has (repeated capture groups, possessives, `{,n}`): those
    // must be unknown, the rest answered.
    assert.ok(answered > valid * 0.5, `the model answered only ${answered} of ${valid} patterns CPython accepts`);
  });
});

