# Idiom: generators (yield, yield from, early return), links kept in a dict keyed by tuples and connected in sorted
# order, enumerate(start=...), and tuples printed as Python prints them.
import sst


def node_names(n):
    for i in range(n):
        yield "node%d" % i


def ports():
    yield "port0"
    yield from ["port1", "port2"]


def until(limit):
    for i in range(10):
        if i == limit:
            return
        yield i


routers = {name: sst.Component(name, "merlin.hr_router") for name in node_names(3)}
links = {}
for i, j in [(2, 0), (0, 1), (1, 2)]:
    links[(i, j)] = sst.Link("link_%d_%d" % (i, j))
order = []
for (i, j), link in sorted(links.items()):
    order.append((i, j))
    link.connect((routers["node%d" % i], "port0", "1ns"), (routers["node%d" % j], "port1", "1ns"))
routers["node0"].addParams({
    "ports": ",".join(ports()),
    "until": str(list(until(3))),
    "order": str(order),
    "one": str((1,)),
    "numbered": str([i for i, _ in enumerate("ab", start=1)]),
    "newest": str(max([(1, "a"), (2, "b"), (2, "a")])),
    "descending": str(sorted([3, 1, 2], reverse=True)),
    "by_value": str(sorted({"b": 2, "a": 3, "c": 1}.items(), key=lambda kv: kv[1])),
    "longest_name": max(["l1", "mem", "bus"], key=len),
    "stable": str(sorted(["bb", "a", "cc", "d"], key=len, reverse=True)),
})

# expect: param node0.ports = "port0,port1,port2"
# expect: param node0.until = "[0, 1, 2]"
# expect: param node0.order = "[(0, 1), (1, 2), (2, 0)]"
# expect: param node0.one = "(1,)"
# expect: param node0.numbered = "[1, 2]"
# expect: param node0.newest = "(2, 'b')"
# expect: param node0.descending = "[3, 2, 1]"
# expect: param node0.by_value = "[('c', 1), ('b', 2), ('a', 3)]"
# expect: param node0.longest_name = "mem"
# expect: param node0.stable = "['bb', 'cc', 'a', 'd']"
