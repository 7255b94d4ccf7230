# Idiom: a params dict changed with d[k] = v and d.update({...}) before addParams(d).
import sst

params = {"clock": "1GHz"}
params["request_width"] = 64
params.update({"backend.mem_size": "6GiB", "clock": "2GHz"})
mem = sst.Component("memory", "memHierarchy.MemController")
mem.addParams(params)
params["after"] = "not recorded"

# expect: params memory = {"clock": "2GHz", "request_width": "64", "backend.mem_size": "6GiB"}
