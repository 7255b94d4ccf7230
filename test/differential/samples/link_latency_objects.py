# Link latencies given as objects: sst.Link(name, lat) and connect((c, port, lat)) keep the latency's str()
# (pymodel_link.cc), so a UnitAlgebra works there; setNonLocal changes nothing the graph holds.
import sst
from sst import UnitAlgebra

a = sst.Component("a", "t.T")
b = sst.Component("b", "t.T")
period = UnitAlgebra("1ns")
l0 = sst.Link("l0", period + UnitAlgebra("1ns"))
l0.connect((a, "p0"), (b, "p0"))
l1 = sst.Link("l1")
l1.connect((a, "p1", UnitAlgebra("500ps")), (b, "p1", "1ns"))
l1.setNonLocal(1, 0) if False else None

# expect: link l0 a p0 "2e-09 s" -- b p0 "2e-09 s"
# expect: link l1 a p1 "5e-10 s" -- b p1 1ns
