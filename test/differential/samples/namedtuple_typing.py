# Idiom: typing.NamedTuple records (annotations are the fields, trailing defaults, methods and properties on the
# tuples, a subclass, the functional form) describing memories, with TYPE_CHECKING guarding type-only imports.
import sst
from typing import NamedTuple, List, Optional, TYPE_CHECKING
import typing
if TYPE_CHECKING:
    from mhlib_types import Unused  # never imported at run time

class MemCfg(NamedTuple):
    name: str
    size: int = 4
    tags: Optional[List[str]] = None

    @property
    def size_str(self) -> str:
        return f"{self.size}GiB"

    def with_size(self, n):
        return self._replace(size=n)

class Local(MemCfg):
    def kind(self):
        return "local"

Point = NamedTuple("Point", [("x", int), ("y", int)])
m = MemCfg("mem0")
m2 = m.with_size(8)
l = Local("l0", 2)
p = Point(1, y=2)
c = sst.Component("c", "x.y")
c.addParams({"m": repr(m), "m2": str(m2), "sz": m2.size_str, "fields": MemCfg._fields, "isinst": isinstance(m, MemCfg),
  "istuple": isinstance(m, tuple), "l": repr(l), "lk": l.kind(), "p": p, "px": p.x + p[1], "eq": m == ("mem0", 4, None),
  "made": MemCfg._make(["a", 1, []]), "defaults": MemCfg._field_defaults, "tc": TYPE_CHECKING, "unpack": [a for a in m],
  "lsub": isinstance(l, MemCfg), "asd": m._asdict(), "t2": typing.NamedTuple is NamedTuple})
for i, cfg in enumerate([MemCfg("a"), MemCfg("b", size=16)]):
    comp = sst.Component(cfg.name, "memHierarchy.MemController")
    comp.addParam("mem_size", cfg.size_str)

# expect: params c = {"m": "MemCfg(name='mem0', size=4, tags=None)", "m2": "MemCfg(name='mem0', size=8, tags=None)", "sz": "8GiB", "fields": "('name', 'size', 'tags')", "isinst": "True", "istuple": "True", "l": "Local(name='l0', size=2, tags=None)", "lk": "local", "p": "Point(x=1, y=2)", "px": "3", "eq": "True", "made": "MemCfg(name='a', size=1, tags=[])", "defaults": "{'size': 4, 'tags': None}", "tc": "False", "unpack": "['mem0', 4, None]", "lsub": "True", "asd": "{'name': 'mem0', 'size': 4, 'tags': None}", "t2": "True"}
# expect: params a = {"mem_size": "4GiB"}
# expect: params b = {"mem_size": "16GiB"}
