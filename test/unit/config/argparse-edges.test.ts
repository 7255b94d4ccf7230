/** The argparse emulation at its edges: actions, nargs, negative numbers, `--`, defaults, messages, "did you mean". */
import assert from 'node:assert/strict';
import { analyzeScript, closestOption, editDistance, emulateArgparse, type Gem5ScriptModel } from '../../../server/src/config';

const script = `import argparse
import m5
parser = argparse.ArgumentParser()
parser.add_argument("-l", "--latency", type=int, default="750")
parser.add_argument("--big", type=int, choices=[9007199254740993])
parser.add_argument("--lvl", type=int, choices=["1"])
parser.add_argument("--yes", choices=[True, False, None])
parser.add_argument("--one", nargs=1)
parser.add_argument("--ext", action="extend", nargs="+")
parser.add_argument("--apairs", action="append", nargs=2)
parser.add_argument("--ac", action="append_const", const=1)
parser.add_argument("--ver", action="version")
parser.add_argument("--hlp", action="help")
parser.add_argument("--scale", type=float, choices=[0.5, 1, 2.0], default=1.0)
parser.add_argument("--level", type=int, choices=[1, 2, 3])
parser.add_argument("--mode", choices=["a", "b"], default="a")
parser.add_argument("--flag", action="store_true")
parser.add_argument("--no-cache", action="store_false", dest="cache")
parser.add_argument("-v", "--verbose", action="count")
parser.add_argument("--const", action="store_const", const=5)
parser.add_argument("--tag", action="append")
parser.add_argument("--files", nargs="*")
parser.add_argument("--pair", nargs=2, type=int)
parser.add_argument("--some", nargs="+")
parser.add_argument("--maybe", nargs="?")
parser.add_argument("--bad-default", type=int, default="x")
parser.add_argument("--name", required=True)
args = parser.parse_args()
`;
let opts: Gem5ScriptModel['options'] | null = null;
const options = () => (opts ??= (analyzeScript('e.py', script) as Gem5ScriptModel).options);
const run = (...argv: string[]) => emulateArgparse(options(), ['--name=n', ...argv]);
const val = (argv: string[], dest: string) => run(...argv).values.get(dest);
const kinds = (...argv: string[]) => run(...argv).errors.map((e) => `${e.kind}@${e.tokenIndex}`);

