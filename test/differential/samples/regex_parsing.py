# Idiom: sizes and names parsed with re (match groups, named groups, findall, sub, split, a compiled pattern).
import re
import sst

SIZE = re.compile(r"(?P<num>\d+)\s*(?P<unit>[KMG]i?B)$", re.IGNORECASE)
specs = "node0:4GiB, node1:512MiB ;node2:2gib"
for part in re.split(r"\s*[,;]\s*", specs):
    name, size = part.split(":")
    m = SIZE.match(size)
    mem = sst.Component(name, "memHierarchy.MemController")
    mem.addParam("backend.mem_size", m.group("num") + m.group("unit").replace("i", "i").upper().replace("IB", "iB"))
    mem.addParam("index", int(re.search(r"\d+$", name).group(0)))
    mem.addParam("span", m.span("unit"))
ids = re.findall(r"node(\d)", specs)
bus = sst.Component("bus", "memHierarchy.Bus")
bus.addParam("ids", ids)
bus.addParam("pairs", re.findall(r"(\w+):(\d+)", specs))
bus.addParam("clean", re.sub(r"\s+", "", specs))
bus.addParam("renamed", re.sub(r"node(\d)", r"n\1", specs, count=2))
bus.addParam("nomatch", re.match(r"\d", specs) is None)
bus.addParam("escaped", re.escape("a.b*c"))
bus.addParam("groups", SIZE.fullmatch("64 KB").groups())

# expect: param node1.backend.mem_size = "512MiB"
# expect: param node2.backend.mem_size = "2GiB"
# expect: param node2.index = "2"
# expect: param bus.ids = "['0', '1', '2']"
# expect: param bus.renamed = "n0:4GiB, n1:512MiB ;node2:2gib"
# expect: param bus.groups = "('64', 'KB')"
