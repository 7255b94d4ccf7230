import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkExpectations, parseExpectations, runCPython, sampleRun, type Graph, type Result } from '../../support/cpythonGraph';

const SAMPLES = path.resolve(__dirname, '..', '..', 'differential', 'samples');
// A sample is a script with expectations inside it; other files there (samplelib.py) are its helpers.
const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.py')).sort()
  .map((f) => ({ file: path.join(SAMPLES, f), text: fs.readFileSync(path.join(SAMPLES, f), 'utf8') }))
  .filter((s) => parseExpectations(s.text).length > 0);

describe('differential samples: CPython satisfies every sample\'s # expect lines', function () {
  this.timeout(30000);
  const results = new Map<string, Result>();
  before(async () => {
    for (const r of await runCPython(samples.map((s) => ({ script: s.file, cwd: SAMPLES, argv: [], ...sampleRun(s.text) })))) {
      results.set(r.script, r);
    }
  });

  it('has a sample for each idiom of config-interpreter.md', () => {
    assert.ok(samples.length >= 20, `only ${samples.length} samples`);
  });

  for (const s of samples) {
    it(`${path.basename(s.file)}: runs under CPython and builds what its expectations say`, () => {
      const r = results.get(s.file);
      assert.ok(r, 'no result');
      assert.equal(r.error, null);
      assert.deepEqual(checkExpectations(r.graph as Graph, parseExpectations(s.text), 'cpython'), []);
    });
  }

  it('reports an expectation the graph does not meet (wrong param, rank, link end, unknown value on the model side)', () => {
    const r = results.get(path.join(SAMPLES, 'append_then_index.py'));
    const graph = r?.graph as Graph;
    const wrong = parseExpectations([
      '# expect: param gem5_node_0.cmd = "--outdir=m5out_1 config.py --instance=0"',
      '# expect: component gem5_node_1 type=gem5.gem5Component rank=3',
      '# expect: no component gem5_node_0',
      '# expect: count links 1',
      '# expect-unknown: gem5_node_0.frequency',
    ].join('\n'));
    assert.deepEqual(checkExpectations(graph, wrong, 'cpython').map((f) => f.replace(/ \(.*\): /, ': ')), [
      'line 1: param cmd is "--outdir=m5out_0 config.py --instance=0", expected "--outdir=m5out_1 config.py --instance=0"',
      'line 2: rank is 2, expected 3',
      'line 3: the component exists',
      'line 4: number of links is 0, expected 1',
    ]);
    assert.deepEqual(checkExpectations(graph, wrong.slice(4), 'model'),
      ['line 5 (gem5_node_0.frequency): the model has "4GHz" at components[gem5_node_0].params.frequency, expected unknown']);
  });

  it('parses quoted names, dotted keys, links with one end and rejects a malformed line with its number', () => {
    const [param, link, unknown] = parseExpectations([
      '# expect: param "l1cache.mesi".backend.mem_size = "512MiB"',
      '# expect: link l rtr port1 1ns -- none nocut line=4',
      '# expect-unknown: links[l].left.latency',
    ].join('\n'));
    assert.deepEqual({ ...param, line: 0, text: '' }, { kind: 'param', name: 'l1cache.mesi', key: 'backend.mem_size', value: '512MiB', line: 0, text: '' });
    assert.deepEqual({ ...link, line: 0, text: '' }, {
      kind: 'link', name: 'l', left: { component: 'rtr', port: 'port1', latency: '1ns' }, right: null, noCut: true, sourceLine: 4, line: 0, text: '',
    });
    assert.deepEqual(unknown, { kind: 'unknown', path: 'links[l].left.latency', line: 3, text: 'links[l].left.latency' });
    assert.throws(() => parseExpectations('x = 1\n# expect: component c rank=1'), /^Error: line 2: component needs type=/);
  });
});
