# Idiom: collections.Counter, OrderedDict and defaultdict building per-kind parameters.
import sst
import collections
from collections import Counter, OrderedDict, defaultdict

kinds = ["cpu", "mem", "cpu", "bus", "cpu", "mem"]
counts = Counter(kinds)
counts["net"] += 2
counts.update(["bus"])
counts.update({"mem": 5})
bus = sst.Component("counts", "memHierarchy.Bus")
for kind, n in counts.most_common():
    bus.addParam("n_" + kind, n)
bus.addParam("top", counts.most_common(1)[0][0])
bus.addParam("missing", counts["zzz"])
bus.addParam("has_missing", "zzz" in counts)

order = OrderedDict([("b", 1), ("a", 2)])
order["c"] = 3
order.move_to_end("b")
bus.addParam("order", ",".join(order.keys()))

per_kind = defaultdict(int)
for k in kinds:
    per_kind[k] += 1
bus.addParam("per_kind", sorted(per_kind.items()))
labels = collections.defaultdict(lambda: "x")
bus.addParam("label", labels["q"] + str(len(labels)))

by_group = defaultdict(list)
for i in range(4):
    by_group[i % 2].append(sst.Component("mem%d" % i, "memHierarchy.MemController"))
for group, mems in by_group.items():
    for a, b in zip(mems, mems[1:]):
        sst.Link("g%d_%s" % (group, a.getFullName())).connect((a, "port", "1ns"), (b, "port", "1ns"))

last = {"a": 1, "b": 2}
key, _ = last.popitem()
bus.addParam("popped", key)
bus.addParam("left", str(last))

# expect: param counts.n_cpu = "3"
# expect: param counts.n_mem = "7"
# expect: param counts.top = "mem"
# expect: param counts.missing = "0"
# expect: param counts.has_missing = "False"
# expect: param counts.order = "a,c,b"
# expect: param counts.per_kind = "[('bus', 1), ('cpu', 3), ('mem', 2)]"
# expect: param counts.label = "x1"
# expect: link g0_mem0 mem0 port 1ns -- mem2 port 1ns
# expect: param counts.popped = "b"
# expect: param counts.left = "{'a': 1}"
