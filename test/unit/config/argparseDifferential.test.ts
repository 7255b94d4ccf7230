// The argparse emulation against CPython's argparse: parsers with positionals, BooleanOptionalAction, prefixes,
// nargs and actions, short flags clustered in one token (-vq, -vn4), version, add_help (-h/--help, and a script's own -h under conflict_handler="resolve"), allow_abbrev=False and mutually exclusive groups, fed random command
// lines. Where the emulation reports no error, CPython must accept the command line with the same values (a value
// the emulation calls unknown is not compared); where it reports an error, CPython must reject it; where it says
// the parser prints the help and exits, CPython must do exactly that (and the other way round, unless the emulation
// leaves every value unknown).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { analyzeScript, emulateArgparse, type Gem5ScriptModel } from '../../../server/src/config';
import type { PyValue } from '../../../server/src/config/types';
import { seededRandom } from '../../support/seededRandom';

const rng = seededRandom;

/** Each parser: the ArgumentParser keywords and the add_argument calls (`parser` is the parser). */
const PARSERS: { ctor: string; body: string }[] = [
  { ctor: 'add_help=False', body: `parser.add_argument("--cores", type=int, default=2)
parser.add_argument("--cpu-type", choices=["atomic", "timing", "o3"], default="atomic")
parser.add_argument("--cache", action=argparse.BooleanOptionalAction)
parser.add_argument("binary", nargs="?", default="hello")` },
  { ctor: 'add_help=False', body: `parser.add_argument("-n", "--num", type=int)
parser.add_argument("--verbose", action="store_true")
parser.add_argument("workload")
parser.add_argument("extra", nargs="*")` },
  { ctor: 'add_help=False', body: `parser.add_argument("--size", default="1GiB")
parser.add_argument("--sizes", nargs="+")
parser.add_argument("first", type=int)
parser.add_argument("second", nargs="?", type=int, default=7)` },
  { ctor: 'add_help=False', body: `parser.add_argument("--mode", choices=["a", "b"])
parser.add_argument("--mod", action="store_true")
parser.add_argument("files", nargs=2)` },
  { ctor: 'add_help=False', body: `parser.add_argument("kernel")
parser.add_argument("cpu", choices=["kvm", "timing", "o3"])
parser.add_argument("num", type=int, nargs="+")
parser.add_argument("--restore", default="")` },
  { ctor: '', body: `parser.add_argument("--take", action="store_true")
parser.add_argument("--restore", default="")
parser.add_argument("--cores", type=int, required=True)` },
  { ctor: 'allow_abbrev=False', body: `parser.add_argument("--cores", type=int, default=1)
parser.add_argument("--cpu-type", choices=["atomic", "timing"])
parser.add_argument("--verbose", action="store_true")` },
  { ctor: '', body: `group = parser.add_mutually_exclusive_group(required=True)
group.add_argument("--take", action="store_true")
group.add_argument("--restore", default="")
parser.add_argument("--cores", type=int, default=1)` },
  { ctor: 'add_help=False', body: `group = parser.add_mutually_exclusive_group()
group.add_argument("--cpu-type", choices=["atomic", "timing"])
group.add_argument("--verbose", action="store_true")
parser.add_argument("workload", nargs="?")` },
  { ctor: '', body: `parser.add_argument("--help-me", action="store_true")
parser.add_argument("kernel", nargs="?")
parser.add_argument("--cores", type=int)` },
  { ctor: '', body: `parser.add_argument("-v", "--verbose", action="store_true")
parser.add_argument("-q", action="count")
parser.add_argument("-n", "--num", type=int)
parser.add_argument("-x", action=argparse.BooleanOptionalAction)
parser.add_argument("--version", action="version", version="1")` },
  { ctor: 'conflict_handler="resolve"', body: `parser.add_argument("-h", "--host")
parser.add_argument("--cores", type=int)
parser.add_argument("kernel", nargs="?")` },
];
const TOKENS = ['-h', '--help', '--he', '--take', '--ta', '--restore', '--res', '--help-me', '--verb', '--cor', 'kvm', 'timing', '--restore', 'ck', '--cores', '4', '--cpu-type', 'timing', '--cpu', 'o3', '--cache', '--no-cache', '--no', 'bin', 'x', '7', '-n', '3', '-n5', '--num=2', '--verbose', 'w', '--size', '2GiB', '--sizes', 'a', 'b', '--mode', 'a', '--mo', '--mod', '--', '-x', 'y', '12', '--help=x', '-hx', '--host', '--he=x', '-vq', '-qv', '-qq', '-vn3', '-vn', '-v=q', '-vh', '-hv', '-vz', '--verbose=1', '-q=', '-nv', '-vx', '--vers'];

const SCRIPT = `
import argparse, contextlib, io, json, sys
out = []
for case in json.loads(sys.stdin.read()):
    parser = eval("argparse.ArgumentParser(exit_on_error=False, " + case["ctor"] + ")", {"argparse": argparse})
    exec(case["body"], {"parser": parser, "argparse": argparse})
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            ns = parser.parse_args(case["argv"])
        out.append({"ok": True, "values": {k: v for k, v in vars(ns).items()}})
    except SystemExit as e:
        out.append({"ok": False, "help": e.code == 0})
    except argparse.ArgumentError:
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
    const cases = Array.from({ length: 3000 }, () => {
      const parser = PARSERS[Math.floor(r() * PARSERS.length)];
      return { ...parser, argv: Array.from({ length: Math.floor(r() * 6) }, () => TOKENS[Math.floor(r() * TOKENS.length)]) };
    });
    const py = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (py.status !== 0) throw new Error(`python3 failed: ${py.stderr}`);
    const expected = JSON.parse(py.stdout) as { ok: boolean; help?: boolean; values?: Record<string, unknown> }[];
    // The model reads the parser as the gem5 model reads a script: its options and its settings.
    const models = new Map(PARSERS.map((p) => [p.body + p.ctor, analyzeScript('p.py', `import argparse\nimport m5\nparser = argparse.ArgumentParser(${p.ctor})\n${p.body}\nargs = parser.parse_args()\n`) as Gem5ScriptModel]));
    const wrong: string[] = [];
    let accepted = 0;
    let rejected = 0;
    let helps = 0;
    cases.forEach((c, i) => {
      const model = models.get(c.body + c.ctor)!;
      const got = emulateArgparse(model.options, c.argv, model.parserSettings);
      const want = expected[i];
      const label = `case ${i}: ${JSON.stringify(c.argv)} with parser ${PARSERS.findIndex((p) => p.body === c.body && p.ctor === c.ctor)}`;
      const allUnknown = [...got.values.values()].every((v) => plain(v) === undefined);
      if (got.helpExit || want.help) {
        helps++;
        if (got.helpExit !== want.help && !(want.help && !got.errors.length && allUnknown)) {
          wrong.push(`${label}: emulation ${got.helpExit ? 'exits with the help' : got.errors.length ? `rejects (${got.errors[0].message})` : 'accepts'}, CPython ${want.help ? 'exits with the help' : want.ok ? 'accepts' : 'rejects'}`);
        }
        return;
      }
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
    assert.ok(accepted > 150 && rejected > 150 && helps > 80, `accepted ${accepted}, rejected ${rejected}, help ${helps}`);
  });
});
