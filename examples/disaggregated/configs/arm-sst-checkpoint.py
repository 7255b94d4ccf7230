# gem5 config script for a disaggregated-memory ARM system: one script, two runs.
#
#   take    (gem5 alone):  --take-ckpt=True  --cpu-type=atomic  -> boots Linux, writes <outdir>/checkpoint
#   restore (inside SST):  --take-ckpt=False --cpu-type=timing --ckpt-dir=<that checkpoint>
#
# The remote memory is an ExternalRemoteMemory bridge (not in gem5's address map), so in the checkpoint
# board.physmem.store0.pmem is the remote image and store1 the local one.
import argparse

import m5
from m5.objects import AddrRange, Root, VExpress_GEM5_V1

from gem5.components.memory import SingleChannelDDR4_2400
from gem5.components.processors.cpu_types import CPUTypes
from gem5.components.processors.simple_processor import SimpleProcessor
from gem5.isas import ISA
from gem5.resources.resource import obtain_resource
from gem5.utils.requires import requires

from boards.arm_sst_board import ArmSstDMBoard
from cachehierarchies.dm_caches_sst import ClassicPrivateL1PrivateL2SharedL3SstDMCache
from memories.external_remote_memory import ExternalRemoteMemory

parser = argparse.ArgumentParser(description="Take (gem5) or restore (SST) a disaggregated-memory checkpoint.")
parser.add_argument("--cpu-type", type=str, choices=["atomic", "timing", "o3", "kvm"], default="atomic",
                    help="atomic or kvm to take; timing or o3 to restore under SST")
parser.add_argument("--cpu-clock-rate", type=str, required=True, help="e.g. 3GHz")
parser.add_argument("--local-memory-size", type=str, required=True, help="gem5 size, e.g. 1GiB")
parser.add_argument("--remote-memory-addr-range", type=str, required=True,
                    help="start,end in decimal bytes, end exclusive, e.g. 4294967296,5368709120")
parser.add_argument("--remote-memory-latency", type=int, required=True, help="bridge latency in cycles")
parser.add_argument("--instance", type=int, required=True, help="node index")
parser.add_argument("--ckpt-dir", type=str, default="", help="checkpoint directory to restore from")
parser.add_argument("--take-ckpt", type=str, required=True, help="True to take, False to restore")
args = parser.parse_args()

requires(isa_required=ISA.ARM)

remote_start, remote_end = [int(x) for x in args.remote_memory_addr_range.split(",")]

cache_hierarchy = ClassicPrivateL1PrivateL2SharedL3SstDMCache(
    l1d_size="32KiB", l1i_size="32KiB", l2_size="256KiB", l3_size="4MiB"
)
local_memory = SingleChannelDDR4_2400(size=args.local_memory_size)
remote_memory = ExternalRemoteMemory(
    addr_range=AddrRange(remote_start, remote_end),
    link_latency=args.remote_memory_latency,
)
processor = SimpleProcessor(
    cpu_type=CPUTypes[args.cpu_type.upper()], isa=ISA.ARM, num_cores=4
)
board = ArmSstDMBoard(
    clk_freq=args.cpu_clock_rate,
    processor=processor,
    local_memory=local_memory,
    remote_memory=remote_memory,
    cache_hierarchy=cache_hierarchy,
    platform=VExpress_GEM5_V1(),
)
board.set_kernel_disk_workload(
    kernel=obtain_resource("arm64-linux-kernel-5.15.36"),
    bootloader=obtain_resource("arm64-bootloader-foundation"),
    disk_image=obtain_resource("arm64-ubuntu-20.04-img"),
    readfile_contents="m5 --addr=0x10010000 exit; numactl --membind=1 ./stream; m5 --addr=0x10010000 exit",
)

board._pre_instantiate()
root = Root(full_system=True, board=board)
board._post_instantiate()

if args.take_ckpt == "True":
    if args.cpu_type == "kvm":
        root.sim_quantum = int(1e9)
    m5.instantiate()
    exit_event = m5.simulate()
    print("Exited at tick", m5.curTick(), "because", exit_event.getCause())
    m5.checkpoint(m5.options.outdir + "/checkpoint")
else:
    # Called from SST: SST drives the simulation after instantiate.
    m5.instantiate(args.ckpt_dir)
