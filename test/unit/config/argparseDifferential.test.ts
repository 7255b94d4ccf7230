// The argparse emulation against CPython's argparse: parsers with positionals, BooleanOptionalAction, prefixes,
// nargs and actions, fed random command lines. Where the emulation reports no error, CPython must accept the
// command line with the same values (a value the emulation calls unknown is not compared); where it reports an
// error, CPython must reject it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { analyzeScript, emulateArgparse, type Gem5ScriptModel } from '../../../server/src/config';
import type { PyValue } from '../../../server/src/config/types';
import { seededRandom } from '../../support/seededRandom';

const rng = seededRandom;

const PARSERS = [
  `parser.add_argument("--cores", type=int, default=2)
parser.add_argument("--cpu-type", choices=["atomic", "timing", "o3"], default="atomic")
parser.add_argument("--cache", action=argparse.BooleanOptionalAction)
parser.add_argument("binary", nargs="?", default="hello")`,
  `parser.add_argument("-n", "--num", type=int)
parser.add_argument("--verbose", action="store_true")
parser.add_argument("workload")
parser.add_argument("extra", nargs="*")`,
  `parser.add_argument("--size", default="1GiB")
parser.add_argument("--sizes", nargs="+")
parser.add_argument("first", type=int)
parser.add_argument("second", nargs="?", type=int, default=7)`,
  `parser.add_argument("--mode", choices=["a", "b"])
parser.add_argument("--mod", action="store_true")
parser.add_argument("files", nargs=2)`,
  `parser.add_argument("kernel")
parser.add_argument("cpu", choices=["kvm", "timing", "o3"])
parser.add_argument("num", type=int, nargs="+")
parser.add_argument("--restore", default="")`,
];
const TOKENS = ['kvm', 'timing', '--restore', 'ck', '--cores', '4', '--cpu-type', 'timing', '--cpu', 'o3', '--cache', '--no-cache', '--no', 'bin', 'x', '7', '-n', '3', '-n5', '--num=2', '--verbose', 'w', '--size', '2GiB', '--sizes', 'a', 'b', '--mode', 'a', '--mo', '--mod', '--', '-x', 'y', '12'];

const SCRIPT = `
import argparse, json, sys
out = []
for case in json.loads(sys.stdin.read()):
    parser = argparse.ArgumentParser(exit_on_error=False, add_help=False)
    exec(case["parser"], {"parser": parser, "argparse": argparse})
    try:
        ns = parser.parse_args(case["argv"])
        out.append({"ok": True, "values": {k: v for k, v in vars(ns).items()}})
    except (argparse.ArgumentError, SystemExit):
        out.append({"ok": False})
print(json.dumps(out))
`;

/** A PyValue as JSON would carry it; undefined for unknown. */
function plain(v: PyValue): unknown {
  switch (v.kind) {
    case 'int': return Number(v.value);
    case 'float': case 'str': case 'bool': return v.value;
    case 'none': return null;
    case 'list': return v.items.some((i) => plain(i) === undefined) ? undefined : v.items.map(plain);
    default: return undefined;
  }
}

describe('argparse emulation against CPython', () => {
  it('accepts what CPython accepts with CPython\'s values, and rejects what it rejects, on random command lines', function () {
    const r = rng(Number(process.env.ARGPARSE_FUZZ_SEED ?? 5));
    const cases = Array.from({ length: 1500 }, () => ({
      parser: PARSERS[Math.floor(r() * PARSERS.length)],
      argv: Array.from({ length: Math.floor(r() * 6) }, () => TOKENS[Math.floor(r() * TOKENS.length)]),
    }));
    const py = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (py.status !== 0) throw new Error(`python3 failed: ${py.stderr}`);
    const expected = JSON.parse(py.stdout) as { ok: boolean; values?: Record<string, unknown> }[];
    const models = new Map(PARSERS.map((p) => [p, (analyzeScript('p.py', `import argparse\nimport m5\nparser = argparse.ArgumentParser()\n${p}\nargs = parser.parse_args()\n`) as Gem5ScriptModel).options]));
    const wrong: string[] = [];
    let accepted = 0;
    let rejected = 0;
    cases.forEach((c, i) => {
      const got = emulateArgparse(models.get(c.parser)!, c.argv);
      const want = expected[i];
      const label = `case ${i}: ${JSON.stringify(c.argv)} with parser ${PARSERS.indexOf(c.parser)}`;
      if (got.errors.length) {
        rejected++;
        if (want.ok) wrong.push(`${label}: emulation rejects (${got.errors[0].message}), CPython accepts`);
        return;
      }
      // No error: the emulation may still hold unknown values (a version-dependent case), which are not compared.
      if (!want.ok) {
        const allKnown = [...got.values.values()].every((v) => plain(v) !== undefined);
        if (allKnown) wrong.push(`${label}: emulation accepts, CPython rejects`);
        return;
      }
      accepted++;
      for (const [dest, v] of got.values) {
        const p = plain(v);
        if (p !== undefined && JSON.stringify(p) !== JSON.stringify(want.values![dest])) wrong.push(`${label}: ${dest} = ${JSON.stringify(p)}, CPython ${JSON.stringify(want.values![dest])}`);
      }
    });
    assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} disagreements`);
    assert.ok(accepted > 150 && rejected > 150, `accepted ${accepted}, rejected ${rejected}`);
  });
});
