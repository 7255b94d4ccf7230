import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ensureBuilt, runCli } from '../support/cli';
import { findCorpus } from '../support/corpusJobs';

// `gem5-ckpt check` on the real scripts in ../shared/corpus, and `gem5-ckpt graph` on one of them.
const corpus = findCorpus();

interface Diag { file: string; line: number; severity: string; code: string; message: string }

(corpus ? describe : describe.skip)('gem5-ckpt on the real scripts of ../shared/corpus', function () {
  this.timeout(120000);
  const darchr = path.join(corpus ?? '', 'darchr-gem5-kg');
  let diags: Diag[] = [];
  before(() => {
    ensureBuilt();
    const r = runCli(['check', darchr, '--format', 'json']);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    diags = (JSON.parse(r.stdout) as { diagnostics: Diag[] }).diagnostics;
  });

  it('reports the real defect of restore/arm_restore.py: GS202 from the remote range its cmd states, and GS102', () => {
    const here = diags.filter((d) => d.file.endsWith('ext/sst/sst/restore/arm_restore.py') && d.severity === 'error');
    assert.deepEqual(here.map((d) => d.code).sort(), ['GS102', 'GS202']);
    const gs202 = here.find((d) => d.code === 'GS202')!;
    assert.match(gs202.message, /SST memory ends at 0x17fffffff/);
    assert.match(gs202.message, /remote range ends at 0x8ffffffff/);
    assert.match(gs202.message, /read from --remote-memory-addr-range 4294967296,38654705664 in cmd/);
  });

  it('sees the gem5 nodes the darchr scripts build with gem5_nodes.append(...): node 1 of arm_composable_memory.py reuses node 0\'s cmd (GS108)', () => {
    const gs108 = diags.filter((d) => d.file.endsWith('ext/sst/sst/arm_composable_memory.py') && d.code === 'GS108');
    assert.equal(gs108.length, 1);
    assert.match(gs108[0].message, /node 1 writes to the same outdir as node 0/);
  });

  it('prints the graph of arm_restore.py as sst --output-json does, with a source line on each component', () => {
    const r = runCli(['graph', path.join(darchr, 'ext/sst/sst/restore/arm_restore.py')]);
    assert.equal(r.status, 0, r.stderr);
    const g = JSON.parse(r.stdout) as { components: { name: string; type: string; partition?: { rank: number }; source: { line: number } }[]; links: { left: { component: string } }[] };
    assert.deepEqual(g.components.map((c) => [c.name, c.type, c.partition?.rank ?? null, c.source.line]), [
      ['membus', 'memHierarchy.Bus', null, 72], ['memory', 'memHierarchy.MemController', 0, 75], ['gem5_node_0', 'gem5.gem5Component', 1, 138]]);
    assert.ok(g.links.some((l) => l.left.component === 'gem5_node_0:remote_memory_port[0]'));
    const dot = runCli(['graph', path.join(darchr, 'ext/sst/sst/restore/arm_restore.py'), '--format', 'dot']);
    assert.match(dot.stdout, /^graph "sst_model" \{/);
    assert.match(dot.stdout, /"gem5_node_0" -- "membus"/);
  });

  it('exits 2 with a message for a script with a syntax error or one that cannot be read', () => {
    const bad = runCli(['graph', path.join(darchr, 'ext/sst/sst/example.py')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /example\.py:\d+:\d+: /);
    const missing = runCli(['graph', path.join(darchr, 'no such script.py')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
  });
});
