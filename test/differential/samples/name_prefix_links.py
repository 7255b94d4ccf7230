# Idiom: one node's components and links built by a helper under pushNamePrefix, once per node; sst-core prefixes
# link names as it prefixes component names (addNamePrefix in both compInit and linkInit), so the two nodes' "l"
# links are "node0.l" and "node1.l", and a link made after popNamePrefix is not prefixed.
import sst


def build_node(n):
    sst.pushNamePrefix("node%d" % n)
    cpu = sst.Component("cpu", "miranda.BaseCPU")
    l1 = sst.Component("l1", "memHierarchy.Cache")
    sst.Link("l").connect((cpu, "cache_link", "1ns"), (l1, "high_network_0", "1ns"))
    sst.popNamePrefix()
    return l1


caches = [build_node(n) for n in range(2)]
sst.Link("between").connect((caches[0], "low_network_0", "5ns"), (caches[1], "low_network_0", "5ns"))

# expect: count links 3
# expect: link node0.l node0.cpu cache_link 1ns -- node0.l1 high_network_0 1ns
# expect: link node1.l node1.cpu cache_link 1ns -- node1.l1 high_network_0 1ns
# expect: link between node0.l1 low_network_0 5ns -- node1.l1 low_network_0 5ns
# expect: no link l
