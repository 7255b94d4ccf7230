# Idiom: sets of ports and names. CPython iterates a set in hash-table order: known for small ints, not for strings
# (their hash changes per process), so the model must say unknown where the order shows.
import sst

c = sst.Component("sets", "memHierarchy.Bus")
ports = {3, 1, 2}
ports.update([0])
c.addParam("first_port", list(ports)[0])
c.addParam("ports", ",".join(str(p) for p in ports))
names = {"b", "a"}
names.add("c")
c.addParam("sorted_names", sorted(names))
c.addParam("n_names", len(names))
c.addParam("same", names == {"c", "b", "a"})
c.addParam("common", sorted(names.intersection(["a", "z", "c"])))
c.addParam("rest", sorted(names - {"a"}) if False else sorted(names.difference({"a"})))
c.addParam("sub", {"a"}.issubset(names))
c.addParam("first_name", list(names)[0])
for p in sorted(ports):
    sst.Component("port%d" % p, "memHierarchy.MemController")

# expect: param sets.first_port = "0"
# expect: param sets.ports = "0,1,2,3"
# expect: param sets.sorted_names = "['a', 'b', 'c']"
# expect: param sets.n_names = "3"
# expect: param sets.same = "True"
# expect: param sets.common = "['a', 'c']"
# expect: param sets.rest = "['b', 'c']"
# expect: param sets.sub = "True"
# expect-unknown: sets.first_name
# expect: component port3 type=memHierarchy.MemController

# Operators make new sets; a frozenset keeps its type (and prints as one).
both = {1, 2, 3} | {2, 5}
c.addParam("union", sorted(both))
c.addParam("inter", sorted({1, 2, 3} & {2, 5}))
c.addParam("minus", sorted({1, 2, 3} - {2, 5}))
c.addParam("xor", sorted({1, 2, 3} ^ {2, 5}))
c.addParam("frozen", str(frozenset([7]) | {7}))
c.addParam("plain", str({7} | frozenset([7])))

# expect: param sets.union = "[1, 2, 3, 5]"
# expect: param sets.xor = "[1, 3, 5]"
# expect: param sets.frozen = "frozenset({7})"
# expect: param sets.plain = "{7}"
