# Idiom: parameter dicts copied before changes (copy.copy / copy.deepcopy), node pairs from itertools, a product of
# sizes with functools.reduce, a partial helper.
import copy
import functools
import itertools
import sst

base = {"clock": "1GHz", "levels": [1, 2]}
deep = copy.deepcopy(base)
deep["levels"].append(3)
shallow = copy.copy(base)
shallow["clock"] = "2GHz"

nodes = [sst.Component("n%d" % i, "miranda.BaseCPU") for i in range(3)]
for a, b in itertools.combinations(range(3), 2):
    link = sst.Link("l%d%d" % (a, b))
    link.connect((nodes[a], "port%d" % b, "1ns"), (nodes[b], "port%d" % a, "1ns"))

add_clock = functools.partial(dict, clock="3GHz")
nodes[0].addParams({
    "base": str(base),
    "deep": str(deep),
    "shallow": str(shallow),
    "grid": str(list(itertools.product([0, 1], repeat=2))),
    "chain": str(list(itertools.chain([1], (2, 3)))),
    "first": str(list(itertools.islice(range(10), 2, 8, 3))),
    "longest": str(list(itertools.zip_longest("ab", "x", fillvalue="-"))),
    "orders": len(list(itertools.permutations("abc"))),
    "cells": functools.reduce(lambda x, y: x * y, [2, 3, 4]),
    "partial": str(add_clock(levels=2)),
})

# expect: param n0.base = "{'clock': '1GHz', 'levels': [1, 2]}"
# expect: param n0.deep = "{'clock': '1GHz', 'levels': [1, 2, 3]}"
# expect: param n0.shallow = "{'clock': '2GHz', 'levels': [1, 2]}"
# expect: param n0.cells = "24"
