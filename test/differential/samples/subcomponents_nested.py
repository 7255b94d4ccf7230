# Idiom: nested subcomponents, indexed slots, sub-subcomponent links, setNoCut, addLink, names from getFullName().
import sst

cache = sst.Component("l1", "memHierarchy.Cache")
for i in range(2):
    cache.setSubComponent("prefetcher", "cassini.StridePrefetcher", i).addParam("depth", i + 1)
nic = cache.setSubComponent("lowlink", "memHierarchy.MemNIC")
ifc = nic.setSubComponent("linkcontrol", "merlin.linkcontrol")
ifc.addParams({"link_bw": "80GiB/s"})
rtr = sst.Component("rtr", "merlin.hr_router")
net = sst.Link("net", "20ps")
net.setNoCut()
ifc.addLink(net, "rtr_port")
rtr.addLink(net, "port0", "30ps")
dangling = sst.Link("dangling")
rtr.addLink(dangling, "port1", "1ns")  # one end only: SST would refuse it at graph check, the record keeps it
mem = sst.Component("mem", "memHierarchy.MemController")
memlink = mem.setSubComponent("cpulink", "memHierarchy.MemLink")
def clean(s):
    return s.replace("[", "").replace("]", "").replace(":", "_")
named = sst.Link("link_%s__%s" % (clean(rtr.getFullName()), clean(memlink.getFullName())))
named.connect((rtr, "port2", "1ns"), (memlink, "port", "1ns"))

# expect: subcomponent l1:prefetcher[1] type=cassini.StridePrefetcher line=6
# expect: param l1:prefetcher[1].depth = "2"
# expect: subcomponent l1:lowlink[0]:linkcontrol[0] type=merlin.linkcontrol line=8
# expect: param l1:lowlink[0]:linkcontrol[0].link_bw = "80GiB/s"
# expect: link net l1:lowlink[0]:linkcontrol[0] rtr_port 20ps -- rtr port0 30ps nocut line=11
# expect: link dangling rtr port1 1ns -- none line=15
# expect: link link_rtr__mem_cpulink0 rtr port2 1ns -- mem:cpulink[0] port 1ns line=21
