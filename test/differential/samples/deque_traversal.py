# Idiom: collections.deque as a work queue (breadth-first walk of a topology), maxlen windows dropping from the
# other end, rotate/extendleft/insert, an empty pop caught as IndexError, and a deque changed under a condition the
# model cannot decide (its contents are then unknown, never a guess).
import sst
from collections import deque
q = deque(["a", "b"])
q.appendleft("z")
q.rotate(1)
first = q.popleft()
b = deque(range(5), maxlen=3)
b.append(9)
b.appendleft(-1)
b.extendleft([7, 8])
w = deque()
try:
    w.pop()
    empty = "popped"
except IndexError:
    empty = "IndexError"
order = []
todo = deque([0])
seen = {0}
edges = {0: [1, 2], 1: [3], 2: [3, 4], 3: [], 4: [0]}
while todo:
    n = todo.popleft()
    order.append(n)
    for m in edges[n]:
        if m not in seen:
            seen.add(m)
            todo.append(m)
c = sst.Component("c0", "x.y")
c.addParams({"first": first, "q": list(q), "qr": repr(q), "b": str(b), "len": len(b), "b0": b[0], "bl": b[-1], "in": 8 in b,
             "order": order, "mx": b.maxlen, "empty": empty, "cnt": b.count(7), "truth": bool(w), "idx": q.index("a")})
q2 = q.copy(); q2.reverse(); q2.remove("a")
c.addParam("q2", q2)
for i, name in enumerate(deque(["n0", "n1"])):
    sst.Component(name, "memHierarchy.Cache").addParam("i", i)
q.insert(0, "k")
c.addParam("after_insert", list(q))
import os
maybe = deque(["x"])
if os.environ.get("DEQUE_SAMPLE_EXTRA"):
    maybe.append("y")
c.addParam("maybe", list(maybe))
c.addParam("maybe_first", maybe[0])

# expect: param c0.first = "b"
# expect: param c0.q = "['z', 'a']"
# expect: param c0.qr = "deque(['z', 'a'])"
# expect: param c0.b = "deque([8, 7, -1], maxlen=3)"
# expect: param c0.len = "3"
# expect: param c0.b0 = "8"
# expect: param c0.bl = "-1"
# expect: param c0.in = "True"
# expect: param c0.order = "[0, 1, 2, 3, 4]"
# expect: param c0.mx = "3"
# expect: param c0.empty = "IndexError"
# expect: param c0.cnt = "1"
# expect: param c0.truth = "False"
# expect: param c0.idx = "1"
# expect: param c0.q2 = "deque(['z'])"
# expect: param c0.after_insert = "['k', 'z', 'a']"
# expect: params n0 = {"i": "0"}
# expect: params n1 = {"i": "1"}
# expect-unknown: c0.maybe
# expect-unknown: c0.maybe_first
