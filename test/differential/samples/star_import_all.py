# Idiom: `from helper import *` (sst-tutorials' `from utils import *`) of a module with __all__: only the listed
# names are bound, so a helper-internal `latency` does not replace the script's own.
import sst

latency = "2ns"
from star_helpers.netparams import *  # noqa: E402,F403

rtr = sst.Component("rtr", "merlin.hr_router")
rtr.addParams(router_params)
cpu = sst.Component("cpu", "miranda.BaseCPU")
sst.Link("l0").connect((cpu, "port", latency), (rtr, "port0", link_latency))

# expect: link l0 cpu port 2ns -- rtr port0 1ns
# expect: params rtr = {"flit_size": "8B", "link_bw": "40GB/s"}
