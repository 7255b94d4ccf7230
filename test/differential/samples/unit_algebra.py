# Idiom: sst.UnitAlgebra arithmetic for address ranges and sizes.
import sst
from sst import UnitAlgebra

memory_size = "6GiB"
addr_range_end = UnitAlgebra(memory_size).getRoundedValue()
half = UnitAlgebra(memory_size) / UnitAlgebra("2")
total = UnitAlgebra("1GiB") + UnitAlgebra("512MiB")
mem = sst.Component("memory", "memHierarchy.MemController")
mem.addParams({
    "addr_range_end": addr_range_end - 1,
    "half": half.getRoundedValue(),
    "total": total,
    "freq": UnitAlgebra("1.2GHz"),
    "period": UnitAlgebra("400MHz").invert(),
    "tick": UnitAlgebra("1ns"),
    "window": UnitAlgebra("2.5ms"),
    "bigger": UnitAlgebra("6GB") > UnitAlgebra("5GiB"),
})

# expect: param memory.addr_range_end = "6442450943"
# expect: param memory.half = "3221225472"
# expect: param memory.total = "1610612736 B"
# expect: param memory.freq = "1200000000 Hz"
# expect: param memory.period = "2.5e-09 s"
# expect: param memory.tick = "1e-09 s"
# expect: param memory.window = "0.0025 s"
# expect: param memory.bigger = "True"
