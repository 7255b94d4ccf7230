/**
 * Realistic generated gem5 and SST config scripts of a chosen size, for benchmarks and fuzzing: argparse options,
 * helper functions, board construction, take/restore branches, per-node SST loops with f-string cmd lists.
 */
export function gem5Script(lines: number, seed = 1): string {
  const out: string[] = [
    '# generated gem5 config script', 'import argparse', 'import os', 'import m5', 'from m5.objects import AddrRange, Root, VExpress_GEM5_V1',
    'from gem5.components.memory import SingleChannelDDR4_2400', 'from gem5.components.processors.cpu_types import CPUTypes',
    'from gem5.components.processors.simple_processor import SimpleProcessor', 'from gem5.isas import ISA',
    'from boards.arm_sst_board import ArmSstDMBoard', 'from memories.external_remote_memory import ExternalRemoteMemory', '',
    'parser = argparse.ArgumentParser(description="generated")',
    'parser.add_argument("--cpu-type", type=str, choices=["atomic", "timing", "o3", "kvm"], default="atomic")',
    'parser.add_argument("--local-memory-size", type=str, required=True)',
    'parser.add_argument("--remote-memory-addr-range", type=str, required=True)',
    'parser.add_argument("--ckpt-dir", type=str, default="")',
    'parser.add_argument("--take-ckpt", type=str, required=True)',
  ];
  let i = 0;
  while (out.length < lines - 40) {
    const k = (i * 7919 + seed) % 5;
    if (k === 0) out.push(`parser.add_argument("--param-${i}", type=int, default=${i}, help="parameter ${i}")`);
    else if (k === 1) out.push(`def helper_${i}(x, y=${i}):`, `    """Helper ${i}."""`, `    return x * ${i % 13 + 1} + y`, '');
    else if (k === 2) out.push(`value_${i} = helper_${Math.max(0, i - 1)}(${i}) if ${i % 2} else "${i}GiB"`);
    else if (k === 3) out.push(`table_${i} = {"a": ${i}, "b": [${i}, ${i + 1}, ${i + 2}], "c": f"{${i}}_node"}`);
    else out.push(`for n_${i} in range(${i % 4 + 1}):`, `    print(f"node {n_${i}} of ${i}")`);
    i++;
  }
  out.push('args = parser.parse_args()', 'remote_start, remote_end = [int(x) for x in args.remote_memory_addr_range.split(",")]',
    'local_memory = SingleChannelDDR4_2400(size=args.local_memory_size)',
    'remote_memory = ExternalRemoteMemory(addr_range=AddrRange(remote_start, remote_end), link_latency=750)',
    'processor = SimpleProcessor(cpu_type=CPUTypes[args.cpu_type.upper()], isa=ISA.ARM, num_cores=4)',
    'board = ArmSstDMBoard(clk_freq="3GHz", processor=processor, local_memory=local_memory, remote_memory=remote_memory, platform=VExpress_GEM5_V1())',
    'board._pre_instantiate()', 'root = Root(full_system=True, board=board)', 'board._post_instantiate()',
    'if args.take_ckpt == "True":', '    m5.instantiate()', '    m5.simulate()', '    m5.checkpoint(m5.options.outdir + "/checkpoint")',
    'else:', '    m5.instantiate(args.ckpt_dir)', '');
  return out.join('\n');
}

export function sstScript(nodes: number, gem5Path = '../configs/gen.py'): string {
  return `import sst
from sst import UnitAlgebra
nodes = ${nodes}
size = "${nodes + 4}GiB"
memory = sst.Component("memory", "memHierarchy.MemController")
memory.addParams({"clock": "2.4GHz", "addr_range_start": 0, "addr_range_end": UnitAlgebra(size).getRoundedValue()})
backend = memory.setSubComponent("backend", "memHierarchy.timingDRAM")
backend.addParams({"mem_size": size})
bus = sst.Component("bus", "memHierarchy.Bus")
for node in range(nodes):
    start = 4294967296 + node * 1073741824
    cmd = [f"--outdir=m5out/restore_{node}", "${gem5Path}", "--cpu-type=timing", "--local-memory-size=1GiB",
           f"--remote-memory-addr-range={start},{start + 1073741824}", "--ckpt-dir=ckpt", "--take-ckpt=False"]
    g = sst.Component(f"gem5_{node}", "gem5.gem5Component")
    g.addParams({"frequency": "3GHz", "cmd": " ".join(cmd), "ports": "port"})
    b = g.setSubComponent("port", "gem5.gem5Bridge", 0)
    b.addParams({"response_receiver_name": "board.remote_memory"})
    sst.Link(f"l{node}").connect((b, "port", "1ns"), (bus, f"high_network_{node}", "1ns"))
sst.Link("m").connect((bus, "low_network_0", "1ns"), (memory, "direct_link", "1ns"))
`;
}
