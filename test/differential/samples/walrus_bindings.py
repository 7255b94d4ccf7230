# Idiom: assignment expressions (:=) in a condition, an expression and a comprehension filter.
import re
import sst

c = sst.Component("c", "memHierarchy.Bus")
c.addParam("twice", (n := 5) + n)
if (m := re.match(r"(\d+)", "42abc")):
    c.addParam("matched", m.group(1))
sizes = [y for x in [1, 2, 3] if (y := x * 2) > 2]
c.addParam("sizes", sizes)
c.addParam("last", y)

# expect: params c = {"twice": "10", "matched": "42", "sizes": "[4, 6]", "last": "6"}
