# Idiom: a while loop driven by a counter.
import sst

count = 0
while count < 3:
    sst.Component("node%d" % count, "gem5.gem5Component").setRank(count)
    count += 1

# expect: count components 3
# expect: component node2 type=gem5.gem5Component rank=2
