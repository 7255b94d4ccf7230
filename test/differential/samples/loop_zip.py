# Idiom: for a, b in zip(list, list).
import sst

names = ["cpu_a", "cpu_b", "cpu_c"]
freqs = ["1GHz", "2GHz"]
for name, freq in zip(names, freqs):
    sst.Component(name, "memHierarchy.standardCPU").addParam("clock", freq)

# expect: count components 2
# expect: param cpu_b.clock = "2GHz"
# expect: no component cpu_c
