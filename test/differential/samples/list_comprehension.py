# Idiom: a list comprehension that builds components (with a condition).
import sst

cores = [sst.Component("core%d" % i, "memHierarchy.standardCPU") for i in range(4) if i % 2 == 0]
for core in cores:
    core.addParam("clock", "3GHz")

# expect: count components 2
# expect: component core2 type=memHierarchy.standardCPU line=4
# expect: param core0.clock = "3GHz"
# expect: no component core1
