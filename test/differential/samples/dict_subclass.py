# Idiom: parameters kept in a class deriving from dict (super().__init__, item writes, attributes, a copying method).
import sst


class Params(dict):
    def __init__(self, **kw):
        super().__init__(**kw)
        self["clock"] = "1GHz"
        self.tag = "p"

    def with_size(self, size):
        p = Params(**self)
        p["size"] = size
        return p


class Plain(dict):
    pass


q = Params(verbose=1).with_size("4GiB")
mem = sst.Component("mem", "memHierarchy.MemController")
mem.addParams(q)
mem.addParam("tag", q.tag)
mem.addParam("is_params", isinstance(q, Params) and isinstance(q, dict))
mem.addParam("plain", str(Plain(a=1, b=[2])))
mem.addParam("keys", sorted(q.keys()))

# expect: params mem = {"verbose": "1", "clock": "1GHz", "size": "4GiB", "tag": "p", "is_params": "True", "plain": "{'a': 1, 'b': [2]}", "keys": "['clock', 'size', 'verbose']"}
