# Idiom: a namedtuple per node, with defaults, _replace and _asdict, unpacked in a loop.
import sst
from collections import namedtuple

Node = namedtuple("Node", ["name", "cpu", "mem"], defaults=["1GiB"])
nodes = [Node("n%d" % i, "cpu%d" % i, "%dGiB" % (i + 1)) for i in range(3)]
nodes.append(Node(cpu="cpux", name="nx"))
for name, cpu, mem in nodes:
    c = sst.Component(name, "memHierarchy.MemController")
    c.addParams({"backend.mem_size": mem, "cpu": cpu})
big = nodes[0]._replace(mem="9GiB")
x = sst.Component(big.name + "_big", "memHierarchy.MemController")
x.addParams(big._asdict())
x.addParam("repr", repr(big))
x.addParam("fields", ",".join(Node._fields))
x.addParam("is_tuple", isinstance(big, tuple) and big[2] == big.mem)
x.addParam("made", str(Node._make(["a", "b", "c"])))

# expect: param n1.backend.mem_size = "2GiB"
# expect: param nx.backend.mem_size = "1GiB"
# expect: params n0_big = {"name": "n0", "cpu": "cpu0", "mem": "9GiB", "repr": "Node(name='n0', cpu='cpu0', mem='9GiB')", "fields": "name,cpu,mem", "is_tuple": "True", "made": "Node(name='a', cpu='b', mem='c')"}
