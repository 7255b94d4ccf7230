import assert from 'node:assert/strict';
import { analyzeScript, closestOption, emulateArgparse, tokenizeCmd, splitGem5Cmd, type Gem5ScriptModel } from '../../../server/src/config';

const script = `import argparse
import m5
parser = argparse.ArgumentParser()
parser.add_argument("--cpu-type", type=str, choices=["atomic", "timing", "o3", "kvm"], default="atomic")
parser.add_argument("--instance", type=int, required=True)
parser.add_argument("--remote-memory-latency", type=int, required=True)
parser.add_argument("--remote-memory-addr-range", type=str, required=True)
parser.add_argument("--ckpt-dir", type=str, default="")
parser.add_argument("--verbose", action="store_true")
parser.add_argument("-n", "--num-cores", type=int, default="4")
args = parser.parse_args()
`;
const options = (analyzeScript('s.py', script) as Gem5ScriptModel).options;
const base = ['--instance=0', '--remote-memory-latency', '750', '--remote-memory-addr-range=1,2'];

describe('argparse emulation (Python 3 semantics)', () => {
  it('accepts --opt=value and --opt value, converts int, applies defaults (string defaults through type)', () => {
    const r = emulateArgparse(options, base);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.values.get('instance'), { kind: 'int', value: 0n });
    assert.deepEqual(r.values.get('remote_memory_latency'), { kind: 'int', value: 750n });
    assert.deepEqual(r.values.get('cpu_type'), { kind: 'str', value: 'atomic' });
    assert.deepEqual(r.values.get('num_cores'), { kind: 'int', value: 4n });
    assert.deepEqual(r.values.get('verbose'), { kind: 'bool', value: false });
  });

  it('matches a unique prefix (allow_abbrev) and reports an ambiguous one with its candidates', () => {
    const ok = emulateArgparse(options, [...base, '--cpu=timing']);
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.values.get('cpu_type'), { kind: 'str', value: 'timing' });
    const amb = emulateArgparse(options, [...base, '--remote-memory=5']);
    assert.equal(amb.errors[0].kind, 'ambiguous');
    assert.deepEqual(amb.errors[0].candidates?.sort(), ['--remote-memory-addr-range', '--remote-memory-latency']);
  });

  it('reports an unknown option with the closest defined one', () => {
    const r = emulateArgparse(options, [...base, '--chkpt-dir=x']);
    assert.equal(r.errors[0].kind, 'unknown');
    assert.equal(r.errors[0].tokenIndex, 4);
    assert.deepEqual(r.errors[0].candidates, ['--ckpt-dir']);
    assert.equal(closestOption('--zzzzzz', options), null);
  });

  it('checks choices after conversion and int type', () => {
    const c = emulateArgparse(options, [...base, '--cpu-type', 'Timing']);
    assert.equal(c.errors[0].kind, 'choice');
    assert.match(c.errors[0].message, /invalid choice: 'Timing'/);
    const t = emulateArgparse(options, ['--instance=0x1', '--remote-memory-latency=750', '--remote-memory-addr-range=1,2']);
    assert.equal(t.errors[0].kind, 'type');
  });

  it('reports each missing required option and a missing value', () => {
    const r = emulateArgparse(options, ['--instance']);
    const kinds = r.errors.map((e) => e.kind).sort();
    assert.deepEqual(kinds, ['missing-value', 'required', 'required']);
  });

  it('short options take attached or separate values; store_true needs none', () => {
    const r = emulateArgparse(options, [...base, '-n8', '--verbose']);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.values.get('num_cores'), { kind: 'int', value: 8n });
    assert.deepEqual(r.values.get('verbose'), { kind: 'bool', value: true });
  });
});

describe('gem5Component cmd tokenizer', () => {
  it('splits on spaces, quotes and backslashes and drops empty tokens, like gem5Component', () => {
    assert.deepEqual(tokenizeCmd(`--x="a b"  ../s.py --cmd=\\"\\" 'q'`), ['--x=', 'a', 'b', '../s.py', '--cmd=', 'q']);
  });

  it('separates gem5 options (with separate values) from the script and its options', () => {
    const s = splitGem5Cmd(['-re', '--outdir', 'out', '--debug-flags=X', 'cfg.py', '--a=1']);
    assert.deepEqual([s.gem5Options, s.script, s.scriptArgs], [['-re', '--outdir', 'out', '--debug-flags=X'], 'cfg.py', ['--a=1']]);
    assert.deepEqual(splitGem5Cmd(['--bogus', 'cfg.py']).unknownOptions, ['--bogus']);
  });
});
