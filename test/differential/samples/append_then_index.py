# Idiom: gem5 nodes appended to a list, then configured through nodes[i] (15 of 19 darchr SST scripts).
import sst

system_nodes = 2
gem5_nodes = []
for node in range(system_nodes):
    cmd = ["--outdir=m5out_%d" % node, "config.py", "--instance=%d" % node]
    gem5_nodes.append(sst.Component("gem5_node_{}".format(node), "gem5.gem5Component"))
    gem5_nodes[node].addParams({"frequency": "4GHz", "cmd": " ".join(cmd)})
    gem5_nodes[node].setRank(node + 1, 0)

# expect: count components 2
# expect: component gem5_node_0 type=gem5.gem5Component rank=1 thread=0 line=8
# expect: component gem5_node_1 type=gem5.gem5Component rank=2 thread=0 line=8
# expect: param gem5_node_0.cmd = "--outdir=m5out_0 config.py --instance=0"
# expect: param gem5_node_1.cmd = "--outdir=m5out_1 config.py --instance=1"
# expect: params gem5_node_1 = {"frequency": "4GHz", "cmd": "--outdir=m5out_1 config.py --instance=1"}
