# Idiom: values only the user supplies — the working directory SST runs in, model options after `--`, the
# environment. CPython (run by the test with cwd = this folder and no model options) has a value; a static model
# must say unknown.
import os
import sys
import sst

ckpt_dir = os.path.join(os.getcwd(), "m5out", "checkpoint")
cpu_type = sys.argv[1] if len(sys.argv) > 1 else "timing"
home = os.environ.get("HOME", "/root")

node = sst.Component("gem5_node_0", "gem5.gem5Component")
node.addParams({
    "cmd": "--outdir=m5out_0 config.py --cpu-type=%s --ckpt-dir=%s" % (cpu_type, ckpt_dir),
    "home": home,
    "fixed": "--instance=0",
})
node.setRank(len(sys.argv) - 1)

# expect: param gem5_node_0.fixed = "--instance=0"
# expect-unknown: gem5_node_0.cmd
# expect-unknown: gem5_node_0.home
# expect-unknown: components[gem5_node_0].partition.rank
