# Idiom: checks that may raise on values only the user supplies (here the environment), inside builders and loops:
# a loop whose every iteration validates before it builds, and a builder that checks its input and then returns what
# it made. Where the check passes (as under CPython here) everything after it is built; the model cannot decide the
# check, so it must keep the later iterations and the builder's result, not drop them. Last, a lookup that returns
# from inside a loop over a user-supplied list: its result is unknown, not the fallback after the loop; so is a
# lookup that either skips an item (continue) or returns it, one that may return or else breaks and falls off, and
# a check inside try whose except swallows the error, or inside `with contextlib.suppress(...)` (the function
# then returns None).
import contextlib
import os
import sst

limit = int(os.environ.get("SAMPLE_CORE_LIMIT", "64"))


def make_cores(count):
    cores = []
    for i in range(count):
        if i >= limit:
            raise ValueError("more cores than SAMPLE_CORE_LIMIT")
        cores.append(sst.Component("core%d" % i, "miranda.BaseCPU"))
    return cores


def make_memory(size_mb):
    mem = sst.Component("memory", "memHierarchy.MemController")
    iface = mem.setSubComponent("highlink", "memHierarchy.MemLink")
    if size_mb > limit * 1024:
        raise SystemExit("memory too large for the limit")
    return mem, iface


def first_of(names):
    for n in names:
        return n
    return "none"


def skip_or_take(names):
    for n in names:
        if os.environ.get("SAMPLE_SKIP"):
            continue
        else:
            return n
    return "none"


def one_or_none(names):
    for n in names:
        if os.environ.get("SAMPLE_ONE"):
            return 1
        break


def checked_name():
    try:
        if not os.environ.get("SAMPLE_NAME"):
            raise ValueError("no name")
        return "named"
    except ValueError:
        pass


def suppressed_name():
    with contextlib.suppress(ValueError):
        if not os.environ.get("SAMPLE_NAME"):
            raise ValueError("no name")
        return "named"


cores = make_cores(3)
_, port = make_memory(512)
bus = sst.Component("bus", "memHierarchy.Bus")
bus.addParam("limit", limit)
bus.addParam("first_cache", first_of(os.environ.get("SAMPLE_CACHES", "l1,l2").split(",")))
bus.addParam("skip_or_take", skip_or_take(["l1", "l2"]))
bus.addParam("one_or_none", one_or_none(["l1"]))
bus.addParam("checked_name", checked_name())
bus.addParam("suppressed_name", suppressed_name())
sst.Link("mem_link").connect((port, "port", "1ns"), (bus, "low_network_0", "1ns"))

# expect: count components 5
# expect: component core2 type=miranda.BaseCPU
# expect-unknown: bus.limit
# expect-unknown: bus.first_cache
# expect-unknown: bus.skip_or_take
# expect-unknown: bus.one_or_none
# expect-unknown: bus.checked_name
# expect-unknown: bus.suppressed_name
# expect: link mem_link memory:highlink[0] port 1ns -- bus low_network_0 1ns
