# Idiom: link ends on a component the model cannot identify (picked by a value only the user supplies, here the
# environment). SST's left end is the first connected: a known second end must stay the right end, not move left.
# An addLink called on the unknown component may connect the link: its end is unknown, not absent.
import os
import sst

cpus = {
    "fast": sst.Component("cpu_fast", "miranda.BaseCPU"),
    "slow": sst.Component("cpu_slow", "miranda.BaseCPU"),
}
picked = cpus[os.environ.get("SAMPLE_CPU", "fast")]
bus = sst.Component("bus", "memHierarchy.Bus")

sst.Link("cpu_bus").connect((picked, "cache_link", "1ns"), (bus, "high_network_0", "1ns"))
late = sst.Link("bus_cpu")
bus.addLink(late, "high_network_1", "2ns")
picked.addLink(late, "cache_link2", "2ns")

# (The ends themselves are compared with CPython's: cpu_bus runs cpu_fast cache_link 1ns -- bus high_network_0 1ns,
# bus_cpu runs bus high_network_1 2ns -- cpu_fast cache_link2 2ns; a `link` line would ask the model for all of it.)
# expect: count links 2
# expect: component bus type=memHierarchy.Bus
# expect-unknown: links[cpu_bus].left.component
# expect-unknown: links[bus_cpu].right.component
# expect-unknown: links[bus_cpu].right.port
# expect-unknown: links[bus_cpu].right.latency
