# A helper of star_import_all.py: `from star_helpers.netparams import *` binds only what __all__ lists.
__all__ = ["router_params", "link_latency"]

router_params = {"flit_size": "8B", "link_bw": "40GB/s"}
link_latency = "1ns"
latency = "5ns"  # internal: not exported, must not replace the script's own `latency`


def _helper():
    return "hidden"
