# zip/map/filter/enumerate/reversed/iter and generators are single-pass: a second loop over the same object sees
# nothing. map calls its function when iterated (a component made there is made then, after "mem"), and a lazy
# iterator sees a list appended to before it is first used. next() takes one item, with a default at the end.
import sst

names = ["a", "b", "c"]
pairs = zip(names, range(3))
for n, i in pairs:
    sst.Component("first_%s%d" % (n, i), "miranda.BaseCPU")
for n, i in pairs:
    sst.Component("second_%s%d" % (n, i), "miranda.BaseCPU")


def make(n):
    return sst.Component("cpu_" + n, "miranda.BaseCPU")


lazy = map(make, names)
mem = sst.Component("mem", "memHierarchy.MemController")
cpus = list(lazy)
again = list(lazy)
mem.addParam("cpus_again", len(again))

later = ["x"]
it = iter(later)
later.append("y")
first = next(it)
rest = list(it)
mem.addParam("first", first)
mem.addParam("rest", rest)
mem.addParam("after_end", next(it, "done"))

evens = filter(lambda k: k % 2 == 0, range(6))
mem.addParam("evens", sorted(evens))
mem.addParam("evens_again", list(evens))

back = reversed(names)
mem.addParam("back", "".join(back) + "|" + "".join(back))

numbered = enumerate(names, 1)
head = next(numbered)
mem.addParam("numbered", [head] + list(numbered))


def gen():
    for n in names:
        yield n.upper()


g = gen()
mem.addParam("gen_twice", [list(g), list(g)])

try:
    next(g)
    mem.addParam("stop", "no")
except StopIteration:
    mem.addParam("stop", "yes")

# expect: count components 7
# expect: no component second_a0
# expect: component mem type=memHierarchy.MemController
# expect: param mem.cpus_again = "0"
# expect: param mem.first = "x"
# expect: param mem.rest = "['y']"
# expect: param mem.after_end = "done"
# expect: param mem.evens = "[0, 2, 4]"
# expect: param mem.evens_again = "[]"
# expect: param mem.back = "cba|"
# expect: param mem.numbered = "[(1, 'a'), (2, 'b'), (3, 'c')]"
# expect: param mem.gen_twice = "[['A', 'B', 'C'], []]"
# expect: param mem.stop = "yes"
