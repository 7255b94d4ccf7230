# Idiom: loop bounds from a variable and from an argparse option with a known default (passed after `--`).
import argparse
import sst

parser = argparse.ArgumentParser()
parser.add_argument("--system-nodes", type=int, default=2)
args = parser.parse_args()

ports_per_node = 2
for node in range(args.system_nodes):
    comp = sst.Component("gem5_node_%d" % node, "gem5.gem5Component")
    for p in range(ports_per_node):
        comp.setSubComponent("port%d" % p, "gem5.gem5Bridge", 0)

# expect: count components 2
# expect: subcomponent gem5_node_1:port1[0] type=gem5.gem5Bridge line=13
