// The getopt emulation against CPython's getopt: random command lines and option specs; the model's getopt and
// gnu_getopt must return what CPython returns (or both reject the command line), except where gnu_getopt's answer
// depends on POSIXLY_CORRECT, which the model rightly does not know.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { getopt, gnuGetopt } from '../../../server/src/config/interp/domains/getopt';
import { PyRaise } from '../../../server/src/config/interp/limits';
import { seededRandom } from '../../support/seededRandom';

const rng = seededRandom;

const ARGS = ['-n', '4', '-nq', '-qn3', '-q', '-x', '--size', '--size=2', '--si', '--s', '--verb', '--verbose', '--verbatim=1', '--', '-', 'trace', '--=v', '-:', 'a b', '--verbose=', '-n='];
const SHORTS = ['', 'n:', 'qn:', 'n:qx:', '+n:q', ':n', 'q', 'x::n:'];
const LONGS = [[], ['size='], ['size=', 'verbose'], ['verbose', 'verbatim'], ['verbose', 'verbatim=', 'size'], ['s', 'size=']];

interface Case { args: string[]; shorts: string; longs: string[]; gnu: boolean }

function cases(seed: number, n: number): Case[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, () => ({
    args: Array.from({ length: Math.floor(r() * 6) }, () => pick(ARGS)),
    shorts: pick(SHORTS),
    longs: pick(LONGS),
    gnu: r() < 0.5,
  }));
}

const SCRIPT = `
import getopt, json, sys
out = []
for c in json.loads(sys.stdin.read()):
    try:
        f = getopt.gnu_getopt if c["gnu"] else getopt.getopt
        opts, rest = f(c["args"], c["shorts"], c["longs"])
        out.append([[list(p) for p in opts], rest])
    except getopt.GetoptError:
        out.append("error")
print(json.dumps(out))
`;

function model(c: Case): unknown {
  try {
    const p = c.gnu ? gnuGetopt(c.args, c.shorts, c.longs) : getopt(c.args, c.shorts, c.longs);
    return p === null ? null : [p.opts, p.rest];
  } catch (e) {
    if (e instanceof PyRaise) return 'error';
    throw e;
  }
}

describe('getopt emulation against CPython', () => {
  it('gives CPython getopt/gnu_getopt results or GetoptError on random command lines', function () {
    const all = cases(Number(process.env.GETOPT_FUZZ_SEED ?? 7), 2000);
    const env = { ...process.env };
    delete env.POSIXLY_CORRECT;
    const py = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(all), encoding: 'utf8', env, maxBuffer: 64 << 20 });
    if (py.status !== 0) throw new Error(`python3 failed: ${py.stderr}`);
    const expected = JSON.parse(py.stdout) as unknown[];
    let answered = 0;
    let errors = 0;
    all.forEach((c, i) => {
      const got = model(c);
      if (got === null) return;
      answered++;
      if (got === 'error') errors++;
      assert.deepEqual(got, expected[i], `case ${i}: ${JSON.stringify(c)}`);
    });
    // Most cases are answered, and both outcomes occur: the comparison is not vacuous.
    assert.ok(answered > all.length * 0.8, `answered ${answered} of ${all.length}`);
    assert.ok(errors > 100 && errors < answered - 100, `errors ${errors} of ${answered}`);
  });
});
