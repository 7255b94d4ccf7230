# A name no scope binds raises NameError, which scripts catch for compatibility (Python 2's basestring) or as a
# fallback; a name bound only in a loop that never ran, or deleted, is unbound too.
import sst

try:
    basestring
except NameError:
    basestring = str

try:
    helper_from_elsewhere()
    mode = "helper"
except NameError:
    mode = "fallback"

for unused in []:
    pass
try:
    loop_var = unused
except NameError:
    loop_var = "unbound"

tmp = 1
del tmp
try:
    tmp
    deleted = "still bound"
except NameError:
    deleted = "unbound"


def uses_late_global():
    return late


late = "bound by the call"
c = sst.Component("c", "memHierarchy.Bus")
c.addParams({"mode": mode, "is_str": isinstance("x", basestring), "loop_var": loop_var, "deleted": deleted,
             "late": uses_late_global(), "file_known": __file__.endswith("name_errors.py")})

# expect: param c.mode = "fallback"
# expect: param c.is_str = "True"
# expect: param c.loop_var = "unbound"
# expect: param c.deleted = "unbound"
# expect: param c.late = "bound by the call"
# expect: param c.file_known = "True"
