# Idiom: printf-style formatting with a mapping, a single list or dict, length modifiers and %c.
import sst

c = sst.Component("fmt", "memHierarchy.Bus")
sizes = {"n": 3, "unit": "GiB"}
c.addParam("named", "%(n)d%(unit)s" % sizes)
c.addParam("twice", "%(unit)s/%(unit)s" % dict(unit="B"))
c.addParam("one_list", "%s" % [1, 2])
c.addParam("one_dict", "%s" % {"k": 1})
c.addParam("tuple1", "%s" % ("x",))
c.addParam("long", "%ld" % 5)
c.addParam("char", "%c%c" % (65, "b"))
c.addParam("percent", "%5.1f%%" % 12.345)
c.addParam("left", "%-6s|" % "ab")
c.addParam("zero", "%03d" % 7)
c.addParam("hex", "%#x" % 255)
c.addParam("trunc", "%.2s" % "abcdef")

# expect: params fmt = {"named": "3GiB", "twice": "B/B", "one_list": "[1, 2]", "one_dict": "{'k': 1}", "tuple1": "x", "long": "5", "char": "Ab", "percent": " 12.3%", "left": "ab    |", "zero": "007", "hex": "0xff", "trunc": "ab"}
