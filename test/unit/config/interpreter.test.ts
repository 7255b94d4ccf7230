import assert from 'node:assert/strict';
import { modelSstScript } from '../../../server/src/config';
import { sstGraph } from '../../../server/src/config/graph';

// The forward interpreter on small scripts: what it must know, and what it must leave unknown (never a wrong value).
const graph = (src: string, argv?: string[]) => sstGraph(modelSstScript('/tmp/interp-test/s.py', src, argv));
const comp = (src: string, name: string, argv?: string[]) => graph(src, argv).components.find((c) => c.name === name);

describe('forward interpreter', () => {
  it('keeps a counter exact across unrolled iterations (base += 1024 gives 0, 1024, 2048)', () => {
    const g = graph(`import sst
base = 0
for i in range(3):
    c = sst.Component("n%d" % i, "memHierarchy.MemController")
    c.addParams({"addr_range_start": base})
    base += 1024
`);
    assert.deepEqual(g.components.map((c) => c.params.addr_range_start), ['0', '1024', '2048']);
  });

  it('makes a counter unknown when the loop cannot be unrolled, instead of repeating its first value', () => {
    const c = comp(`import sst, sys
base = 0
for a in sys.argv:
    base += 1024
m = sst.Component("m", "memHierarchy.MemController")
m.addParams({"addr_range_start": base, "fixed": 7})
`, 'm');
    assert.equal(c?.params.addr_range_start, null);
    assert.equal(c?.params.fixed, '7');
  });

  it('joins the keys of a dict that was filled in a loop', () => {
    const c = comp(`import sst
ports = {}
for p in ["a", "b"]:
    ports[p + "_port"] = "board." + p
node = sst.Component("gem5_node_0", "gem5.gem5Component")
node.addParams({"ports": " ".join(list(ports.keys()))})
`, 'gem5_node_0');
    assert.equal(c?.params.ports, 'a_port b_port');
  });

  it('follows components kept in a list and configured through it (gem5_nodes[node].addParams)', () => {
    const g = graph(`import sst
gem5_nodes = []
for node in range(2):
    gem5_nodes.append(sst.Component("gem5_node_{}".format(node), "gem5.gem5Component"))
    gem5_nodes[node].addParams({"cmd": f"--outdir=m5out_{node} x.py"})
    gem5_nodes[node].setRank(node + 1, 0)
`);
    assert.deepEqual(g.components.map((c) => [c.name, c.params.cmd, c.partition?.rank]), [
      ['gem5_node_0', '--outdir=m5out_0 x.py', 1], ['gem5_node_1', '--outdir=m5out_1 x.py', 2]]);
  });

  it('joins a value set differently on the two sides of an undecidable if into unknown, and keeps the same one', () => {
    const c = comp(`import sst, sys
if len(sys.argv) > 1:
    size = "4GiB"
    lat = "1ns"
else:
    size = "8GiB"
    lat = "1ns"
m = sst.Component("m", "memHierarchy.MemController")
m.addParams({"mem_size": size, "lat": lat})
`, 'm');
    assert.equal(c?.params.mem_size, null);
    assert.equal(c?.params.lat, '1ns');
  });

  it('takes the branch a known condition selects, given the run model options', () => {
    const src = `import sst, sys
size = "4GiB" if len(sys.argv) > 1 else "8GiB"
m = sst.Component("m", "memHierarchy.MemController")
m.addParams({"mem_size": size})
`;
    assert.equal(comp(src, 'm', [])?.params.mem_size, '8GiB');
    assert.equal(comp(src, 'm', ['x'])?.params.mem_size, '4GiB');
  });

  it('marks a component handed to code it cannot follow as incomplete rather than trusting its params', () => {
    const c = comp(`import sst
import not_installed_helpers
n = sst.Component("gem5_node_0", "gem5.gem5Component")
not_installed_helpers.configure(n)
`, 'gem5_node_0');
    assert.match(c?.incomplete ?? '', /passed to code the model cannot follow/);
  });

  it('stops an endless loop at its budget, keeping what it built before and marking what follows as maybe', () => {
    const m = modelSstScript('/tmp/interp-test/s.py', `import sst
a = sst.Component("a", "memHierarchy.Bus")
x = 0
while True:
    x += 1
b = sst.Component("b", "memHierarchy.Bus")
`);
    // Still looping at the budget: what follows may never run (CPython would hang), so it is only "maybe".
    assert.deepEqual(m.components.map((c) => [c.name.kind === 'str' ? c.name.value : null, c.maybe ?? false]), [['a', false], ['b', true]]);
  });

  it('runs methods with self, closures and keyword-only defaults', () => {
    const g = graph(`import sst
class Node:
    def __init__(self, i, *, clock="2GHz"):
        self.c = sst.Component(f"cpu{i}", "miranda.BaseCPU")
        self.c.addParams({"clock": clock})
def make(prefix):
    def inner(i):
        return Node(i, clock=prefix + "GHz")
    return inner
nodes = [make("3")(i) for i in range(2)]
`);
    assert.deepEqual(g.components.map((c) => [c.name, c.params.clock]), [['cpu0', '3GHz'], ['cpu1', '3GHz']]);
  });

  it('never prints a generator or an itertools iterator as a list (its str() is an address: unknown)', () => {
    const c = comp(`import sst, itertools
def gen():
    yield 1
c = sst.Component("c", "t")
c.addParams({"g": str(gen()), "p": str(itertools.product([1], [2])), "l": str(list(gen()))})
`, 'c');
    assert.deepEqual([c?.params.g, c?.params.p, c?.params.l], [null, null, '[1]']);
  });

  it('leaves unknown what a generator yields under a condition it cannot decide', () => {
    const c = comp(`import sst, sys
def gen():
    yield "a"
    if len(sys.argv) > 3:
        yield "b"
c = sst.Component("c", "t")
c.addParam("g", ",".join(gen()))
`, 'c');
    assert.equal(c?.params.g, null);
  });

  it('gives unknown, not a silently wrong value, for a keyword argument a builtin does not read', () => {
    const c = comp(`import sst
c = sst.Component("c", "t")
c.addParams({"e": str(list(enumerate("ab", start=5))), "z": str(list(zip("ab", "cd", strict=True))), "s": "a b".split(maxsplit=0)})
`, 'c');
    assert.deepEqual([c?.params.e, c?.params.z, c?.params.s], ["[(5, 'a'), (6, 'b')]", null, "['a b']"]);
  });

  it('leaves unknown the formats whose CPython result it does not compute (ties, grouping, nested specs), never a wrong text', () => {
    const c = comp(`import sst
w = 4
c = sst.Component("c", "t")
c.addParams({"tie": f"{2.5:.0f}", "hexgroup": "{:_x}".format(2**20), "nested": "{:>{w}}".format("z", w=w), "floatgroup": f"{1234.5:,}", "small": str(1e-5)})
`, 'c');
    assert.deepEqual([c?.params.tie, c?.params.hexgroup, c?.params.nested, c?.params.floatgroup, c?.params.small], [null, null, null, null, '1e-05']);
  });
});
