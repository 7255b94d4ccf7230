# Idiom: f-strings, % and .format, and + on strings.
import sst

i = 3
name = f"gem5_node_{i}"
comp = sst.Component(name, "gem5.gem5Component")
comp.addParams({
    "a": "--instance=%d --latency=%s" % (i, "750ns"),
    "b": "{}-{:02d}".format("x", i),
    "c": f"{i * 2:>3}|{name!r}",
    "d": "m5out_" + str(i),
})

# expect: param gem5_node_3.a = "--instance=3 --latency=750ns"
# expect: param gem5_node_3.b = "x-03"
# expect: param gem5_node_3.c = "  6|'gem5_node_3'"
# expect: param gem5_node_3.d = "m5out_3"
