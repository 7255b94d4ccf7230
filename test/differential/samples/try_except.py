# Idiom: try/except around something that fails, and a fallback in the handler.
import sst

try:
    import sst.merlin  # noqa: F401  (not there: the handler runs)
    topology = "merlin"
except ImportError:
    topology = "direct"

try:
    latency = {"fast": "1ns"}["slow"]
except KeyError:
    latency = "10ns"
finally:
    comp = sst.Component("mem", "memHierarchy.MemController")

comp.addParams({"topology": topology, "latency": latency})

# expect: param mem.topology = "direct"
# expect: param mem.latency = "10ns"
