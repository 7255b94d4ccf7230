# Idiom: global and nonlocal counters in helpers.
import sst

next_id = 0


def new_node(kind):
    global next_id
    comp = sst.Component("node%d" % next_id, kind)
    next_id += 1
    return comp


def numbered_links():
    count = 0

    def make(a, b):
        nonlocal count
        link = sst.Link("link%d" % count)
        count += 1
        link.connect((a, "port", "1ps"), (b, "port", "1ps"))
        return link
    return make


make = numbered_links()
a, b, c = new_node("t.A"), new_node("t.B"), new_node("t.C")
make(a, b)
make(b, c)

# expect: component node2 type=t.C line=9
# expect: link link1 node1 port 1ps -- node2 port 1ps line=19
