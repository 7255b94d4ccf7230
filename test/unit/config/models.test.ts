import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeScript, emulateArgparse, guardsHold, ScriptDocument, storeLayout,
  type Gem5ScriptModel, type SstScriptModel,
} from '../../../server/src/config';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'disaggregated');
const gem5Text = readFileSync(join(EXAMPLE, 'configs', 'arm-sst-checkpoint.py'), 'utf8');
const sstText = readFileSync(join(EXAMPLE, 'sst', 'restore.py'), 'utf8');
const gem5 = analyzeScript('arm-sst-checkpoint.py', gem5Text) as Gem5ScriptModel;
const sst = analyzeScript('restore.py', sstText) as SstScriptModel;

const restoreArgv = ['--cpu-type=timing', '--cpu-clock-rate=3GHz', '--local-memory-size=1GiB',
  '--remote-memory-addr-range=4294967296,5368709120', '--remote-memory-latency=750', '--instance=0',
  '--ckpt-dir=../m5out/take_0/checkpoint', '--take-ckpt=False'];
const restoreArgs = emulateArgparse(gem5.options, restoreArgv).values;

describe('script kind detection', () => {
  it('recognises gem5 (imports m5/gem5), SST (imports sst) and other Python', () => {
    assert.equal(gem5.kind, 'gem5');
    assert.equal(sst.kind, 'sst');
    assert.equal(analyzeScript('x.py', 'import os\nprint(1)\n').kind, 'other');
  });
});

describe('gem5 script model', () => {
  it('reads every argparse option with flags, dest, type, choices, default and required', () => {
    assert.deepEqual(gem5.options.map((o) => o.dest), ['cpu_type', 'cpu_clock_rate', 'local_memory_size',
      'remote_memory_addr_range', 'remote_memory_latency', 'instance', 'ckpt_dir', 'take_ckpt']);
    const cpu = gem5.options[0];
    assert.deepEqual(cpu.choices?.map((c) => (c.kind === 'str' ? c.value : '?')), ['atomic', 'timing', 'o3', 'kvm']);
    assert.equal(gem5.options.find((o) => o.dest === 'remote_memory_latency')?.type, 'int');
    assert.equal(gem5.options.find((o) => o.dest === 'take_ckpt')?.required, true);
  });

  it('finds the take and restore calls with their guards and evaluates the restore path with the run values', () => {
    const take = gem5.checkpointUses.find((u) => u.kind === 'take')!;
    const restore = gem5.checkpointUses.find((u) => u.kind === 'restore' && u.path)!;
    assert.equal(take.api, 'm5.checkpoint');
    assert.equal(restore.path?.text, 'args.ckpt_dir');
    assert.deepEqual(restore.path?.evaluate(restoreArgs), { kind: 'str', value: '../m5out/take_0/checkpoint' });
    assert.equal(guardsHold(restore.guards, restore.guardPolarity, restoreArgs), true);
    assert.equal(guardsHold(take.guards, take.guardPolarity, restoreArgs), false);
  });

  it('evaluates the processor CPU type through CPUTypes[args.cpu_type.upper()]', () => {
    assert.deepEqual(gem5.processors[0].cpuType?.evaluate(restoreArgs), { kind: 'str', value: 'timing' });
  });

  it('computes the restore store layout: remote bridge store0 at 4 GiB, local store1 at 2 GiB', () => {
    const layout = storeLayout(gem5, restoreArgs)!;
    assert.deepEqual(layout.stores.map((s) => [s.index, s.role, s.start, s.size]), [
      [0, 'remote', 0x100000000n, 2n ** 30n], [1, 'local', 0x80000000n, 2n ** 30n]]);
  });

  it('gives no layout (not a guess) when a needed option is unknown', () => {
    assert.equal(storeLayout(gem5, new Map()), null);
  });
});

