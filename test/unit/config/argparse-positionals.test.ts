/**
 * The argparse emulation's positionals, BooleanOptionalAction and callable types, each expectation as CPython 3.11's
 * argparse answers it (the random command lines of argparseDifferential.test.ts compare the same against python3; these
 * fixed ones run without it, so mutation testing can use them).
 */
import assert from 'node:assert/strict';
import { analyzeScript, emulateArgparse, type Gem5ScriptModel } from '../../../server/src/config';
import type { PyValue } from '../../../server/src/config/types';

const header = 'import argparse\nimport m5\nparser = argparse.ArgumentParser()\n';
const optionsOf = (body: string) => (analyzeScript('p.py', `${header}${body}args = parser.parse_args()\n`) as Gem5ScriptModel).options;
const A = optionsOf(`parser.add_argument("workload")
parser.add_argument("size", type=int, choices=[1, 2, 4])
parser.add_argument("rest", nargs="*", default=["d"])
parser.add_argument("--x", action=argparse.BooleanOptionalAction, default=False)
parser.add_argument("--fn", type=lambda s: s.upper())
`);
const B = optionsOf(`parser.add_argument("a", nargs="?", default="da")
parser.add_argument("b", nargs=2)
parser.add_argument("c", nargs="+")
`);
const NONE = optionsOf('parser.add_argument("--only")\n');

const show = (v: PyValue | undefined): unknown => (v === undefined ? undefined : v.kind === 'list' ? v.items.map(show) : v.kind === 'unknown' || v.kind === 'none' ? v.kind : (v as { value: unknown }).value);
function parse(options: Gem5ScriptModel['options'], argv: string[]) {
  const r = emulateArgparse(options, argv);
  return { values: Object.fromEntries([...r.values].map(([k, v]) => [k, show(v)])), errors: r.errors.map((e) => `${e.kind}@${e.tokenIndex}: ${e.message}`), givenAt: Object.fromEntries(r.givenAt) };
}

describe('argparse emulation: positionals, BooleanOptionalAction, callable type= (as CPython 3.11)', () => {
  it('fills positionals in order, a nargs="*" one keeping its default when no token is left', () => {
    const r = parse(A, ['w', '2']);
    assert.deepEqual(r.errors, []);
    assert.deepEqual([r.values.workload, r.values.size, r.values.rest, r.values.x], ['w', 2n, ['d'], false]);
    assert.deepEqual(r.givenAt, { workload: 0, size: 1 });
    assert.deepEqual(parse(A, ['w', '2', 'a', 'b']).values.rest, ['a', 'b']);
    assert.deepEqual(parse(A, ['w', '2', 'a', 'b']).givenAt.rest, 2);
  });

  it('reports a missing positional as required, a bad choice and a bad int at their token', () => {
    assert.deepEqual(parse(A, ['w']).errors, ['required@null: the following arguments are required: size']);
    assert.deepEqual(parse(A, ['w', '3']).errors, ['choice@1: argument size: invalid choice: 3 (choose from 1, 2, 4)']);
    assert.deepEqual(parse(A, ['w', 'two']).errors.map((e) => e.split(':')[0]), ['type@1']);
  });

  it('gives ?, N and + positionals their share: ? only what the others leave', () => {
    assert.deepEqual(parse(B, ['1', '2', '3']).values, { a: 'da', b: ['1', '2'], c: ['3'] });
    assert.deepEqual(parse(B, ['0', '1', '2', '3', '4']).values, { a: '0', b: ['1', '2'], c: ['3', '4'] });
    assert.deepEqual(parse(B, ['1', '2']).errors, ['required@null: the following arguments are required: c']);
  });

  it('does not guess where free tokens come in several runs or after "--" (argparse versions differ)', () => {
    const split = parse(A, ['w', '--x', '2']);
    assert.deepEqual(split.errors, []);
    assert.deepEqual([split.values.workload, split.values.size, split.values.x], ['unknown', 'unknown', true]);
    assert.deepEqual(parse(A, ['w', '2', '--', 'z']).values.rest, 'unknown');
  });

  it('calls a free token unrecognized when the parser has no positionals', () => {
    assert.deepEqual(parse(NONE, ['--only', 'o', 'extra']).errors, ['unknown@2: unrecognized arguments: extra']);
    assert.deepEqual(parse(NONE, ['--only', 'o']).errors, []);
  });

  it('BooleanOptionalAction: --x is True, --no-x False, an attached value an error', () => {
    assert.equal(parse(A, ['w', '2', '--x']).values.x, true);
    assert.equal(parse(A, ['--no-x', 'w', '2']).values.x, false);
    assert.deepEqual(parse(A, ['w', '2', '--x=1']).errors, ["missing-value@2: argument --x/--no-x: ignored explicit argument '1'"]);
    // `--n` is a unique prefix of the added --no-x.
    assert.deepEqual(parse(A, ['w', '2', '--x', '--n']).values.x, false);
  });

  it('a callable type= makes that value unknown and nothing else', () => {
    const r = parse(A, ['--fn', 'abc', 'w', '1']);
    assert.deepEqual(r.errors, []);
    assert.deepEqual([r.values.fn, r.values.workload, r.values.size], ['unknown', 'w', 1n]);
  });
});
