# Idiom: a subcomponent slot chosen with list(d.keys())[0].
import sst

bridges = {"remote_memory_port": "gem5.gem5Bridge"}
node = sst.Component("gem5_node_0", "gem5.gem5Component")
slot = list(bridges.keys())[0]
bridge = node.setSubComponent(slot, bridges[slot])
bridge.addParams({"response_receiver_name": "board.remote_memory"})
mem = sst.Component("memory", "memHierarchy.MemController")
link = sst.Link("node_0_mem")
link.connect((bridge, "port", "1ps"), (mem, "highlink", "1ps"))

# expect: subcomponent gem5_node_0:remote_memory_port[0] type=gem5.gem5Bridge line=7
# expect: param gem5_node_0:remote_memory_port[0].response_receiver_name = "board.remote_memory"
# expect: link node_0_mem gem5_node_0:remote_memory_port[0] port 1ps -- memory highlink 1ps
