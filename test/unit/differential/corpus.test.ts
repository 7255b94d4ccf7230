import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCPython, type Result } from '../../support/cpythonGraph';
import { corpusSstJobs, findCorpus } from '../../support/corpusJobs';

// The corpus scripts CPython cannot execute, and why (see test/differential/README.md).
const FAILS: Record<string, RegExp> = {
  'darchr-gem5-kg/ext/sst/sst/arm_example.py': /^SyntaxError: invalid syntax \(.*arm_example\.py:128\)$/,
  'darchr-gem5-kg/ext/sst/sst/example.py': /^SyntaxError: invalid syntax\. Perhaps you forgot a comma\? \(.*example\.py:88\)$/,
};
// A helper module (imports sst, builds nothing itself).
const BUILDS_NOTHING = new Set(['sst-elements-memHierarchy-tests/mhlib.py']);

const corpus = findCorpus();

(corpus ? describe : describe.skip)('CPython over the corpus SST scripts (../shared/corpus)', function () {
  this.timeout(60000);
  const root = corpus as string;
  let results: Result[] = [];
  const rel = (r: Result): string => path.relative(root, r.script).split(path.sep).join('/');
  before(async () => { results = await runCPython(corpusSstJobs(root)); });

  it('executes every SST script except the two with syntax errors, each building components and links', () => {
    assert.ok(results.length >= 30, `only ${results.length} SST scripts found`);
    for (const r of results) {
      const name = rel(r);
      if (FAILS[name]) {
        assert.equal(r.ok, false, name);
        assert.match(r.error ?? '', FAILS[name], name);
      } else {
        assert.equal(r.error, null, name);
        assert.equal(BUILDS_NOTHING.has(name), r.graph?.components.length === 0, `${name}: components`);
      }
    }
    assert.deepEqual(results.filter((r) => !r.ok).map(rel).sort(), Object.keys(FAILS).sort());
  });

  it('records the darchr restore script as SST builds it: gem5 node on rank 1 with its remote range, memory ending at 6 GiB', () => {
    const r = results.find((x) => rel(x) === 'darchr-gem5-kg/ext/sst/sst/restore/arm_restore.py');
    const g = r?.graph;
    assert.ok(g);
    const node = g.components.find((c) => c.name === 'gem5_node_0');
    assert.equal(node?.type, 'gem5.gem5Component');
    assert.deepEqual(node?.partition, { rank: 1, thread: 0 });
    assert.match(node?.params.cmd ?? '', /--remote-memory-addr-range 4294967296,38654705664/);
    assert.equal(node?.subcomponents[0].slot_name, 'remote_memory_port');
    const memory = g.components.find((c) => c.name === 'memory');
    assert.equal(memory?.params.addr_range_end, String(6 * 2 ** 30));
    assert.ok(g.links.some((l) => l.left?.component === 'gem5_node_0:remote_memory_port[0]'));
  });
});
