/**
 * A script with a syntax error contributes its one GS101 and nothing else; a file whose run needs it says, at
 * information level, that it cannot check; an open file that does not parse keeps its last good model for editor
 * features only. Checked on the example workspace and on the real broken scripts of ../shared/corpus.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';
import type { Finding } from '../../../server/src/rules/types';
import { copyExample } from '../../support/exampleWorkspace';
import { CORPUS, corpusPresent } from '../../support/sharedCorpus';

const at = (f: Finding) => `${f.code} ${f.severity} ${f.span.start.line + 1}:${f.span.start.character + 1}`;

describe('files with a syntax error feed no rule', () => {
  it('a gem5 script with a syntax error gets exactly one GS101, and the SST script running it one note with a link', async () => {
    const ws = await copyExample({ checkpoint: true });
    try {
      await ws.edit(ws.gem5, 'args = parser.parse_args()', 'args = parser.parse_args(');
      const all = await createWorkspaceEngine([ws.root]).findingsAll();
      const gem5 = all.get(ws.gem5) ?? [];
      assert.equal(gem5.length, 1, gem5.map(at).join(', '));
      assert.equal(gem5[0].code, 'GS101');
      assert.equal(gem5[0].severity, 'error');
      assert.equal(gem5[0].message, "SyntaxError: '(' was never closed");
      const sst = all.get(ws.sst) ?? [];
      assert.deepEqual(sst.filter((f) => f.severity !== 'information').map(at), []);
      const notes = sst.filter((f) => f.code === 'GS101');
      assert.equal(notes.length, 1);
      assert.equal(notes[0].severity, 'information');
      assert.match(notes[0].message, /cannot check .*arm-sst-checkpoint\.py has a syntax error/);
      assert.equal(notes[0].related[0].file, ws.gem5);
      assert.deepEqual(notes[0].related[0].span.start, gem5[0].span.start);
    } finally {
      await ws.dispose();
    }
  });

  it('an SST script with a syntax error gets exactly one GS101 and no finding built on its broken parse', async () => {
    const ws = await copyExample({ checkpoint: true });
    try {
      // A half-typed line in the middle: CPython stops at it, so nothing below or above it is checked.
      await ws.edit(ws.sst, '"--cpu-type=timing"', '"--cpu-type=atomic" "x" = ');
      const all = await createWorkspaceEngine([ws.root]).findingsAll();
      const sst = all.get(ws.sst) ?? [];
      assert.equal(sst.length, 1, sst.map(at).join(', '));
      assert.equal(sst[0].code, 'GS101');
      assert.equal(sst[0].severity, 'error');
    } finally {
      await ws.dispose();
    }
  });

  it('an open SST script that stops parsing keeps its last good model and runs for hovers, but its findings are GS101 only', async () => {
    const ws = await copyExample({ checkpoint: true });
    try {
      const engine = createWorkspaceEngine([ws.root]);
      const good = await readFile(ws.sst, 'utf8');
      engine.setOpenDocument(ws.sst, good, 1);
      await engine.findingsAll();
      const before = engine.modelFor(ws.sst);
      assert.equal(before?.kind, 'sst');
      const runsBefore = (await engine.runsFor(ws.sst)).filter((r) => r.definedIn === ws.sst).length;
      assert.ok(runsBefore > 0);

      const broken = good.replace('"--cpu-type=timing",', '"--cpu-type=timing" (');
      engine.setOpenDocument(ws.sst, broken, 2);
      const findings = (await engine.findingsAll()).get(ws.sst) ?? [];
      assert.deepEqual(findings.map((f) => f.code), ['GS101']);
      assert.equal(engine.modelFor(ws.sst), before, 'the last good model serves hovers and completion');
      assert.equal((await engine.runsFor(ws.sst)).filter((r) => r.definedIn === ws.sst).length, runsBefore);

      engine.setOpenDocument(ws.sst, good, 3);
      assert.deepEqual(((await engine.findingsAll()).get(ws.sst) ?? []).filter((f) => f.code === 'GS101'), []);
      assert.notEqual(engine.modelFor(ws.sst), before, 'a new good model replaces the kept one');
    } finally {
      await ws.dispose();
    }
  });

  it('while a line is half typed, the one GS101 moves with the cursor', async () => {
    const ws = await copyExample();
    try {
      const engine = createWorkspaceEngine([ws.root]);
      const good = await readFile(ws.gem5, 'utf8');
      const line = good.split('\n').findIndex((l) => l.startsWith('args = parser.parse_args()'));
      const typed = 'x = foo(1, 2 3';
      const seen: string[] = [];
      for (let n = 1; n <= typed.length; n++) {
        const text = good.replace('args = parser.parse_args()', `args = parser.parse_args()\n${typed.slice(0, n)}`);
        engine.setOpenDocument(ws.gem5, text, n);
        const f = ((await engine.findingsAll()).get(ws.gem5) ?? []).filter((x) => x.code === 'GS101');
        assert.ok(f.length <= 1, `one GS101 at most after typing ${JSON.stringify(typed.slice(0, n))}`);
        seen.push(f.length ? `${f[0].span.start.line}:${f[0].span.start.character}` : '-');
      }
      // `x` parses; `x =` is invalid at the line end; with `(` open, CPython reports the bracket never closed.
      assert.equal(seen[0], '-');
      assert.equal(seen[2], `${line + 1}:3`, 'x = → invalid syntax at the line end');
      assert.equal(seen[seen.length - 1], `${line + 1}:7`, "'(' was never closed at the bracket");
    } finally {
      await ws.dispose();
    }
  });
});

describe('the real broken scripts of ../shared/corpus', () => {
  const cases: [string, number, number, string][] = [
    ['darchr-gem5-kg/ext/sst/sst/example.py', 88, 15, 'SyntaxError: invalid syntax. Perhaps you forgot a comma?'],
    ['darchr-gem5-kg/ext/sst/sst/arm_example.py', 128, 13, 'SyntaxError: invalid syntax'],
    ['darchr-gem5-kg/disaggregated_memory/configs/arm-numa-checkpoints.py', 201, 13, 'SyntaxError: invalid syntax. Perhaps you forgot a comma?'],
  ];

  it('each has exactly CPython\'s one error (line and column as compile() reports them) and no other finding', async function () {
    if (!corpusPresent()) this.skip();
    this.timeout(60_000);
    const all = await createWorkspaceEngine([join(CORPUS, 'darchr-gem5-kg')]).findingsAll();
    for (const [file, line, col, message] of cases) {
      const found = all.get(join(CORPUS, file)) ?? [];
      assert.deepEqual(found.map((f) => `${at(f)} ${f.message}`), [`GS101 error ${line}:${col} ${message}`], file);
    }
  });
});
