# Idiom: l += [sst.Component(...)] then l[0].addParams(...).
import sst

nodes = []
nodes += [sst.Component("n0", "gem5.gem5Component")]
nodes = nodes + [sst.Component("n1", "gem5.gem5Component")]
nodes[0].addParams({"cmd": "first"})
nodes[-1].setRank(3)

# expect: param n0.cmd = "first"
# expect: component n1 type=gem5.gem5Component rank=3
# expect: component n0 type=gem5.gem5Component rank=none line=5