const gem5OnlyBoard = `import m5
from gem5.components.memory import DualChannelDDR4_2400
from memories.remote_channeled_memory import RemoteChanneledMemory
from m5.objects import AddrRange
local_memory = DualChannelDDR4_2400(size="2GiB")
remote_memory = RemoteChanneledMemory(DDR4_2400_8x8, 2, 64, size="2GiB", addr_range=AddrRange(4294967296, 6442450944))
board = ArmGem5DMBoard(local_memory=local_memory, remote_memory=remote_memory)
m5.instantiate("ckpt")
`;
const composableBoard = `import m5
from gem5.components.memory import SingleChannelDDR4_2400
from m5.objects import AddrRange, ExternalMemory
local_memory = SingleChannelDDR4_2400(size="2GiB")
remote_memory = ExternalMemory(addr_range=AddrRange(10737418240, 12884901888))
board = ArmComposableMemoryBoard(local_memory=local_memory, remote_memory=remote_memory)
m5.instantiate("ckpt")
`;

describe('store layout for the three boards of §1.4', () => {
  it('gem5-only DM board: interleaved local store0, interleaved remote store1', () => {
    const layout = storeLayout(analyzeScript('a.py', gem5OnlyBoard) as Gem5ScriptModel, new Map());
    assert.deepEqual(layout?.stores.map((s) => s.role), ['local', 'remote']);
  });
  it('composable board: local store0, ExternalMemory (in the address map) store1', () => {
    const layout = storeLayout(analyzeScript('b.py', composableBoard) as Gem5ScriptModel, new Map());
    assert.deepEqual(layout?.stores.map((s) => [s.role, s.start]), [['local', 0x80000000n], ['remote', 10737418240n]]);
  });
});

describe('SST script model', () => {
  it('unrolls the node loop: memory, bus and one gem5 node with its bridge subcomponent', () => {
    assert.deepEqual(sst.components.map((c) => [c.type, c.node]), [
      ['memHierarchy.MemController', null], ['memHierarchy.Bus', null], ['gem5.gem5Component', 0]]);
    const memory = sst.components[0];
    assert.deepEqual(memory.params.find((p) => p.key === 'addr_range_end')?.value, { kind: 'int', value: 5n * 2n ** 30n });
    assert.deepEqual(memory.subComponents[0].params.find((p) => p.key === 'mem_size')?.value, { kind: 'str', value: '5GiB' });
    assert.deepEqual(sst.components[2].subComponents.map((s) => [s.slot, s.type]), [['remote_memory_port', 'gem5.gem5Bridge']]);
  });

  it('connects links to the component objects created earlier (no duplicates from lookups inside the loop)', () => {
    assert.deepEqual(sst.links.map((l) => l.ends.map((e) => `${e.component}:${e.slot ?? ''}:${e.port}`)), [
      ['2:remote_memory_port:port', '1::high_network_0'], ['1::low_network_0', '0::direct_link']]);
  });

  it('evaluates cmd per node and maps tokens to exact source spans where the token is a literal', () => {
    const cmd = sst.gem5Cmds[0];
    assert.equal(cmd.script?.text, '../configs/arm-sst-checkpoint.py');
    assert.deepEqual(cmd.gem5Options.map((t) => t.text), ['--outdir=../m5out/restore_0']);
    const cpu = cmd.scriptArgs.find((t) => t.text === '--cpu-type=timing')!;
    assert.equal(cpu.exact, true);
    const line = sstText.split('\n')[cpu.span.start.line];
    assert.equal(line.slice(cpu.span.start.character, cpu.span.end.character), '--cpu-type=timing');
    assert.ok(cmd.scriptArgs.some((t) => t.text === '--remote-memory-addr-range=4294967296,5368709120'));
  });

  it('reports the characters gem5Component splits on as hazards', () => {
    const m = analyzeScript('q.py', `import sst\ng = sst.Component("g", "gem5.gem5Component")\ng.addParams({"cmd": "../a.py --x='a b'", "frequency": "1GHz", "ports": "p"})\n`) as SstScriptModel;
    assert.deepEqual(m.gem5Cmds[0].splitHazards.map((h) => h.char), ["'", "'"]);
    assert.deepEqual(m.gem5Cmds[0].scriptArgs.map((t) => t.text), ['--x=', 'a', 'b']);
  });

  it('follows helper functions and setRank', () => {
    const m = analyzeScript('h.py', `import sst
def make(i):
    c = sst.Component(f"gem5_{i}", "gem5.gem5Component")
    c.setRank(i + 1, 0)
    return c
for n in range(3):
    make(n)
`) as SstScriptModel;
    assert.deepEqual(m.components.map((c) => [c.name.kind === 'str' ? c.name.value : '?', c.rank?.rank]), [['gem5_0', 1], ['gem5_1', 2], ['gem5_2', 3]]);
  });
});

