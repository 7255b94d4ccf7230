"""A recording stand-in for SST's Python module (sst-core src/sst/core/model/python/).

It executes nothing: it records the graph a config script builds (components, subcomponents, params, ranks, links,
program options) in the shape `sst --output-json` writes, plus where in the script each object was created.
Semantics follow sst-core: a param value becomes `value.__str__()` (pymodel_comp.cc compAddParam/compAddParams),
ports and latencies must be strings (pymodel_link.cc linkConnect parses "O!s|s"), a slot/index can hold one
subcomponent only.
"""

import os
import sys

from sst._unitalgebra import UnitAlgebra  # noqa: F401  (re-exported: `from sst import UnitAlgebra`)

_RECORDER_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class _Graph:
    def __init__(self):
        self.program_options = {}
        self.components = []
        self.links = []


_graph = _Graph()


# How SST was launched: MPI world size and --num-threads (a job may say; a plain `sst script.py` is 1 and 1).
_run = {"ranks": 1, "threads": 1}


def _reset(ranks=1, threads=1):
    """Start a fresh graph (record.py calls this before every script) for a run of that many ranks and threads."""
    global _graph
    _graph = _Graph()
    del _name_prefixes[:]
    _run.update(ranks=ranks, threads=threads)


def _source():
    """{file, line} of the first stack frame outside the recorder: the user's statement that made the object."""
    frame = sys._getframe(1)
    while frame is not None:
        path = os.path.abspath(frame.f_code.co_filename)
        if not path.startswith(_RECORDER_DIR + os.sep):
            return {"file": path, "line": frame.f_lineno}
        frame = frame.f_back
    return None


class _Anything:
    """Permissive result of calls the recorder does not model (statistics objects and the like)."""

    def __call__(self, *args, **kwargs):
        return self

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self


def _no_op(*args, **kwargs):
    return _Anything()


def _check_str(value, what):
    if not isinstance(value, str):
        raise TypeError("%s must be str, not %s" % (what, type(value).__name__))
    return value


class _Configurable:
    """What Component and SubComponent share: params, subcomponent slots, statistics (no-ops)."""

    def __init__(self, name, type_):
        self._name = _check_str(name, "name")
        self._type = _check_str(type_, "type")
        self._params = {}
        self._subcomponents = []
        self._source = _source()

    def addParam(self, key, value):
        self._params[_check_str(key, "param name")] = value.__str__()
        return 0

    def addParams(self, params):
        if not isinstance(params, dict):
            raise TypeError("addParams() expects a dict")
        for key, value in params.items():
            self._params[key.__str__()] = value.__str__()
        return len(params)

    def setSubComponent(self, slot, type_, slot_number=0):
        _check_str(slot, "slot name")
        if not isinstance(slot_number, int):
            raise TypeError("slot number must be int")
        for sub in self._subcomponents:
            if sub._slot == slot and sub._slot_number == slot_number:
                raise RuntimeError(
                    "Failed to create subcomponent %s on %s.  Already attached a subcomponent at that slot name "
                    "and number?" % (type_, self._name))
        sub = SubComponent(self, slot, type_, slot_number)
        self._subcomponents.append(sub)
        return sub

    def addLink(self, link, port, latency=None):
        if not isinstance(link, Link):
            raise TypeError("addLink() expects an sst.Link")
        # sst-core's own tests/test_PythonUnitAlgebra.py passes a UnitAlgebra here: its str() is the latency.
        link._attach(self, port, None if latency is None else latency.__str__())
        return 0

    def getFullName(self):
        return self._name

    def getType(self):
        return self._type

    def __getattr__(self, name):
        # enableAllStatistics, enableStatistics, setStatistic, setCoordinates, setWeight, ...: accepted, not recorded
        if name.startswith("__"):
            raise AttributeError(name)
        return _no_op

    def _record(self):
        record = {"name": self._name, "type": self._type, "params": dict(self._params),
                  "subcomponents": [sub._record() for sub in self._subcomponents], "source": self._source}
        return record


class Component(_Configurable):
    def __init__(self, name, type_, *args):
        super().__init__(name, type_)
        self._name = _prefixed(self._name)
        self._partition = None
        _graph.components.append(self)

    def setRank(self, rank, thread=0):
        if not isinstance(rank, int) or not isinstance(thread, int) or rank < 0 or thread < 0:
            raise TypeError("setRank() expects non-negative integers")
        self._partition = {"rank": rank, "thread": thread}
        return 0

    def _record(self):
        record = super()._record()
        if self._partition is not None:
            record["partition"] = dict(self._partition)
        return record


class SubComponent(_Configurable):
    def __init__(self, parent, slot, type_, slot_number):
        super().__init__("%s:%s[%d]" % (parent._name, slot, slot_number), type_)
        self._slot = slot
        self._slot_number = slot_number

    def setRank(self, rank, thread=0):
        return 0  # a subcomponent runs where its parent does

    def _record(self):
        record = {"slot_name": self._slot, "slot_number": self._slot_number, "type": self._type,
                  "params": dict(self._params),
                  "subcomponents": [sub._record() for sub in self._subcomponents], "source": self._source}
        return record


