# Partitioning by the launch: the world size from getMPIRankCount() spreads the nodes over the ranks, getMyMPIRank()
# (0: without --parallel-load only rank 0 runs the script) names the links, getThreadCount() picks the thread.
# sst-run: ranks=4 threads=2
import sst

ranks = sst.getMPIRankCount()
threads = sst.getThreadCount()
me = sst.getMyMPIRank()
nodes = 8
cpus = []
for i in range(nodes):
    cpu = sst.Component("cpu%d" % i, "miranda.BaseCPU")
    cpu.setRank(i * ranks // nodes, i % threads)
    cpu.addParams({"clock": "2GHz", "ranks_seen": ranks})
    cpus.append(cpu)
for i in range(nodes - 1):
    link = sst.Link("link_r%d_%d" % (me, i))
    link.connect((cpus[i], "right", "1ns"), (cpus[i + 1], "left", "1ns"))

# A later setThreadCount is what getThreadCount() says afterwards (it returns the old count).
old = sst.setThreadCount(3)
cpus[0].addParam("threads_before", old)
cpus[0].addParam("threads_after", sst.getThreadCount())

# expect: component cpu0 type=miranda.BaseCPU rank=0 thread=0
# expect: component cpu3 type=miranda.BaseCPU rank=1 thread=1
# expect: component cpu7 type=miranda.BaseCPU rank=3 thread=1
# expect: param cpu5.ranks_seen = "4"
# expect: param cpu0.threads_before = "2"
# expect: param cpu0.threads_after = "3"
# expect: link link_r0_6 cpu6 right 1ns -- cpu7 left 1ns
# expect: count links 7
