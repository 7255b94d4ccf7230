# Idiom: a counter accumulated across iterations (`base += size`) and used in params.
import sst

base = 0
size = 1024
for i in range(3):
    mem = sst.Component("mem%d" % i, "memHierarchy.MemController")
    mem.addParams({"addr_range_start": base, "addr_range_end": base + size - 1})
    base += size

# expect: param mem0.addr_range_start = "0"
# expect: param mem1.addr_range_start = "1024"
# expect: param mem2.addr_range_start = "2048"
# expect: param mem2.addr_range_end = "3071"
