# Idiom: argparse with a positional workload, a callable type and BooleanOptionalAction (Python 3.9+): the
# options the model can follow keep their values even where one option's conversion is a function it does not run.
import argparse
import sst

parser = argparse.ArgumentParser()
parser.add_argument("--ncores", type=int, default=2)
parser.add_argument("--clock", type=lambda s: s.upper(), default="2ghz")
parser.add_argument("--interleave", action=argparse.BooleanOptionalAction)
parser.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True)
parser.add_argument("workload", nargs="?", default="stream")
parser.add_argument("extra-args", nargs="*")
args = parser.parse_args()

cores = [sst.Component("core%d" % i, "miranda.BaseCPU") for i in range(args.ncores)]
for c in cores:
    c.addParams({"workload": args.workload, "interleave": args.interleave, "cache": args.cache, "extra": vars(args)["extra-args"]})
sst.Link("l01").connect((cores[0], "port", "1ns"), (cores[1], "port", "1ns"))
cores[0].addParam("clock", args.clock)

# expect: param core0.workload = "stream"
# expect: param core0.interleave = "None"
# expect: param core0.cache = "True"
# expect: param core0.extra = "[]"
# expect: params core1 = {"workload": "stream", "interleave": "None", "cache": "True", "extra": "[]"}
# expect: link l01 core0 port 1ns -- core1 port 1ns
# expect-unknown: core0.clock
