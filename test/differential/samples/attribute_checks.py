# Idiom: optional settings on a config object read with hasattr/getattr defaults; round() and pow() on sizes.
import sst


class Settings:
    clock = "1GHz"

    def __init__(self, remote):
        if remote:
            self.remote_size = "4GiB"


class Loose:
    def __init__(self, **kw):
        self.__dict__.update(kw)


near = Settings(False)
far = Settings(True)
loose = Loose(verbose=1)
mem = sst.Component("mem", "memHierarchy.MemController")
mem.addParam("near_has_remote", hasattr(near, "remote_size"))
mem.addParam("far_remote", getattr(far, "remote_size", "none"))
mem.addParam("near_remote", getattr(near, "remote_size", "none"))
mem.addParam("clock", getattr(near, "clock", "2GHz"))
mem.addParam("class_has_remote", hasattr(Settings, "remote_size"))
mem.addParam("ratio", round(2.675, 2))
mem.addParam("half_even", round(0.125, 2))
mem.addParam("whole", round(7.5))
mem.addParam("pow", pow(2, 10))
mem.addParam("modpow", pow(3, 200, 1000))
# Attributes written through __dict__ are not followed: unknown, never False.
mem.addParam("loose_verbose", hasattr(loose, "verbose"))

# expect: param mem.near_has_remote = "False"
# expect: param mem.far_remote = "4GiB"
# expect: param mem.near_remote = "none"
# expect: param mem.clock = "1GHz"
# expect: param mem.class_has_remote = "False"
# expect: param mem.ratio = "2.67"
# expect: param mem.half_even = "0.12"
# expect: param mem.whole = "8"
# expect: param mem.pow = "1024"
# expect: param mem.modpow = "1"
# expect-unknown: mem.loose_verbose
