# Idiom: per-node configuration as dataclasses (defaults, field(default_factory=...), inheritance, frozen with
# __post_init__, replace/asdict), and a decorator that registers classes.
import sst
import dataclasses
from dataclasses import dataclass, field, asdict, replace, fields

REGISTRY = []


def register(cls):
    REGISTRY.append(cls.__name__)
    return cls


@register
@dataclass
class MemCfg:
    size: str = "2GiB"
    clock: str = "1GHz"
    extra: dict = field(default_factory=dict)
    hidden: int = field(default=3, repr=False)

    def params(self):
        return {"backend.mem_size": self.size, "clock": self.clock, **self.extra}


@dataclass(frozen=True)
class Node:
    name: str
    mem: MemCfg
    ranks: int = 1

    def __post_init__(self):
        object.__setattr__(self, "label", self.name.upper())


@dataclasses.dataclass
class WideMem(MemCfg):
    channels: int = 2


configs = [MemCfg(), MemCfg(size="4GiB"), MemCfg("8GiB", extra={"verbose": 1})]
for i, cfg in enumerate(configs):
    m = sst.Component("mem%d" % i, "memHierarchy.MemController")
    m.addParams(cfg.params())
    m.addParam("repr", repr(cfg))
node = Node("n0", replace(configs[0], clock="3GHz"))
c = sst.Component(node.label, "memHierarchy.MemController")
c.addParam("node", str(node))
c.addParam("asdict", str(asdict(node)))
c.addParam("fields", [f.name for f in fields(WideMem)])
c.addParam("wide", repr(WideMem(channels=4)))
c.addParam("registry", REGISTRY)
c.addParam("equal", MemCfg() == MemCfg() and MemCfg() != configs[1])

# expect: params mem2 = {"backend.mem_size": "8GiB", "clock": "1GHz", "verbose": "1", "repr": "MemCfg(size='8GiB', clock='1GHz', extra={'verbose': 1})"}
# expect: param N0.node = "Node(name='n0', mem=MemCfg(size='2GiB', clock='3GHz', extra={}), ranks=1)"
# expect: param N0.asdict = "{'name': 'n0', 'mem': {'size': '2GiB', 'clock': '3GHz', 'extra': {}, 'hidden': 3}, 'ranks': 1}"
# expect: param N0.fields = "['size', 'clock', 'extra', 'hidden', 'channels']"
# expect: param N0.wide = "WideMem(size='2GiB', clock='1GHz', extra={}, channels=4)"
# expect: param N0.registry = "['MemCfg']"
# expect: param N0.equal = "True"
