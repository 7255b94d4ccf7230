# Idiom: try/except around something that fails, and a fallback in the handler.
import sst

try:
    import sst.merlin  # noqa: F401  (present or not depending on the SST installation: the model cannot know)
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

# expect-unknown: mem.topology
# expect: param mem.latency = "10ns"
