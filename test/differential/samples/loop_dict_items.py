# Idiom: for k, v in dict.items() (insertion order).
import sst

latencies = {"near": "10ns", "far": "750ns"}
mem = {}
for where, latency in latencies.items():
    mem[where] = sst.Component("mem_" + where, "memHierarchy.MemController")
    mem[where].addParams({"backend.access_time": latency})

# expect: component mem_near type=memHierarchy.MemController line=7
# expect: param mem_far.backend.access_time = "750ns"
