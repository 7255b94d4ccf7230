# Idiom: components built and stored on self inside class methods (sst-elements tests).
import sst


class Router:
    def __init__(self, name, ports):
        self.rtr = sst.Component(name, "merlin.hr_router")
        self.rtr.addParams({"num_ports": ports, "id": 0})
        self.next_port = 0

    def port(self):
        p = "port%d" % self.next_port
        self.next_port += 1
        return p


class Cache:
    def __init__(self, name, size):
        self.comp = sst.Component(name, "memHierarchy.Cache")
        self.comp.addParam("cache_size", size)

    def attach(self, router, latency="100ps"):
        link = sst.Link("link_%s_%s" % (self.comp.getFullName(), router.rtr.getFullName()))
        link.connect((self.comp, "low_network_0", latency), (router.rtr, router.port(), latency))
        return link


rtr = Router("router", 4)
for i in range(2):
    Cache("l2_%d" % i, "%dKiB" % (64 * (i + 1))).attach(rtr)

# expect: component router type=merlin.hr_router line=7
# expect: param router.num_ports = "4"
# expect: component l2_0 type=memHierarchy.Cache line=19
# expect: param l2_1.cache_size = "128KiB"
# expect: link link_l2_0_router l2_0 low_network_0 100ps -- router port0 100ps line=23
# expect: link link_l2_1_router l2_1 low_network_0 100ps -- router port1 100ps
