# Idiom: UnitAlgebra with compound units, products and quotients, zero and negative values, used in conditions.
import sst
from sst import UnitAlgebra

bandwidth = UnitAlgebra("25.6GB/s")
period = UnitAlgebra("1ns")
per_cycle = bandwidth * period
clock = period.invert()
remote = UnitAlgebra("4GiB")
local = UnitAlgebra("2GiB")
gap = local - remote
zero = UnitAlgebra("0B")
big = remote if remote > local else local
ratio = remote / local

mem = sst.Component("memory", "memHierarchy.MemController")
mem.addParams({
    "per_cycle": per_cycle,
    "clock": clock,
    "gap": gap,
    "neg": -gap,
    "zero_is_false": "yes" if zero else "no",
    "big": big.getRoundedValue(),
    "ratio": ratio,
    "ratio_int": int(ratio),
    "float": float(UnitAlgebra("1.5KiB")),
    "has_bytes": remote.hasUnits("MiB"),
    "has_seconds": remote.hasUnits("s"),
    "is_zero": zero.isValueZero(),
    "bps": UnitAlgebra("8bps") * UnitAlgebra("2s"),
    "mixed": UnitAlgebra("3B-s") / UnitAlgebra("1500ms"),
    "tiny": UnitAlgebra("0.5ps"),
    "small": UnitAlgebra("0.001s"),
    "equal": UnitAlgebra("1KiB") == UnitAlgebra("1024B"),
})

# expect: param memory.per_cycle = "25.6 B"
# expect: param memory.clock = "1000000000 Hz"
# expect: param memory.gap = "-2147483648 B"
# expect: param memory.neg = "2147483648 B"
# expect: param memory.zero_is_false = "no"
# expect: param memory.big = "4294967296"
# expect: param memory.ratio = "2 "
# expect: param memory.ratio_int = "2"
# expect: param memory.float = "1536.0"
# expect: param memory.has_bytes = "True"
# expect: param memory.has_seconds = "False"
# expect: param memory.is_zero = "True"
# expect: param memory.equal = "True"
# expect: param memory.bps = "16 b"
# expect: param memory.mixed = "2 B"
# expect: param memory.tiny = "5e-13 s"
# expect: param memory.small = "0.001 s"
