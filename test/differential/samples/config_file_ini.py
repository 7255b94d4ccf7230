# Idiom: a machine description in an INI file next to the script, read with configparser (the Python 2 name first,
# as balar's and shogun's tests do): sections, DEFAULT values and %(name)s interpolation, typed getters, items(),
# fallbacks, cp[section][option], a continuation line, and a file that does not exist (read() skips it).
import sst

try:
    import ConfigParser
except ImportError:
    import configparser as ConfigParser

cp = ConfigParser.ConfigParser()
found = cp.read(["machine.ini", "no_such_file.ini"])

cores = cp.getint("CPU", "num_cores")
cpu = sst.Component(cp.get("CPU", "name"), "miranda.BaseCPU")
cpu.addParams({
    "clock": cp.get("CPU", "clock"),
    "max_reqs_cycle": cp.getint("CPU", "max_reqs_cycle"),
    "cmdline": cp.get("CPU", "cmdline"),
    "cores": cores,
    "files": found,
    "sections": cp.sections(),
    "options": cp.options("CPU"),
    "has_cap": cp.has_option("CPU", "capacity"),
})

mem = sst.Component("memory", "memHierarchy.MemController")
mem.addParams(dict(cp.items("Memory")))
mem.addParams({
    "latency_ns": cp.getfloat("Memory", "latency") * 2,
    "backing_on": cp.getboolean("Memory", "backing"),
    "raw_name": cp.get("CPU", "name", raw=True),
    "missing": cp.get("Memory", "nothing", fallback="none"),
    "size": cp["Memory"]["capacity"],
    "proxy_get": cp["CPU"].get("absent", "dflt"),
    "in_memory": "capacity" in cp["Memory"],
    "has_gpu": "GPU" in cp,
})
for i in range(cores):
    sst.Link("l%d" % i).connect((cpu, "port%d" % i, "1ns"), (mem, "highlink%d" % i, "1ns"))

# expect: component node_cpu type=miranda.BaseCPU
# expect: param node_cpu.clock = "2GHz"
# expect: param node_cpu.max_reqs_cycle = "3"
# expect: param node_cpu.cmdline = "--cpu-type=timing\n--caches"
# expect: param node_cpu.files = "['machine.ini']"
# expect: param node_cpu.sections = "['CPU', 'Memory']"
# expect: param node_cpu.options = "['num_cores', 'max_reqs_cycle', 'name', 'cmdline', 'clock', 'prefix']"
# expect: param node_cpu.has_cap = "False"
# expect: params memory = {"clock": "1GHz", "prefix": "node", "capacity": "16384MiB", "latency": "50.5", "backing": "yes", "latency_ns": "101.0", "backing_on": "True", "raw_name": "%(prefix)s_cpu", "missing": "none", "size": "16384MiB", "proxy_get": "dflt", "in_memory": "True", "has_gpu": "False"}
# expect: count links 4
