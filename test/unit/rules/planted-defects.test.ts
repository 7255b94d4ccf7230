/**
 * The example workspace is clean; each defect planted into a copy of it reports exactly its code, on the right file
 * and line — and nothing else above information level.
 */
import assert from 'node:assert/strict';
import { appendFile, mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import type { Finding } from '../../../server/src/rules/types';
import { copyExample, type ExampleCopy } from '../../support/exampleWorkspace';
import { GiB, MiB, VERSION_TAGS, gem5DmBoardLayout, sstBoardLayout, writeCheckpoint } from '../../support/checkpointWriter';

async function check(ws: ExampleCopy): Promise<Finding[]> {
  const engine = createWorkspaceEngine([ws.root]);
  return [...(await engine.findingsAll()).values()].flat().filter((f) => f.severity === 'error' || f.severity === 'warning');
}

/** A minimal gem5 source tree in the workspace (the B inputs): upgrader tags equal to the checkpoint's by default. */
async function gem5Tree(w: ExampleCopy, files: { gem5cc?: string; bridge?: string; tags?: string[] }): Promise<void> {
  const root = join(w.root, 'gem5');
  await mkdir(join(root, 'src', 'sim'), { recursive: true });
  await mkdir(join(root, 'util', 'cpt_upgraders'), { recursive: true });
  for (const t of files.tags ?? VERSION_TAGS) await writeFile(join(root, 'util', 'cpt_upgraders', `${t}.py`), '# upgrader\n');
  if (files.gem5cc !== undefined) {
    await mkdir(join(root, 'ext', 'sst'), { recursive: true });
    await writeFile(join(root, 'ext', 'sst', 'gem5.cc'), files.gem5cc);
  }
  if (files.bridge !== undefined) {
    await mkdir(join(root, 'src', 'sst'), { recursive: true });
    await writeFile(join(root, 'src', 'sst', 'outgoing_request_bridge.cc'), files.bridge);
  }
}

const where = (f: Finding) => `${f.code}@${f.file.split('/').slice(-2).join('/')}:${f.span.start.line + 1}`;

interface Plant {
  name: string;
  plant(ws: ExampleCopy): Promise<void>;
  /** [code, file key (sst|gem5|tasks|cpt), needle on the expected line] */
  expect: [string, 'sst' | 'gem5' | 'tasks' | 'cpt', string][];
}

const plants: Plant[] = [
  { name: 'SST memory written in decimal GB (too small and decimal)', plant: (w) => w.edit(w.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"'),
    expect: [['GS202', 'sst', '"mem_size": sst_memory_size'], ['GS204', 'sst', 'sst_memory_size = "5GB"']] },
  { name: 'SST memory one GiB short of the remote end', plant: (w) => w.edit(w.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "4GiB"'),
    expect: [['GS202', 'sst', '"mem_size": sst_memory_size']] },
  { name: 'restore under SST with the atomic CPU', plant: (w) => w.edit(w.sst, '"--cpu-type=timing"', '"--cpu-type=atomic"'),
    expect: [['GS302', 'sst', '"--cpu-type=atomic"']] },
  { name: 'a unique option prefix is accepted (argparse allow_abbrev)', plant: (w) => w.edit(w.sst, '"--cpu-type=timing"', '"--cpu-t=timing"'),
    expect: [] },
  { name: 'option the script does not define', plant: (w) => w.edit(w.sst, '"--take-ckpt=False",', '"--take-ckpt=False",\n        "--chkpt-dir=x",'),
    expect: [['GS103', 'sst', '"--chkpt-dir=x"']] },
  { name: 'choice the script does not allow', plant: (w) => w.edit(w.sst, '"--cpu-type=timing"', '"--cpu-type=minor"'),
    expect: [['GS104', 'sst', '"--cpu-type=minor"']] },
  { name: 'required option missing', plant: (w) => w.edit(w.sst, '        "--remote-memory-latency=750",\n', ''),
    expect: [['GS105', 'sst', '"cmd": " ".join(cmd)']] },
  { name: 'int option given text', plant: (w) => w.edit(w.sst, '"--remote-memory-latency=750"', '"--remote-memory-latency=750ns"'),
    expect: [['GS106', 'sst', '"--remote-memory-latency=750ns"']] },
  { name: 'gem5 script path wrong for the SST working directory', plant: (w) => w.edit(w.sst, '"../configs/arm-sst-checkpoint.py"', '"../configs/arm-sst-checkpoints.py"'),
    expect: [['GS102', 'sst', '"../configs/arm-sst-checkpoints.py"']] },
  { name: 'quote inside a cmd value', plant: (w) => w.edit(w.sst, '"--remote-memory-latency=750"', `"--remote-memory-latency='750'"`),
    // The split also leaves `--remote-memory-latency=` (no int) and a stray `750`: argparse's view of the same defect.
    expect: [['GS107', 'sst', `"--remote-memory-latency='750'"`], ['GS107', 'sst', `"--remote-memory-latency='750'"`],
      ['GS106', 'sst', `"--remote-memory-latency='750'"`], ['GS103', 'sst', `"--remote-memory-latency='750'"`]] },
  { name: 'bridge path wrong', plant: (w) => w.edit(w.sst, '"board.remote_memory"', '"board.remote_memory.outgoing_request_bridge"'),
    expect: [['GS112', 'sst', 'response_receiver_name']] },
  { name: 'ports entry without its bridge subcomponent', plant: (w) => w.edit(w.sst, '"ports": "remote_memory_port"', '"ports": "remote_memory_port other_port"'),
    expect: [['GS111', 'sst', '"ports": "remote_memory_port other_port"']] },
  { name: 'gem5Component without frequency', plant: (w) => w.edit(w.sst, '        "frequency": cpu_clock_rate,\n', ''),
    expect: [['GS110', 'sst', 'gem5_node = sst.Component']] },
  { name: 'remote range given as start,size', plant: (w) => w.edit(w.sst, 'remote_end = remote_start + 1073741824', 'remote_end = 1073741824'),
    expect: [['GS201', 'sst', '--remote-memory-addr-range=']] },
  { name: 'addr_range_end written as a unit string', plant: (w) => w.edit(w.sst, '"addr_range_end": UnitAlgebra(sst_memory_size).getRoundedValue(),', '"addr_range_end": "5GiB",'),
    expect: [['GS203', 'sst', '"addr_range_end": "5GiB"'], ['GS202', 'sst', '"addr_range_end": "5GiB"']] },
  { name: 'backend mem_size without B', plant: (w) => w.edit(w.sst, '"mem_size": sst_memory_size', '"mem_size": "5Gi"'),
    expect: [['GS206', 'sst', '"mem_size": "5Gi"']] },
  { name: 'local memory size differs from the checkpoint', plant: (w) => w.edit(w.sst, 'local_memory_size = "1GiB"', 'local_memory_size = "2GiB"'),
    expect: [['GS208', 'sst', '--local-memory-size=']] },
  { name: 'gem5 size gem5 rejects', plant: (w) => w.edit(w.sst, 'local_memory_size = "1GiB"', 'local_memory_size = "1G"'),
    expect: [['GS205', 'sst', '--local-memory-size=']] },
  { name: 'remote window not a whole GiB and smaller than the checkpoint store', plant: (w) => w.edit(w.sst, 'remote_end = remote_start + 1073741824', 'remote_end = remote_start + 536870912'),
    expect: [['GS207', 'sst', '--remote-memory-addr-range='], ['GS212', 'sst', '--remote-memory-addr-range=']] },
  { name: 'checkpoint directory missing', plant: (w) => w.edit(w.sst, '"--ckpt-dir=../m5out/take_0/checkpoint"', '"--ckpt-dir=../m5out/take_1/checkpoint"'),
    expect: [['GS401', 'sst', '"--ckpt-dir=../m5out/take_1/checkpoint"']] },
  { name: 'restore mode with no checkpoint path (silent cold boot)', plant: (w) => w.edit(w.sst, '        "--ckpt-dir=../m5out/take_0/checkpoint",\n', ''),
    expect: [['GS403', 'sst', '"cmd": " ".join(cmd)']] },
  { name: 'string boolean written in lower case', plant: (w) => w.edit(w.sst, '"--take-ckpt=False"', '"--take-ckpt=false"'),
    expect: [['GS408', 'sst', '"--take-ckpt=false"']] },
  { name: 'two nodes on one rank under a serial sst task', plant: (w) => w.edit(w.sst, 'nodes = 1', 'nodes = 2'),
    expect: [['GS501', 'sst', 'gem5_node = sst.Component'], ['GS202', 'sst', '"mem_size": sst_memory_size']] },
  { name: 'take task with the timing CPU on the SST board', plant: (w) => w.edit(w.tasks, '"--cpu-type=atomic"', '"--cpu-type=timing"'),
    expect: [['GS301', 'tasks', '"--cpu-type=timing"']] },
  { name: 'checkpoint taken with KVM, restored without the KVM release', plant: (w) => w.edit(join(w.root, 'm5out', 'take_0', 'config.ini'), 'type=ArmAtomicSimpleCPU', 'type=ArmV8KvmCPU'),
    expect: [['GS305', 'gem5', 'board = ArmSstDMBoard(']] },
  { name: 'kernel path that does not exist', plant: (w) => w.edit(w.gem5, 'kernel=obtain_resource("arm64-linux-kernel-5.15.36")', 'kernel=KernelResource("/nonexistent/vmlinux")'),
    expect: [['GS506', 'gem5', 'kernel=KernelResource("/nonexistent/vmlinux")']] },
  { name: 'unknown gem5 option before the script', plant: (w) => w.edit(w.sst, '        "../configs/arm-sst-checkpoint.py",\n', '        "--not-a-gem5-option",\n        "../configs/arm-sst-checkpoint.py",\n'),
    expect: [['GS108', 'sst', '"--not-a-gem5-option"']] },
  { name: 'local memory overlapping the remote range (and not the checkpoint size)', plant: (w) => w.edit(w.sst, 'local_memory_size = "1GiB"', 'local_memory_size = "4GiB"'),
    expect: [['GS209', 'sst', '--remote-memory-addr-range='], ['GS208', 'sst', '--local-memory-size=']] },
  { name: 'KVM take with a manual instantiate and no sim_quantum', plant: async (w) => {
    await w.edit(w.gem5, '    if args.cpu_type == "kvm":\n        root.sim_quantum = int(1e9)\n', '');
    await w.edit(w.tasks, '"--cpu-type=atomic"', '"--cpu-type=kvm"');
  }, expect: [['GS303', 'gem5', '    m5.instantiate()']] },
  { name: 'restore builds fewer cores than the checkpoint holds', plant: (w) => w.edit(w.gem5, 'num_cores=4', 'num_cores=2'),
    expect: [['GS306', 'gem5', 'num_cores=2']] },
  { name: 'restore on another platform than the take', plant: async (w) => {
    // Imported too: a name the script never binds is a NameError before any board is built.
    await w.edit(w.gem5, 'from m5.objects import AddrRange, Root, VExpress_GEM5_V1', 'from m5.objects import AddrRange, Root, VExpress_GEM5_Foundation, VExpress_GEM5_V1');
    await w.edit(w.gem5, 'platform=VExpress_GEM5_V1()', 'platform=VExpress_GEM5_Foundation()');
  },
    expect: [['GS307', 'gem5', 'board = ArmSstDMBoard(']] },
  { name: 'zero-latency link across MPI ranks', plant: async (w) => {
    await w.edit(w.tasks, '"ranks": 1', '"ranks": 2');
    await w.edit(w.sst, 'link.connect((bridge, "port", "750ns"), (bus, "high_network_0", "1ns"))', 'link.connect((bridge, "port", "0ns"), (bus, "high_network_0", "0ns"))');
  }, expect: [['GS503', 'sst', 'link.connect((bridge, "port", "0ns")']] },
  { name: 'checkpoint taken on the gem5-only board: store images swapped', plant: async (w) => {
    await rm(join(w.root, 'm5out', 'take_0'), { recursive: true, force: true });
    await writeCheckpoint(join(w.root, 'm5out', 'take_0'), { memories: gem5DmBoardLayout(GiB, GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
  }, expect: [['GS211', 'sst', '"cmd": " ".join(cmd)'], ['GS211', 'sst', '"cmd": " ".join(cmd)']] },
  { name: 'checkpoint with a third store', plant: async (w) => {
    await rm(join(w.root, 'm5out', 'take_0'), { recursive: true, force: true });
    await writeCheckpoint(join(w.root, 'm5out', 'take_0'), { memories: [...sstBoardLayout(GiB, 0x100000000n, GiB), { name: 'board.scratch', type: 'SimpleMemory', start: 0x10000000n, size: 16n * MiB, inAddrMap: true }], cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
  }, expect: [['GS210', 'sst', '"cmd": " ".join(cmd)']] },
  { name: 'checkpoint version tags behind the gem5 tree in the workspace', plant: (w) => gem5Tree(w, { tags: [...VERSION_TAGS, 'x86-add-xcr0'] }), expect: [['GS407', 'cpt', 'version_tags=']] },
  { name: 'SST time base other than 1ps', plant: (w) => w.edit(w.tasks, '"ranks": 1', '"ranks": 1,\n      "sstArgs": ["--timebase=1ns"]'),
    expect: [['GS308', 'tasks', '"--timebase=1ns"']] },
  { name: 'a gem5 tree whose ext/sst lacks the base_time offset', plant: async (w) => {
    await gem5Tree(w, { gem5cc: 'void gem5Component::clockTick() { next_end_tick = timeConverter->convertToCoreTime(cycle); }\n' });
  }, expect: [['GS308', 'sst', '"cmd": " ".join(cmd)']] },
  { name: 'an Era-A bridge sending a 2 GiB remote image across MPI ranks', plant: async (w) => {
    await gem5Tree(w, { gem5cc: 'uint64_t base_time;\n', bridge: 'cp.getCptDir() + "/board.physmem.store0.pmem"\n' });
    await w.edit(w.tasks, '"ranks": 1', '"ranks": 2');
    await w.edit(w.sst, 'remote_end = remote_start + 1073741824', 'remote_end = remote_start + 2147483648');
    await w.edit(w.sst, 'sst_memory_size = "5GiB"', 'sst_memory_size = "6GiB"');
  }, expect: [['GS502', 'sst', '"cmd": " ".join(cmd)'], ['GS207', 'sst', '--remote-memory-addr-range=']] },
  { name: 'dirty cache in the checkpoint', plant: (w) => w.edit(join(w.checkpoint, 'm5.cpt'), 'bad_checkpoint=false', 'bad_checkpoint=true'),
    expect: [['GS406', 'cpt', '[board.cache_hierarchy.l3cache]']] },
  { name: 'missing remote store file', plant: (w) => rm(join(w.checkpoint, 'board.physmem.store0.pmem')),
    expect: [['GS404', 'cpt', 'filename=board.physmem.store0.pmem']] },
  { name: 'm5.cpt line without =', plant: (w) => appendFile(join(w.checkpoint, 'm5.cpt'), 'garbage line\n'),
    expect: [['GS409', 'cpt', 'garbage line']] },
];

describe('planted defects in the example workspace', function () {
  this.timeout(60000);

  it('the example workspace reports no error and no warning', async () => {
    const ws = await copyExample();
    try {
      assert.deepEqual((await check(ws)).map(where), []);
    } finally {
      await ws.dispose();
    }
  });

  for (const p of plants) {
    it(`${p.expect.map((e) => e[0]).join('+')}: ${p.name}`, async () => {
      const ws = await copyExample();
      try {
        await p.plant(ws);
        const files = { sst: ws.sst, gem5: ws.gem5, tasks: ws.tasks, cpt: join(ws.checkpoint, 'm5.cpt') };
        const expected = await Promise.all(p.expect.map(async ([code, key, needle]) =>
          `${code}@${files[key].split('/').slice(-2).join('/')}:${await ws.lineOf(files[key], needle)}`));
        const got = (await check(ws)).map(where);
        assert.deepEqual(got.sort(), expected.sort());
      } finally {
        await ws.dispose();
      }
    });
  }

  it('GS507 (information): a KVM-taken checkpoint restored under SST shows the known workaround', async () => {
    const ws = await copyExample();
    try {
      await ws.edit(join(ws.root, 'm5out', 'take_0', 'config.ini'), 'type=ArmAtomicSimpleCPU', 'type=ArmV8KvmCPU');
      const engine = createWorkspaceEngine([ws.root]);
      const all = [...(await engine.findingsAll()).values()].flat();
      const info = all.find((f) => f.code === 'GS507');
      assert.equal(info?.severity, 'information');
      assert.match(info!.message, /Replace Remote Memory Image/);
    } finally {
      await ws.dispose();
    }
  });

  it('a truncated store is GS405 from the cheap checks alone, and reported once when store verification is on too', async () => {
    const ws = await copyExample();
    try {
      await truncate(join(ws.checkpoint, 'board.physmem.store1.pmem'), 300);
      const cheap = await check(ws);
      assert.deepEqual(cheap.map((f) => f.code), ['GS405']);
      assert.match(cheap[0].message, /truncated/);
      const engine = createWorkspaceEngine([ws.root], { enable: true, severity: {}, sstWorkingDirectory: null, checkpointGlobs: [], verifyStores: true, defaultRanks: 1 });
      await engine.findingsAll();
      while (engine.isVerifying()) await new Promise((r) => setTimeout(r, 20));
      const codes = [...(await engine.findingsAll()).values()].flat().map((f) => f.code);
      assert.deepEqual(codes, ['GS405']);
    } finally {
      await ws.dispose();
    }
  });

  it('a file that is not a gem5 or SST script is ignored, and a broken one gives GS101 without crashing', async () => {
    const ws = await copyExample();
    try {
      await writeFile(join(ws.root, 'helper.py'), 'import os\nprint(os.getcwd())\n');
      await ws.edit(ws.gem5, 'args = parser.parse_args()', 'args = parser.parse_args(');
      const codes = (await check(ws)).map((f) => f.code);
      assert.ok(codes.includes('GS101'));
    } finally {
      await ws.dispose();
    }
  });
});