describe('argparse emulation: edges', () => {
  it('defaults: string defaults go through type, store_true is False, store_false is True, a bad default is unknown', () => {
    const r = run();
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.values.get('latency'), { kind: 'int', value: 750n });
    assert.deepEqual(r.values.get('flag'), { kind: 'bool', value: false });
    assert.deepEqual(r.values.get('cache'), { kind: 'bool', value: true });
    assert.deepEqual(r.values.get('bad_default'), { kind: 'unknown' });
    assert.deepEqual(r.values.get('level'), { kind: 'none' });
    assert.deepEqual(r.values.get('scale'), { kind: 'float', value: 1 });
  });

  it('store_true / store_false / count / store_const take no value', () => {
    assert.deepEqual(val(['--flag'], 'flag'), { kind: 'bool', value: true });
    assert.deepEqual(val(['--no-cache'], 'cache'), { kind: 'bool', value: false });
    assert.deepEqual(val(['-v', '--verbose', '-v'], 'verbose'), { kind: 'int', value: 3n });
    assert.deepEqual(val(['--const'], 'const'), { kind: 'unknown' });
    assert.deepEqual(kinds('--flag', 'x'), ['unknown@2']);
  });

  it('append collects every value in order; the last plain value wins', () => {
    assert.deepEqual(val(['--tag=a', '--tag', 'b'], 'tag'), { kind: 'list', items: [{ kind: 'str', value: 'a' }, { kind: 'str', value: 'b' }] });
    assert.deepEqual(val(['--latency=1', '--latency=2'], 'latency'), { kind: 'int', value: 2n });
  });

  it('nargs *, +, N and ?: how many tokens each takes, and the errors when too few', () => {
    assert.deepEqual(val(['--files', 'a', 'b', '--flag'], 'files'), { kind: 'list', items: [{ kind: 'str', value: 'a' }, { kind: 'str', value: 'b' }] });
    assert.deepEqual(val(['--files'], 'files'), { kind: 'list', items: [] });
    assert.deepEqual(val(['--files=x', 'y'], 'files'), { kind: 'list', items: [{ kind: 'str', value: 'x' }, { kind: 'str', value: 'y' }] });
    assert.deepEqual(val(['--pair', '1', '2'], 'pair'), { kind: 'list', items: [{ kind: 'int', value: 1n }, { kind: 'int', value: 2n }] });
    assert.deepEqual(kinds('--pair', '1', '2', '3'), ['unknown@4']);
    assert.deepEqual(kinds('--pair', '1'), ['missing-value@2']);
    assert.match(run('--pair', '1').errors[0].message, /expected 2 arguments/);
    assert.deepEqual(kinds('--pair', '1', 'x'), ['type@3']);
    assert.deepEqual(kinds('--some'), ['missing-value@1']);
    assert.match(run('--some').errors[0].message, /expected at least one argument/);
    assert.deepEqual(val(['--maybe'], 'maybe'), { kind: 'unknown' });
    assert.deepEqual(val(['--maybe', 'v'], 'maybe'), { kind: 'str', value: 'v' });
    assert.deepEqual(kinds('--latency'), ['missing-value@1']);
    assert.match(run('--latency').errors[0].message, /argument -l\/--latency: expected one argument/);
  });

  it('negative numbers are values, not options; a lone "-" is a value; "--" ends the options', () => {
    assert.deepEqual(val(['--latency', '-5'], 'latency'), { kind: 'int', value: -5n });
    assert.deepEqual(kinds('--scale', '-.5'), ['choice@2']);
    assert.deepEqual(kinds('--mode', '-'), ['choice@2']);
    // Without positionals, what follows "--" is unrecognized (CPython 3.11: "unrecognized arguments: -- --flag junk").
    assert.deepEqual(kinds('--', '--flag', 'junk'), ['unknown@2', 'unknown@3']);
    assert.deepEqual(val(['--', '--flag'], 'flag'), { kind: 'bool', value: false });
    assert.deepEqual(kinds('-x'), ['unknown@1']);
  });

  it('choices are compared after conversion: an int 2 matches the float choice 2.0, "1" matches int 1', () => {
    assert.deepEqual(kinds('--scale=2'), []);
    assert.deepEqual(kinds('--scale=0.5'), []);
    assert.deepEqual(kinds('--scale=1.0'), []);
    assert.deepEqual(kinds('--scale=3'), ['choice@1']);
    assert.match(run('--scale=3').errors[0].message, /invalid choice: 3 \(choose from 0\.5, 1, 2\)/);
    assert.deepEqual(kinds('--level=01'), []);
    assert.deepEqual(kinds('--level=4'), ['choice@1']);
    assert.match(run('--level=4').errors[0].message, /argument --level: invalid choice: 4 \(choose from 1, 2, 3\)/);
    assert.match(run('--mode=c').errors[0].message, /invalid choice: 'c' \(choose from 'a', 'b'\)/);
    assert.match(run('--latency=x').errors[0].message, /argument -l\/--latency: invalid int value: 'x'/);
  });

  it('required options: each missing one is an error without a token; given through a prefix it counts', () => {
    const r = emulateArgparse(options(), []);
    assert.deepEqual(r.errors.map((e) => [e.kind, e.tokenIndex, e.message]), [['required', null, 'the following arguments are required: --name']]);
    assert.deepEqual(emulateArgparse(options(), ['--na=x']).errors, []);
  });

  it('an unknown option names the closest one only when it is close; positional text is unrecognized', () => {
    const r = run('--latncy=5');
    assert.deepEqual([r.errors[0].kind, r.errors[0].candidates], ['unknown', ['--latency']]);
    assert.match(r.errors[0].message, /unrecognized arguments: --latncy=5/);
    assert.deepEqual(run('--zzzzzzzz').errors[0].candidates, []);
    assert.deepEqual(kinds('stray'), ['unknown@1']);
    const amb = run('--s=1');
    assert.equal(amb.errors[0].kind, 'ambiguous');
    assert.match(amb.errors[0].message, /ambiguous option: --s could match --scale, --some/);
  });

  it('choices: ints beyond 2^53 compare exactly, an int never equals a string choice, reprs as Python prints them', () => {
    assert.deepEqual(kinds('--big=9007199254740992'), ['choice@1']);
    assert.deepEqual(kinds('--big=9007199254740993'), []);
    assert.deepEqual(kinds('--lvl=1'), ['choice@1']);
    assert.match(run('--yes=x').errors[0].message, /invalid choice: 'x' \(choose from True, False, None\)/);
    assert.deepEqual(kinds('--scale=abc'), ['type@1']);
    assert.match(run('--scale=abc').errors[0].message, /argument --scale: invalid float value: 'abc'/);
  });

  it('nargs=1 gives a one-item list; extend concatenates occurrences, append keeps each list as one item', () => {
    assert.deepEqual(val(['--one', 'x'], 'one'), { kind: 'list', items: [{ kind: 'str', value: 'x' }] });
    assert.match(run('--one').errors[0].message, /expected 1 argument$/);
    assert.deepEqual(val(['--ext', 'a', '--ext', 'b', 'c'], 'ext'), { kind: 'list', items: ['a', 'b', 'c'].map((v) => ({ kind: 'str', value: v })) });
    const pair = (a: string, b: string) => ({ kind: 'list', items: [{ kind: 'str', value: a }, { kind: 'str', value: b }] });
    assert.deepEqual(val(['--apairs', 'a', 'b', '--apairs', 'c', 'd'], 'apairs'), { kind: 'list', items: [pair('a', 'b'), pair('c', 'd')] });
    assert.deepEqual(kinds('--some', 'a'), []);
  });

  it('append_const, version and help take no value: the next token is not theirs; version and help exit there', () => {
    assert.deepEqual(kinds('--ac', 'x'), ['unknown@2']);
    // CPython prints the version or the help and exits 0 when it acts on the flag, before it rejects the "x".
    assert.deepEqual([kinds('--ver', 'x'), run('--ver', 'x').helpExit], [[], true]);
    assert.deepEqual([kinds('--hlp', 'x'), run('--hlp', 'x').helpExit], [[], true]);
    // Both default to SUPPRESS: without the flag the namespace has no such attribute.
    assert.deepEqual([run().values.has('ver'), run().values.has('hlp')], [false, false]);
  });

  it('a short option takes its value from the next token or attached; an unknown short cluster suggests nothing far', () => {
    assert.deepEqual(val(['-l', '5'], 'latency'), { kind: 'int', value: 5n });
    assert.deepEqual(val(['-l5'], 'latency'), { kind: 'int', value: 5n });
    assert.deepEqual(run('-zfoo').errors.map((e) => [e.kind, e.candidates]), [['unknown', []]]);
  });

  it('sources of nargs lists: attached first value is in the flag token; no items, no value token', () => {
    const attached = run('--files=x', 'y').sources.get('files');
    assert.deepEqual([attached?.valueIndex, attached?.valueStart, attached?.value], [1, 8, 'x']);
    const none = run('--files').sources.get('files');
    assert.deepEqual([none?.valueIndex, none?.value], [null, null]);
  });

  it('a given option whose value failed gets no default (argparse stops there anyway)', () => {
    const r = run('--latency=x');
    assert.equal(r.values.has('latency'), false);
  });

  it('positional text is unrecognized without a "did you mean", even when it looks like an option name', () => {
    assert.deepEqual(run('latency').errors.map((e) => [e.kind, e.candidates]), [['unknown', undefined]]);
  });

  it('closestOption: ties go to the first defined option; the limit is at least 2 and grows with the name', () => {
    const tie = (analyzeScript('t.py', 'import argparse\nimport m5\np = argparse.ArgumentParser()\np.add_argument("--aaa-x")\np.add_argument("--aaa-y")\n') as Gem5ScriptModel).options;
    assert.equal(closestOption('--aaa-z', tie), '--aaa-x');
    assert.equal(closestOption('--lteancy', options()), '--latency');
    assert.equal(closestOption('--latexxyz', options()), null);
    assert.equal(editDistance('ax', 'ya'), 2);
    assert.equal(editDistance('xa', 'ay'), 2);
  });

  it('closestOption scales its limit with the name; editDistance counts a transposition as one edit', () => {
    assert.equal(editDistance('--laetncy', '--latency'), 1);
    assert.equal(editDistance('--lteancy', '--latency'), 2);
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(closestOption('--qqq', options()), null);
    assert.equal(closestOption('--latenc', options()), '--latency');
    assert.equal(closestOption('--verbsoe', options()), '--verbose');
    assert.equal(closestOption('-q', options()), '-l');
  });
});
