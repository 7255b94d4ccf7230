# Idiom: the str methods and formatting config scripts use to build names, paths and parameter values.
import sst

keys = ["a", "b", "c"]
vals = list(map(int, "1,2,3".split(",")))
d = dict(zip(keys, vals))
c = sst.Component("c", "t")
c.addParams({
    "d": str(d),
    "fmt2": "{a}/{b}".format(**d),
    "fmt3": "{0}_{1}_{0}".format("x", 7),
    "case": "abc".upper() + "ABC".lower() + "a_b".replace("_", "-") + "hello world".title(),
    "affix": str("abc".startswith("ab")) + str("abc".endswith(("x", "c"))) + "node_3".removeprefix("node_"),
    "pad": "7".zfill(3) + "|" + "ab".ljust(4, ".") + "|" + "ab".center(6, "*") + "|" + "ab".center(5) + "|" + "x".rjust(3),
    "find": "%d %d %d %d" % ("hello".find("l"), "hello".rfind("l"), "hello".count("l"), "hello".index("e")),
    "tests": str(["123".isdigit(), "12a".isalnum(), "ab".isalpha(), " \t".isspace(), "AB1".isupper(), "ab".islower()]),
    "rsplit": "a,b,c".rsplit(",", 1),
    "part": str("k=v=w".partition("=")) + str("k=v=w".rpartition("=")) + str("kvw".partition("=")),
    "strip": "  xx  ".strip() + "|" + "xxhixx".strip("x"),
    "join": "-".join(str(x) for x in range(3)),
    "nested": str([[1, 2], {"k": (3, 4)}]),
    "fstr": f"{3.14159:.2f} {42:>5} {'s':<3}| {255:x} {1e20}",
    "arith": "%s %s %s %s %s" % (7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10),
    "floats": str(1 / 3) + " " + str(2.0 * 3) + " " + str(1e16) + " " + str(0.1 + 0.2),
    "small_floats": str(1e-5) + " " + str(0.0001) + " " + repr(0.00012),
    "rounded": "%.2f %.3e" % (2.675, 12345.678) + " " + "{:.1%}".format(0.123),
    "hexes": "%d %s" % (int("0x10", 16) + int("ff", 16), hex(255) + oct(8) + bin(5)),
    # str's methods taken from the type, as balar's utils.py digs the number out of "16384MiB"
    "unbound": int("".join(filter(str.isdigit, "16384MiB"))) * 1024,
    "unbound_key": str(sorted(["b", "A", "c"], key=str.lower)) + str.join("-", map(str.strip, [" x ", "y "])),
})

# expect: param c.pad = "007|ab..|**ab**|  ab |  x"
# expect: param c.part = "('k', '=', 'v=w')('k=v', '=', 'w')('kvw', '', '')"
# expect: param c.rsplit = "['a,b', 'c']"
# expect: param c.small_floats = "1e-05 0.0001 0.00012"
# expect: param c.rounded = "2.67 1.235e+04 12.3%"
# expect: param c.unbound = "16777216"
# expect: param c.unbound_key = "['A', 'b', 'c']x-y"
