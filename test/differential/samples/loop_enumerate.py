# Idiom: for i, x in enumerate(list).
import sst

sizes = ["2GiB", "4GiB"]
for i, size in enumerate(sizes):
    mem = sst.Component("memory%d" % i, "memHierarchy.MemController")
    mem.addParams({"backend.mem_size": size, "index": i})

# expect: param memory0.backend.mem_size = "2GiB"
# expect: param memory1.index = "1"
# expect: param memory1.backend.mem_size = "4GiB"
