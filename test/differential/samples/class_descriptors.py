# Idiom: classes with @classmethod factories, @staticmethod helpers, @property getters and setters, super() through
# a diamond (Python's MRO), building components inside methods.
import sst


class Base(object):
    made = 0

    def __init__(self, name, **params):
        self.comp = sst.Component(name, "miranda.BaseCPU")
        self.comp.addParams(params)
        Base.made += 1

    def label(self):
        return "Base"

    @classmethod
    def many(cls, n):
        return [cls("%s%d" % (cls.prefix(), i), idx=i) for i in range(n)]

    @staticmethod
    def prefix():
        return "cpu"

    @property
    def full(self):
        return self.comp.getFullName()


class Left(Base):
    def label(self):
        return "Left>" + super().label()


class Right(Base):
    def label(self):
        return "Right>" + super(Right, self).label()


class Both(Left, Right):
    def __init__(self, name):
        super().__init__(name, both=True)
        self.comp.addParam("label", self.label())

    def label(self):
        return "Both>" + super().label()


class Sized(object):
    def __init__(self, size):
        self._size = size

    @property
    def size(self):
        return self._size

    @size.setter
    def size(self, value):
        self._size = value * 2


class Defaults(object):
    clock = "1GHz"

    def __getattr__(self, name):
        return "default_" + name


cpus = Base.many(2) + [Both("both")]
defaults = Defaults()
cpus[1].comp.addParams({"clock": defaults.clock, "policy": defaults.policy})
cpus[0].comp.addParam("full", cpus[0].full)
cpus[1].comp.addParam("made", Base.made)
s = Sized(1)
s.size = 4
cpus[2].comp.addParam("size", s.size)

# expect: param cpu0.full = "cpu0"
# expect: param cpu0.idx = "0"
# expect: param cpu1.made = "3"
# expect: param both.label = "Both>Left>Right>Base"
# expect: param both.both = "True"
# expect: param both.size = "8"
# expect: param cpu1.clock = "1GHz"
# expect: param cpu1.policy = "default_policy"
