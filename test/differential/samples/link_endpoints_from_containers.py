# Idiom: links whose endpoints come out of lists and dicts.
import sst

cpus = [sst.Component("cpu%d" % i, "memHierarchy.standardCPU") for i in range(2)]
caches = {}
for i, name in enumerate(["l1_a", "l1_b"]):
    caches[name] = sst.Component(name, "memHierarchy.Cache")

pairs = [(cpus[0], "l1_a"), (cpus[1], "l1_b")]
for cpu, cache_name in pairs:
    link = sst.Link("link_%s_%s" % (cpu.getFullName(), cache_name))
    link.connect((cpu, "port", "1ns"), (caches[cache_name], "high_network_0", "1ns"))

# expect: count components 4
# expect: count links 2
# expect: link link_cpu0_l1_a cpu0 port 1ns -- l1_a high_network_0 1ns line=11
# expect: link link_cpu1_l1_b cpu1 port 1ns -- l1_b high_network_0 1ns
