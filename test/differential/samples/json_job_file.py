# A job list read from a JSON file beside the script, as darchr's unified_sst.py does (`json.loads(open(p).read())`),
# and `with open(p) as f: json.load(f)`; os.path.exists and os.getcwd() as SST's working directory sees them. A file
# read to its end reads "" again; its lines come one by one.
import json
import os
import sst

f = open("jobs.json")
jobs = json.loads(f.read())
again = f.read()
with open("jobs.json") as g:
    same = json.load(g)

for node in jobs["nodes"]:
    c = sst.Component(node["name"], "gem5.gem5Component")
    c.addParams({"isa": node["isa"], "size": node["remote-memory"]["size"], "shared": node["remote-memory"]["shared"] == "true",
                 "cores": node["cores"] * 2, "scale": node.get("scale", 1.0)})

meta = sst.Component("meta", "memHierarchy.Bus")
meta.addParams({
    "latency": jobs["latency"], "big": jobs["big"] + 1, "dup": jobs["dup"], "none": jobs["none"], "flag": jobs["flag"],
    "keys": list(jobs), "again": repr(again), "same": same == jobs,
    "exists": os.path.exists("jobs.json"), "missing": os.path.exists("no-such-file.json"), "isdir": os.path.isdir("."),
    "in_cwd": os.path.basename(os.getcwd()),
})
with open("jobs.json") as h:
    first = h.readline()
    count = len(h.readlines())
meta.addParams({"first": first, "rest_lines": count})

# expect: param n1.size = "8GiB"
# expect: param n1.shared = "True"
# expect: param n0.cores = "8"
# expect: param n1.scale = "1.5"
# expect: param n0.scale = "1.0"
# expect: param meta.big = "18446744073709551617"
# expect: param meta.dup = "2"
# expect: param meta.keys = "['nodes', 'latency', 'big', 'dup', 'none', 'flag']"
# expect: param meta.again = "''"
# expect: param meta.same = "True"
# expect: param meta.exists = "True"
# expect: param meta.missing = "False"
# expect: param meta.in_cwd = "samples"
# expect: param meta.first = "{\n"
# expect: param meta.rest_lines = "11"
