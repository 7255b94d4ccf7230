# Idiom: statistics groups and outputs, name prefixes, and finding a component again by its name.
import sst

sst.pushNamePrefix("node0")
cpu = sst.Component("cpu", "miranda.BaseCPU")
sst.pushNamePrefix("mem")
mem = sst.Component("ctrl", "memHierarchy.MemController")
sst.popNamePrefix()
sst.popNamePrefix()
cpu.addParams({"clock": "2GHz"})
cpu.setWeight(2.0)

group = sst.StatisticGroup("cpu_stats")
group.addComponent(cpu)
group.addStatistic("reads", {"type": "sst.AccumulatorStatistic"})
group.setOutput(sst.StatisticOutput("sst.statOutputCSV", {"filepath": "stats.csv"}))
group.setFrequency("1us")
sst.setStatisticLoadLevelForComponentType("miranda.BaseCPU", 3)

again = sst.findComponentByName("node0.mem.ctrl")
again.addParam("mem_size", "1GiB")
missing = sst.findComponentByName("nowhere")
if missing is None:
    cpu.addParam("lookup", "none")

# expect: param "node0.cpu".clock = "2GHz"
# expect: param "node0.cpu".lookup = "none"
# expect: param "node0.mem.ctrl".mem_size = "1GiB"
