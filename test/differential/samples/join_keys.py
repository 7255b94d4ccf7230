# Idiom: a param built with " ".join(list(d.keys())).
import sst

ports = {"cpu_port": 0, "mem_port": 1, "io_port": 2}
comp = sst.Component("gem5_node_0", "gem5.gem5Component")
comp.addParams({"ports": " ".join(list(ports.keys())), "first": list(ports)[0]})

# expect: param gem5_node_0.ports = "cpu_port mem_port io_port"
# expect: param gem5_node_0.first = "cpu_port"
