import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareGraphs, runCPython, type Graph, type ModelGraph } from '../../support/cpythonGraph';

const script = `import sst
from sst import UnitAlgebra
nodes = []
for i in range(2):
    nodes.append(sst.Component("node_%d" % i, "gem5.gem5Component"))
    nodes[i].addParams({"cmd": "-n %d" % i, "flag": True, "ratio": 0.5, "sizes": [1, "a"]})
    nodes[i].setRank(i + 1)
mem = sst.Component("mem", "memHierarchy.MemController")
mem.addParam("addr_range_end", UnitAlgebra("6GiB").getRoundedValue() - 1)
port = nodes[0].setSubComponent("port", "gem5.Bridge", 1)
inner = port.setSubComponent("link", "memHierarchy.MemLink")
link = sst.Link("l0")
link.connect((inner, "port", "1ps"), (mem, "highlink", "2ns"))
link.setNoCut()
half = sst.Link("half")
half.connect((nodes[1], "p", "1ps"), (nodes[1], "q", "1ps")) if False else mem.addLink(half, "x", "5ps")
sst.setProgramOption("timebase", "1ps")
print("to stdout, which is discarded")
`;

describe('CPython recording of SST scripts (runCPython)', function () {
  this.timeout(20000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpython-graph-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('records components, params as str() of the value, ranks, nested subcomponents and links in SST JSON shape', async () => {
    const file = path.join(dir, 'script.py');
    fs.writeFileSync(file, script);
    const [r] = await runCPython([{ script: file, cwd: dir, argv: [] }]);
    assert.equal(r.error, null);
    assert.equal(r.ok, true);
    const g = r.graph as Graph;
    assert.deepEqual(g.components.map((c) => c.name), ['node_0', 'node_1', 'mem']);
    assert.deepEqual(g.components[1].params, { cmd: '-n 1', flag: 'True', ratio: '0.5', sizes: "[1, 'a']" });
    assert.deepEqual(g.components[1].partition, { rank: 2, thread: 0 });
    assert.equal(g.components[2].partition, undefined);
    assert.equal(g.components[2].params.addr_range_end, String(6 * 2 ** 30 - 1));
    const sub = g.components[0].subcomponents[0];
    assert.deepEqual([sub.slot_name, sub.slot_number, sub.type], ['port', 1, 'gem5.Bridge']);
    assert.equal(sub.subcomponents[0].slot_name, 'link');
    assert.deepEqual(g.links[0], {
      name: 'l0', noCut: true,
      left: { component: 'node_0:port[1]:link[0]', port: 'port', latency: '1ps' },
      right: { component: 'mem', port: 'highlink', latency: '2ns' },
      source: { file, line: 12 },
    });
    assert.deepEqual(g.links[1].left, { component: 'mem', port: 'x', latency: '5ps' });
    assert.equal(g.links[1].right, undefined);
    assert.deepEqual(g.components[0].source, { file, line: 5 });
    assert.deepEqual(g.program_options, { timebase: '1ps' });
    assert.ok(r.seconds > 0 && r.seconds < 5);
  });

  it('reports a failing script with its exception line and runs the next job with a fresh graph and argv', async () => {
    const bad = path.join(dir, 'bad.py');
    fs.writeFileSync(bad, 'import sst\nsst.Component("a", "t")\nraise ValueError("boom")\n');
    const argvScript = path.join(dir, 'argv.py');
    fs.writeFileSync(argvScript, 'import sst, sys, os\nsst.Component(sys.argv[1], os.path.basename(os.getcwd()))\n');
    const results = await runCPython([
      { script: bad, cwd: dir, argv: [] },
      { script: argvScript, cwd: os.tmpdir(), argv: ['named_by_argv'] },
    ]);
    assert.equal(results[0].ok, false);
    assert.match(results[0].error ?? '', /^ValueError: boom \(at .*bad\.py:3\)$/);
    assert.equal(results[0].graph, null);
    assert.deepEqual(results[1].graph?.components.map((c) => [c.name, c.type]),
      [['named_by_argv', path.basename(os.tmpdir())]]);
  });

  it('gives each job its own sibling modules: a helper of the same name in another folder is imported afresh', async () => {
    const jobs = ['one', 'two'].map((name) => {
      const folder = path.join(dir, name);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'helper.py'), `KIND = "from_${name}"\n`);
      fs.writeFileSync(path.join(folder, 'main.py'), 'import sst\nfrom helper import KIND\nsst.Component("c", KIND)\n');
      return { script: path.join(folder, 'main.py'), cwd: folder, argv: [] };
    });
    const types = (await runCPython(jobs)).map((r) => r.graph?.components[0].type);
    assert.deepEqual(types, ['from_one', 'from_two']);
    assert.equal(fs.existsSync(path.join(dir, 'one', '__pycache__')), false);
  });

  it('fails a script where SST would: a reused subcomponent slot, a link connected a third time, an invalid unit', async () => {
    const cases = {
      slot: 'import sst\nc = sst.Component("c", "t")\nc.setSubComponent("s", "x")\nc.setSubComponent("s", "y")\n',
      latency: 'import sst\na = sst.Component("a", "t")\nl = sst.Link("l", "1ns")\nl.connect((a, "p"), (a, "q"))\na.addLink(l, "r")\n',
      unit: 'import sst\nsst.UnitAlgebra("4 zorks")\n',
    };
    const jobs = Object.entries(cases).map(([name, text]) => {
      const file = path.join(dir, `${name}.py`);
      fs.writeFileSync(file, text);
      return { script: file, cwd: dir, argv: [] };
    });
    const errors = (await runCPython(jobs)).map((r) => r.error);
    assert.match(errors[0] ?? '', /^RuntimeError: Failed to create subcomponent y on c\..*slot\.py:4\)$/);
    assert.match(errors[1] ?? '', /^RuntimeError: Link l connected more than twice/);
    assert.match(errors[2] ?? '', /^ValueError: Invalid unit type: zorks/);
  });
});

