# Idiom: routers kept in a dict keyed by a frozen dataclass coordinate, looked up with fresh equal keys; a plain
# @dataclass (eq without hash) and a list are refused as keys (TypeError), a plain object is its own key, and a class
# with its own __eq__/__hash__ is not followed (unknown, never a guess).
import sst
from dataclasses import dataclass


@dataclass(frozen=True)
class Coord:
    x: int
    y: int


@dataclass
class Loose:
    x: int


class Custom:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, Custom) and other.v == self.v

    def __hash__(self):
        return hash(self.v)


rtr = {}
for y in range(2):
    for x in range(2):
        rtr[Coord(x, y)] = sst.Component("rtr_%d_%d" % (x, y), "kingsley.noc_mesh")
for y in range(2):
    for x in range(1, 2):
        sst.Link("ew_%d_%d" % (x, y)).connect((rtr.get(Coord(x - 1, y)), "east", "800ps"), (rtr[Coord(x, y)], "west", "800ps"))
probe = rtr[Coord(0, 0)]
try:
    {Loose(1): 1}
    probe.addParam("loose_key", "accepted")
except TypeError:
    probe.addParam("loose_key", "unhashable")
try:
    {[0, 1]: 1}
    probe.addParam("list_key", "accepted")
except TypeError:
    probe.addParam("list_key", "unhashable")
token = object()
probe.addParams({"own_key": {token: "found"}.get(token), "other_object": {object(): 1}.get(object(), "miss"),
                 "custom": {Custom(1): "one"}.get(Custom(1), "none")})

# expect: link ew_1_0 rtr_0_0 east 800ps -- rtr_1_0 west 800ps
# expect: link ew_1_1 rtr_0_1 east 800ps -- rtr_1_1 west 800ps
# expect: param rtr_0_0.loose_key = "unhashable"
# expect: param rtr_0_0.list_key = "unhashable"
# expect: param rtr_0_0.own_key = "found"
# expect: param rtr_0_0.other_object = "miss"
# expect-unknown: rtr_0_0.custom
