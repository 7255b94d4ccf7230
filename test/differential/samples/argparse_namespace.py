# Idiom: argparse with groups, store_true/store_false sharing a dest, nargs, choices, count; the namespace read as
# attributes, through getattr and through vars(); parse_known_args.
import argparse
import sst

parser = argparse.ArgumentParser(description="a restore")
parser.add_argument("--nodes", type=int, default=4)
memory = parser.add_argument_group("memory")
memory.add_argument("--mem-size", dest="mem_size", default="4GiB")
speed = parser.add_mutually_exclusive_group()
speed.add_argument("--fast", action="store_true")
speed.add_argument("--slow", action="store_false", dest="fast")
parser.add_argument("--sizes", nargs="+", type=int, default=[1, 2])
parser.add_argument("--mode", choices=["a", "b"], default="a")
parser.add_argument("-v", "--verbose", action="count", default=0)
args, rest = parser.parse_known_args()
options = vars(args)

mem = sst.Component("memory", "memHierarchy.MemController")
mem.addParams({
    "nodes": args.nodes,
    "mem_size": options["mem_size"],
    "fast": getattr(args, "fast"),
    "sizes": str(args.sizes),
    "mode": args.mode,
    "verbose": args.verbose,
    "rest": str(rest),
})

# expect: param memory.mem_size = "4GiB"
# expect: param memory.fast = "False"
# expect: param memory.rest = "[]"
