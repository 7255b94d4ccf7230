# SST restore script: one memHierarchy memory shared by gem5 nodes, each restoring the checkpoint that
# `configs/arm-sst-checkpoint.py --take-ckpt=True` wrote to ../m5out/take_0/checkpoint.
# Run from this directory:  sst restore.py   (paths inside `cmd` are relative to it)
import sst
from sst import UnitAlgebra

nodes = 1
cpu_clock_rate = "3GHz"
local_memory_size = "1GiB"
# Remote window of node 0: [4 GiB, 5 GiB). gem5 addresses reach SST unchanged, so with addr_range_start = 0
# the SST memory must reach the highest remote end.
sst_memory_size = "5GiB"

memory = sst.Component("memory", "memHierarchy.MemController")
memory.addParams({
    "clock": "2.4GHz",
    "backing": "mmap",
    "addr_range_start": 0,
    "addr_range_end": UnitAlgebra(sst_memory_size).getRoundedValue(),
})
backend = memory.setSubComponent("backend", "memHierarchy.timingDRAM")
backend.addParams({
    "id": 0,
    "addrMapper": "memHierarchy.simpleAddrMapper",
    "mem_size": sst_memory_size,
    "channels": 1,
    "channel.numRanks": 2,
    "channel.rank.numBanks": 16,
    "channel.transaction_Q_size": 64,
    "channel.rank.bank.CL": 14,
    "channel.rank.bank.CL_WR": 12,
    "channel.rank.bank.RCD": 14,
    "channel.rank.bank.TRP": 14,
    "channel.rank.bank.dataCycles": 2,
    "channel.rank.bank.pagePolicy": "memHierarchy.timeoutPagePolicy",
    "channel.rank.bank.transactionQ": "memHierarchy.reorderTransactionQ",
    "channel.rank.bank.pagePolicy.timeoutCycles": 50,
    "printconfig": 0,
    "channel.printconfig": 0,
    "channel.rank.printconfig": 0,
    "channel.rank.bank.printconfig": 0,
})

bus = sst.Component("bus", "memHierarchy.Bus")
bus.addParams({"bus_frequency": "2.4GHz"})

for node in range(nodes):
    remote_start = 4294967296 + node * 1073741824
    remote_end = remote_start + 1073741824
    cmd = [
        f"--outdir=../m5out/restore_{node}",
        "../configs/arm-sst-checkpoint.py",
        "--cpu-type=timing",
        f"--cpu-clock-rate={cpu_clock_rate}",
        f"--local-memory-size={local_memory_size}",
        f"--remote-memory-addr-range={remote_start},{remote_end}",
        "--remote-memory-latency=750",
        f"--instance={node}",
        "--ckpt-dir=../m5out/take_0/checkpoint",
        "--take-ckpt=False",
    ]
    gem5_node = sst.Component(f"gem5_node_{node}", "gem5.gem5Component")
    gem5_node.addParams({
        "frequency": cpu_clock_rate,
        "cmd": " ".join(cmd),
        "ports": "remote_memory_port",
    })
    bridge = gem5_node.setSubComponent("remote_memory_port", "gem5.gem5Bridge", 0)
    bridge.addParams({"response_receiver_name": "board.remote_memory"})

    link = sst.Link(f"gem5_{node}_to_bus")
    link.connect((bridge, "port", "750ns"), (bus, "high_network_0", "1ns"))

memory_link = sst.Link("bus_to_memory")
memory_link.connect((bus, "low_network_0", "1ns"), (memory, "direct_link", "1ns"))
