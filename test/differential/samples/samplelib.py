# A helper module imported by imported_helper_module.py (like memHierarchy's mhlib.py). Not a sample itself.
import sst

cache_params = {"cache_frequency": "2GHz", "coherence_protocol": "MESI"}


class Bus:
    def __init__(self, name, params, latency, highcomps):
        self.bus = sst.Component(name, "memHierarchy.Bus")
        self.bus.addParams(params)
        for i, comp in enumerate(highcomps):
            link = sst.Link("link_%s_%s" % (name, comp.getFullName()))
            link.connect((comp, "low_network_0", latency), (self.bus, "high_network_%d" % i, latency))