describe('compareGraphs', () => {
  const expected: Graph = {
    program_options: { timebase: '1ps' },
    components: [
      {
        name: 'n0', type: 'gem5.gem5Component', params: { cmd: '--outdir=m5out_0', a: '1' }, partition: { rank: 1, thread: 0 },
        subcomponents: [{ slot_name: 'port', slot_number: 0, type: 'B', params: {}, subcomponents: [], source: { file: '/x/s.py', line: 4 } }],
        source: { file: '/x/s.py', line: 3 },
      },
      { name: 'mem', type: 'M', params: {}, subcomponents: [], source: { file: '/x/s.py', line: 5 } },
    ],
    links: [{
      name: 'l', noCut: false, left: { component: 'n0:port[0]', port: 'p', latency: '1ps' },
      right: { component: 'mem', port: 'h', latency: '1ps' }, source: { file: '/x/s.py', line: 6 },
    }],
  };
  const copy = (): ModelGraph => JSON.parse(JSON.stringify(expected)) as ModelGraph;

  it('finds no difference between equal graphs, comparing source files by basename', () => {
    const actual = copy();
    actual.components[0].source = { file: '/elsewhere/s.py', line: 3 };
    assert.deepEqual(compareGraphs(expected, actual, () => false), []);
  });

  it('accepts an unknown value only where acceptUnknown allows it', () => {
    const actual = copy();
    (actual.components[0].params as Record<string, string | null>).cmd = null;
    assert.deepEqual(compareGraphs(expected, actual, (p) => p === 'components[n0].params.cmd'), []);
    assert.deepEqual(compareGraphs(expected, actual, () => false),
      ['components[n0].params.cmd: unknown in the model, CPython has "--outdir=m5out_0"']);
  });

  it('reports components made in another order (sst.linear places by it), ignoring those only one side names', () => {
    const actual = copy();
    actual.components.reverse();
    assert.deepEqual(compareGraphs(expected, actual, () => false), ['components: made in another order (CPython: n0, mem; the model: mem, n0)']);
    const unnamed = copy();
    unnamed.components[0].name = null;
    assert.deepEqual(compareGraphs(expected, unnamed, (p) => p === 'components[n0].name'), []);
  });

  it('reports wrong, missing and extra components, subcomponents, params, partitions, link ends and lines', () => {
    const actual = copy();
    actual.components[0].type = 'other';
    delete (actual.components[0].params as Record<string, string | null>).a;
    (actual.components[0].params as Record<string, string | null>).b = '2';
    actual.components[0].partition = undefined;
    actual.components[0].subcomponents = [];
    actual.components.pop();
    actual.components.push({ name: 'ghost', type: 'G', params: {}, subcomponents: [] });
    actual.links[0].right = undefined;
    actual.links[0].source = { file: '/x/s.py', line: 7 };
    assert.deepEqual(compareGraphs(expected, actual, () => true), [
      'components[n0].type: CPython has "gem5.gem5Component", the model has "other"',
      'components[n0].params.a: missing in the model (CPython has "1")',
      'components[n0].params.b: extra in the model ("2"), absent in CPython',
      'components[n0:port[0]]: missing in the model',
      'components[n0].partition: missing in the model (CPython has {"rank":1,"thread":0})',
      'components[mem]: missing in the model',
      'components[ghost]: extra in the model',
      'links[l].right: missing in the model (CPython has {"component":"mem","port":"h","latency":"1ps"})',
      'links[l].source: CPython has line 6, the model has line 7',
    ]);
  });
});
