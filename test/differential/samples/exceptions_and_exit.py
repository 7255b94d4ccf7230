# Idiom: errors as control flow in config scripts: a validating helper that raises and a caller that falls back,
# int("4GiB") refused (ValueError) and parsed by UnitAlgebra instead, a division by zero caught, SystemExit passing
# `except Exception`, and a usage() helper that exits before the rest of the topology is built.
import sys
import sst
from sst import UnitAlgebra


class ConfigError(Exception):
    pass


def checked_size(text):
    if not text.endswith("iB"):
        raise ConfigError("sizes must be binary: " + text)
    return text


try:
    size = checked_size("4GB")
except ConfigError:
    size = "4GiB"
try:
    mem_bytes = int(size)
    how = "int"
except ValueError:
    mem_bytes = UnitAlgebra(size).getRoundedValue()
    how = "unitalgebra"
mem = sst.Component("mem", "memHierarchy.MemController")
mem.addParams({"mem_size": size, "addr_range_end": mem_bytes - 1, "parsed_by": how})
try:
    per_router = 8 // 0
except ZeroDivisionError:
    per_router = 8
mem.addParam("per_router", per_router)
try:
    sys.exit(0)
except Exception:
    mem.addParam("caught_exit", True)
except SystemExit:
    mem.addParam("caught_exit", "as SystemExit")


def usage():
    print("usage: sst exceptions_and_exit.py -- NCORES")
    sys.exit(0)


if len(sys.argv) < 2:
    usage()
for i in range(int(sys.argv[1])):
    sst.Component("core%d" % i, "miranda.BaseCPU")

# expect: params mem = {"mem_size": "4GiB", "addr_range_end": "4294967295", "parsed_by": "unitalgebra", "per_router": "8", "caught_exit": "as SystemExit"}
# expect: count components 1
