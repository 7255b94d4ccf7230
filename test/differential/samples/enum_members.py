# Idiom: an Enum of memory kinds and an IntEnum of levels choosing components and parameters.
import sst
from enum import Enum, IntEnum, auto, unique


@unique
class Kind(Enum):
    LOCAL = "local"
    REMOTE = "remote"

    def describe(self):
        return self.name.lower() + "!"


class Level(IntEnum):
    L1 = 1
    L2 = 2


class Mode(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()
    ALIAS = 10


c = sst.Component("c", "memHierarchy.Bus")
c.addParam("value", Kind.REMOTE.value)
c.addParam("by_value", Kind("remote").name)
c.addParam("by_name", Kind["LOCAL"].value)
c.addParam("str", str(Kind.LOCAL))
c.addParam("repr", repr(Kind.LOCAL))
c.addParam("method", Kind.REMOTE.describe())
c.addParam("modes", [(m.name, m.value) for m in Mode])
c.addParam("alias", Mode.ALIAS is Mode.C)
c.addParam("members_differ", Kind.LOCAL == Kind.REMOTE)
c.addParam("not_a_str", Kind.LOCAL == "local")
c.addParam("int_level", Level.L2 == 2)
c.addParam("level_plus", Level.L2.value + 1)
names = {Kind.LOCAL: "near", Kind.REMOTE: "far"}
c.addParam("keyed", names[Kind.REMOTE])
for k in Kind:
    sst.Component("mem_" + k.value, "memHierarchy.MemController")

# expect: params c = {"value": "remote", "by_value": "REMOTE", "by_name": "local", "str": "Kind.LOCAL", "repr": "<Kind.LOCAL: 'local'>", "method": "remote!", "modes": "[('A', 1), ('B', 2), ('C', 10), ('D', 11)]", "alias": "True", "members_differ": "False", "not_a_str": "False", "int_level": "True", "level_plus": "3", "keyed": "far"}
# expect: component mem_remote type=memHierarchy.MemController