describe('error tolerance and incremental parsing', () => {
  it('keeps options defined above a syntax error and reports the error position', () => {
    const text = gem5Text.replace('args = parser.parse_args()', 'args = parser.parse_args(\nremote_start = (');
    const m = analyzeScript('broken.py', text) as Gem5ScriptModel;
    assert.ok(m.syntaxErrors.length > 0);
    assert.equal(m.options.length, 8);
  });

  it('reports inconsistent indentation that lezer accepts but Python rejects', () => {
    const m = analyzeScript('i.py', 'import m5\nif True:\n    a = 1\n  b = 2\n');
    assert.ok(m.syntaxErrors.length > 0);
  });

  it('after incremental edits the model equals a fresh parse of the same text', () => {
    const doc = new ScriptDocument('arm-sst-checkpoint.py', gem5Text);
    const at = gem5Text.indexOf('default="atomic"');
    doc.applyEdits([{ from: at + 'default="'.length, to: at + 'default="atomic'.length, insert: 'timing' }]);
    doc.applyEdits([{ from: 0, to: 0, insert: '# edited\n' }]);
    const fresh = analyzeScript('arm-sst-checkpoint.py', doc.text) as Gem5ScriptModel;
    const incremental = doc.model as Gem5ScriptModel;
    assert.deepEqual(incremental.options.map((o) => [o.dest, o.default, o.span]), fresh.options.map((o) => [o.dest, o.default, o.span]));
    assert.deepEqual(incremental.options[0].default, { kind: 'str', value: 'timing' });
    assert.equal(doc.tree.toString(), fresh.kind === 'gem5' ? new ScriptDocument('x', doc.text).tree.toString() : '');
  });
});

const x86Board = (board: string, local: string, remote: string) => `import m5
from gem5.components.memory import SingleChannelDDR4_2400
from m5.objects import AddrRange, ExternalMemory
local_memory = SingleChannelDDR4_2400(size="${local}")
remote_memory = ExternalMemory(addr_range=${remote})
board = ${board}(clk_freq="3GHz", processor=None, local_memory=local_memory, remote_memory=remote_memory, cache_hierarchy=None)
m5.instantiate()
`;
const layoutOfText = (text: string) => storeLayout(analyzeScript('x.py', text) as Gem5ScriptModel, new Map());