class Link:
    def __init__(self, name, latency=None):
        self._name = _prefixed(_check_str(name, "link name"))
        # linkInit ("s|O") keeps the latency's __str__(): a UnitAlgebra or a number is accepted here.
        self._latency = None if latency is None else latency.__str__()
        self._no_cut = False
        self._ends = []
        self._source = _source()
        _graph.links.append(self)

    def connect(self, end0, end1):
        for end in (end0, end1):
            if not isinstance(end, tuple) or len(end) not in (2, 3):
                raise TypeError("connect() expects two tuples (component, port[, latency])")
        # linkConnect reads each end with "O!s|O" and keeps the latency's __str__().
        for end in (end0, end1):
            self._attach(*end[:2], *(end[2:] and (end[2].__str__(),)))
        return 0

    def setNonLocal(self, rank, thread=0):
        # One end on another rank of a parallel load: nothing the graph here records.
        return None

    def setNoCut(self):
        previous = self._no_cut
        self._no_cut = True
        return previous

    def _attach(self, comp, port, latency=None):
        if not isinstance(comp, _Configurable):
            raise TypeError("a link end must be an sst.Component or SubComponent")
        _check_str(port, "port")
        if latency is None:
            latency = self._latency
        if latency is None:
            raise RuntimeError("No Latency specified for link %s" % self._name)
        _check_str(latency, "latency")
        if len(self._ends) == 2:
            raise RuntimeError("Link %s connected more than twice" % self._name)
        self._ends.append({"component": comp._name, "port": port, "latency": latency})

    def _record(self):
        record = {"name": self._name, "noCut": self._no_cut}
        for side, end in zip(("left", "right"), self._ends):
            record[side] = dict(end)
        record["source"] = self._source
        return record


def _graph_json():
    return {
        "program_options": dict(_graph.program_options),
        "components": [comp._record() for comp in _graph.components],
        "links": [link._record() for link in _graph.links],
    }


def setProgramOption(key, value):
    _graph.program_options[_check_str(key, "option")] = value.__str__()
    return True


def setProgramOptions(options):
    for key, value in options.items():
        setProgramOption(key, value)
    return True


def getProgramOptions():
    return dict(_graph.program_options)


# pymodel.cc: MPI_COMM_WORLD's size, the configured thread count; without --parallel-load only rank 0 runs the script.
def getMPIRankCount():
    return _run["ranks"]


def getThreadCount():
    return _run["threads"]


def setThreadCount(n):
    old, _run["threads"] = _run["threads"], int(n)
    return old


def getMyMPIRank():
    return 0


def exit():
    # pymodel.cc exitsst: exit(-1), the process ends; recorded as a failed run.
    raise SystemExit(-1)


# Statistics calls are accepted and not recorded (the graph here carries no statistics).
setStatisticLoadLevel = _no_op
setStatisticOutput = _no_op
setStatisticOutputOptions = _no_op
setStatisticOutputOption = _no_op
addStatisticOutputParameter = _no_op
addStatisticOutputParameters = _no_op
enableAllStatisticsForAllComponents = _no_op
enableAllStatisticsForComponentName = _no_op
enableAllStatisticsForComponentType = _no_op
enableStatisticForComponentName = _no_op
enableStatisticForComponentType = _no_op
enableStatisticsForComponentName = _no_op
enableStatisticsForComponentType = _no_op
setStatisticLoadLevelForComponentName = _no_op
setStatisticLoadLevelForComponentType = _no_op


class StatisticGroup:
    """sst.StatisticGroup: which components' statistics go together; nothing the graph records."""

    def __init__(self, name):
        self._name = _check_str(name, "name")

    def addComponent(self, comp):
        if not isinstance(comp, _Configurable):
            raise TypeError("addComponent() expects a Component")

    def addStatistic(self, name, params=None):
        _check_str(name, "statistic name")

    def setOutput(self, output):
        pass

    def setFrequency(self, frequency):
        pass


class StatisticOutput:
    def __init__(self, type_, params=None):
        self._type = _check_str(type_, "type")

    def addParam(self, key, value):
        pass

    def addParams(self, params):
        pass


# Component and link names are prefixed with every pushed prefix, joined by "." (sst-core's addNamePrefix, which
# both compInit and linkInit call).
_name_prefixes = []


def _prefixed(name):
    return ".".join(_name_prefixes + [name]) if _name_prefixes else name


def pushNamePrefix(prefix):
    _name_prefixes.append(_check_str(prefix, "prefix"))


def popNamePrefix():
    if _name_prefixes:
        _name_prefixes.pop()


def findComponentByName(name):
    for comp in _graph.components:
        if comp._name == name:
            return comp
    return None


def __getattr__(name):
    # Anything else sst offers (statOutputConsole, StatisticGroup, pushNamePrefix, ...) is accepted, not recorded.
    if name.startswith("__"):
        raise AttributeError(name)
    return _Anything()
