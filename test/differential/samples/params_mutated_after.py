# Idiom: a list or object passed as a parameter and changed afterwards; SST keeps the str() it had at the call.
import sst

ports = [1, 2]
cpu = sst.Component("cpu", "miranda.BaseCPU")
cpu.addParams({"ports": ports})
ports.append(3)
cpu.addParam("later", ports)


class Size:
    def __init__(self, n):
        self.n = n

    def __str__(self):
        return "%dGiB" % self.n


size = Size(2)
mem = sst.Component("memory", "memHierarchy.MemController")
mem.addParam("mem_size", size)
size.n = 4

# expect: param cpu.ports = "[1, 2]"
# expect: param cpu.later = "[1, 2, 3]"
# expect: param memory.mem_size = "2GiB"
