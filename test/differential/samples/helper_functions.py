# Idiom: helpers with defaults, keywords, *args and **kwargs.
import sst


def make_cache(name, size="32KiB", *, assoc=8, **extra):
    comp = sst.Component(name, "memHierarchy.Cache")
    params = {"cache_size": size, "associativity": assoc}
    params.update(extra)
    comp.addParams(params)
    return comp


def connect(name, *ends, latency="1ns"):
    link = sst.Link(name)
    link.connect(*[(comp, port, latency) for comp, port in ends])
    return link


l1 = make_cache("l1")
l2 = make_cache("l2", "256KiB", assoc=16, L1=0, debug=False)
connect("l1_l2", (l1, "low_network_0"), (l2, "high_network_0"), latency="100ps")

# expect: params l1 = {"cache_size": "32KiB", "associativity": "8"}
# expect: params l2 = {"cache_size": "256KiB", "associativity": "16", "L1": "0", "debug": "False"}
# expect: component l2 type=memHierarchy.Cache line=6
# expect: link l1_l2 l1 low_network_0 100ps -- l2 high_network_0 100ps line=14