describe('store layout by board family (local memory base per ISA)', () => {
  it('X86 boards map local memory from 0, so an in-map remote at 1 GiB is store1 after local store0', () => {
    const layout = layoutOfText(x86Board('X86ComposableMemoryBoard', '512MiB', 'AddrRange(0x40000000, 0x80000000)'));
    assert.deepEqual([layout?.local?.start, layout?.local?.end], [0n, 0x20000000n]);
    assert.deepEqual(layout?.stores.map((s) => [s.role, s.start]), [['local', 0n], ['remote', 0x40000000n]]);
  });
  it('Arm boards map local memory from 0x80000000: the same remote at 1 GiB comes first (store0)', () => {
    const layout = layoutOfText(x86Board('ArmComposableMemoryBoard', '512MiB', 'AddrRange(0x40000000, 0x80000000)'));
    assert.deepEqual(layout?.stores.map((s) => [s.role, s.start]), [['remote', 0x40000000n], ['local', 0x80000000n]]);
  });
  it('RISC-V boards map local memory from 0x80000000', () => {
    assert.equal(layoutOfText(x86Board('RiscvBoard', '1GiB', 'AddrRange(0x100000000, 0x140000000)'))?.local?.start, 0x80000000n);
  });
  it('a board class that names no family leaves the layout unknown', () => {
    assert.equal(layoutOfText(x86Board('MyBoard', '1GiB', 'AddrRange(0x100000000, 0x140000000)')), null);
  });
  it('no board at all leaves the layout unknown', () => {
    assert.equal(layoutOfText(x86Board('print', '1GiB', 'AddrRange(0x100000000, 0x140000000)')), null);
  });
  it('past 3 GiB a board derived from X86Board is unknown; the stdlib X86Board stays known (its size is the error)', () => {
    assert.equal(layoutOfText(x86Board('X86ComposableMemoryBoard', '4GiB', 'AddrRange(0x200000000, 0x240000000)')), null);
    assert.equal(layoutOfText(x86Board('X86Board', '4GiB', 'AddrRange(0x200000000, 0x240000000)'))?.local?.end, 4n << 30n);
  });
  it('an X86 remote memory given only a size has no known place (only the Arm SST board puts it after local memory)', () => {
    const text = x86Board('X86ComposableMemoryBoard', '1GiB', 'None').replace('ExternalMemory(addr_range=None)', 'ExternalRemoteMemory(size="1GiB")');
    assert.equal(layoutOfText(text), null);
  });
});

describe('emptiness tests (where a script has an explicit branch for an empty value)', () => {
  const testsOf = (body: string) => {
    const m = analyzeScript('e.py', `import argparse\nimport m5\np = argparse.ArgumentParser()\np.add_argument("--a", default="")\np.add_argument("--b", default="")\nargs = p.parse_args()\n${body}`) as Gem5ScriptModel;
    return (m.emptinessTests ?? []).map((t) => [...t.dests].sort().join(','));
  };
  it('an else that warns after != "" / truthiness, and/or: the empty value takes that branch', () => {
    assert.deepEqual(testsOf('if args.a != "" and args.b == "True":\n    x = 1\nelse:\n    print("no a")\n'), ['a']);
    assert.deepEqual(testsOf('if args.a:\n    x = 1\nelif args.b:\n    x = 2\nelse:\n    warn("none")\n'), ['a', 'b']);
  });
  it('a body that speaks under == "" / not / is None / len() == 0 (or a joined or)', () => {
    assert.deepEqual(testsOf("if '' == args.a or args.b is None:\n    print('empty')\n"), ['a', 'b']);
    assert.deepEqual(testsOf('if not args.a:\n    print("empty")\nif len(args.b) == 0:\n    print("empty")\n'), ['a', 'b']);
  });
  it('follows a name to the option it is bound from', () => {
    assert.deepEqual(testsOf('c = args.a\nif not c:\n    print("empty")\n'), ['a']);
  });
  it('no branch for the empty value, a silent one, or a conditional expression: no explicit choice', () => {
    assert.deepEqual(testsOf('if args.a != "":\n    x = args.a\n'), []);
    assert.deepEqual(testsOf('if args.a != "":\n    x = args.a\nelse:\n    x = ""\n'), []);
    assert.deepEqual(testsOf('x = args.a if args.a else ""\n'), []);
    assert.deepEqual(testsOf('if args.a == "":\n    x = 1\nelse:\n    print("not empty")\n'), []);
  });
  it('a comparison with a non-empty value, or an and whose outcome on empty depends on the other side, is none', () => {
    assert.deepEqual(testsOf('if args.a == "True":\n    pass\nelse:\n    print("x")\n'), []);
    assert.deepEqual(testsOf('if args.a == "" and args.b:\n    print("x")\n'), []);
  });
});
