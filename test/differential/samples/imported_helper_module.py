# Idiom: data and helpers from a sibling module.
import sst
from samplelib import Bus, cache_params

caches = []
for i in range(2):
    c = sst.Component("l1_%d" % i, "memHierarchy.Cache")
    c.addParams(cache_params)
    caches.append(c)
Bus("bus", {"bus_frequency": "2GHz"}, "50ps", caches)

# expect: param l1_1.coherence_protocol = "MESI"
# expect: component bus type=memHierarchy.Bus line=9
# expect: link link_bus_l1_1 l1_1 low_network_0 50ps -- bus high_network_1 50ps line=12
