/** Where each value came from (ArgparseResult.sources): the token that named the option and the one holding the value. */
import assert from 'node:assert/strict';
import { analyzeScript, emulateArgparse, type Gem5ScriptModel } from '../../../server/src/config';

const script = `import argparse
import m5
parser = argparse.ArgumentParser()
parser.add_argument("--cpu-type", type=str, choices=["atomic", "timing", "o3", "kvm"], default="atomic")
parser.add_argument("--remote-memory-latency", type=int, required=True)
parser.add_argument("--remote-memory-latency-scale", type=float, default=1.0)
parser.add_argument("-r", "--remote-memory-addr-range", type=str, required=True)
parser.add_argument("--ckpt-dir", type=str, default="")
parser.add_argument("--verbose", action="store_true")
parser.add_argument("--tags", nargs="+", default=[])
args = parser.parse_args()
`;
const options = (analyzeScript('s.py', script) as Gem5ScriptModel).options;
const src = (argv: string[], dest: string) => {
  const s = emulateArgparse(options, argv).sources.get(dest);
  return s ? { flag: s.flagIndex, at: s.valueIndex, from: s.valueStart, value: s.value, option: s.option.flags.at(-1) } : undefined;
};

describe('argparse emulation: where each value came from', () => {
  it('--opt=value: the value is in the flag token after the =', () => {
    assert.deepEqual(src(['--cpu-type=timing'], 'cpu_type'), { flag: 0, at: 0, from: 11, value: 'timing', option: '--cpu-type' });
  });

  it('--opt value: the value is the next token, from its start', () => {
    assert.deepEqual(src(['--verbose', '--cpu-type', 'o3'], 'cpu_type'), { flag: 1, at: 2, from: 0, value: 'o3', option: '--cpu-type' });
  });

  it('a unique prefix names its option; the = offset counts the prefix as written', () => {
    assert.deepEqual(src(['--cpu=kvm'], 'cpu_type'), { flag: 0, at: 0, from: 6, value: 'kvm', option: '--cpu-type' });
  });

  it('an exact option that is also a prefix of another is that option, not ambiguous', () => {
    const r = emulateArgparse(options, ['--remote-memory-latency=750', '-r1,2']);
    assert.deepEqual(r.errors, []);
    assert.equal(r.sources.get('remote_memory_latency')?.value, '750');
    assert.equal(r.sources.has('remote_memory_latency_scale'), false);
  });

  it('an ambiguous prefix gives no source to either option', () => {
    const r = emulateArgparse(options, ['--remote-memory-lat=750']);
    assert.equal(r.errors[0].kind, 'ambiguous');
    assert.equal(r.sources.has('remote_memory_latency'), false);
    assert.equal(r.sources.has('remote_memory_latency_scale'), false);
  });

  it('a short option with its value attached starts the value after the two flag characters', () => {
    assert.deepEqual(src(['-r4294967296,5368709120'], 'remote_memory_addr_range'),
      { flag: 0, at: 0, from: 2, value: '4294967296,5368709120', option: '--remote-memory-addr-range' });
    assert.deepEqual(src(['-r', '1,2'], 'remote_memory_addr_range'), { flag: 0, at: 1, from: 0, value: '1,2', option: '--remote-memory-addr-range' });
  });

  it('the last occurrence is the one kept, as argparse keeps the last value', () => {
    assert.deepEqual(src(['--ckpt-dir=a', '--cpu-type=o3', '--ckpt-dir', 'b'], 'ckpt_dir'), { flag: 2, at: 3, from: 0, value: 'b', option: '--ckpt-dir' });
  });

  it('an option followed by another option took no value: no value index, and the next option is not its value', () => {
    const r = emulateArgparse(options, ['--ckpt-dir', '--cpu-type=o3']);
    assert.deepEqual(r.sources.get('ckpt_dir') && { at: r.sources.get('ckpt_dir')!.valueIndex, value: r.sources.get('ckpt_dir')!.value }, { at: null, value: null });
    assert.equal(r.sources.get('cpu_type')?.value, 'o3');
  });

  it('a flag without a value (store_true) has a source but no value; nargs lists point at their first item', () => {
    assert.deepEqual(src(['--verbose'], 'verbose'), { flag: 0, at: null, from: 0, value: null, option: '--verbose' });
    assert.deepEqual(src(['--tags', 'a', 'b'], 'tags'), { flag: 0, at: 1, from: 0, value: 'a', option: '--tags' });
  });

  it('a value that fails conversion still says where it came from (the diagnostic points there)', () => {
    const r = emulateArgparse(options, ['--remote-memory-latency=750ns']);
    assert.equal(r.errors[0].kind, 'type');
    assert.equal(r.sources.get('remote_memory_latency')?.value, '750ns');
  });

  it('options that were not given have no source (their default applies)', () => {
    const r = emulateArgparse(options, ['--cpu-type=o3']);
    assert.deepEqual([...r.sources.keys()], ['cpu_type']);
    assert.deepEqual(r.values.get('ckpt_dir'), { kind: 'str', value: '' });
  });
});
