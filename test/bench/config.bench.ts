/**
 * Config model benchmark: a 2,000-line script cold and after a one-character edit; 500 scripts of 100–600 lines
 * (CPython's ast.parse on the same files as the reference); the corpus SST scripts through the forward interpreter
 * vs python3 executing them with the recording sst module in one process (start-up excluded), same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as ConfigModule from '../../server/src/config';
import { loadBundled } from './bundle';
import { gem5Script } from '../support/generateScripts';
import { runCPython } from '../support/cpythonGraph';
import { corpusSstJobs, findCorpus } from '../support/corpusJobs';
import { readFileSync } from 'node:fs';
import { report, timeRuns } from './stats';

async function main() {
  const { analyzeScript, ScriptDocument } = loadBundled<typeof ConfigModule>('server/src/config/index.ts');
  const big = gem5Script(2000);
  const cold = await timeRuns(() => analyzeScript('big.py', big), 15, 2);
  report('model of a 2,000-line script, cold', cold, { target: '< 80 ms' });

  const doc = new ScriptDocument('big.py', big);
  void doc.model;
  const at = big.indexOf('default=7');
  let flip = false;
  const edits = await timeRuns(() => {
    flip = !flip;
    doc.applyEdits([{ from: at + 8, to: at + 9, insert: flip ? '8' : '7' }]);
    return doc.model;
  }, 300, 10);
  report('model after a one-character edit (incremental)', edits, { target: '< 5 ms' });

  const corpus = findCorpus();
  if (corpus) {
    const { modelSstScript } = loadBundled<typeof ConfigModule>('server/src/config/index.ts');
    const jobs = corpusSstJobs(corpus);
    const texts = jobs.map((j) => ({ ...j, text: readFileSync(j.script, 'utf8') }));
    const { parser } = await import('@lezer/python');
    const ok = (await runCPython(jobs)).filter((r) => r.ok).map((r) => r.script);
    const run = texts.filter((t) => ok.includes(t.script));
    const parse = await timeRuns(() => run.forEach((t) => parser.parse(t.text)), 7, 2);
    const model = await timeRuns(() => run.forEach((t) => modelSstScript(t.script, t.text, t.argv)), 7, 2);
    const interp = model.map((m, i) => Math.max(0, m - parse[i]));
    const py: number[] = [];
    for (let i = 0; i < 7; i++) py.push((await runCPython(jobs)).filter((r) => r.ok).reduce((a, r) => a + r.seconds * 1000, 0));
    report(`corpus SST scripts (${run.length}): lezer parse`, parse);
    report(`corpus SST scripts (${run.length}): CPython + recording sst module`, py);
    report(`corpus SST scripts (${run.length}): interpreter + read-out (model minus parse)`, interp, { target: '<= 3x CPython', baseline: { name: 'CPython executing them with the recording sst module', ms: py } });
  }

  const dir = await mkdtemp(join(tmpdir(), 'bench-config-'));
  try {
    const files: { path: string; text: string }[] = [];
    for (let i = 0; i < 500; i++) {
      const text = gem5Script(100 + ((i * 37) % 500), i);
      const path = join(dir, `s${i}.py`);
      await writeFile(path, text);
      files.push({ path, text });
    }
    const { parser } = await import('@lezer/python');
    const parseOnly = await timeRuns(() => files.forEach((f) => parser.parse(f.text)), 5, 1);
    report('lezer parse alone of the same 500 scripts', parseOnly);
    const ws = await timeRuns(() => files.forEach((f) => analyzeScript(f.path, f.text)), 5, 1);
    report('model of 500 scripts vs the lezer parse it includes', ws, { baseline: { name: 'lezer parse', ms: parseOnly } });
    const py: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = spawnSync('python3', ['-c', 'import ast,sys,time,glob\nfs=[open(p).read() for p in glob.glob(sys.argv[1]+"/*.py")]\nt=time.perf_counter()\nfor s in fs: ast.parse(s)\nprint((time.perf_counter()-t)*1000)', dir], { encoding: 'utf8' });
      if (r.status !== 0) break;
      py.push(Number(r.stdout.trim()));
    }
    if (py.length) report('CPython ast.parse of the same 500 scripts (parse only)', py);
    report('model of 500 scripts (100-600 lines each)', ws, { target: '< 3000 ms', baseline: py.length ? { name: 'ast.parse', ms: py } : undefined });
    const t0 = performance.now();
    analyzeScript('x.py', gem5Script(30000));
    console.log(`(30,000-line script modelled once in ${(performance.now() - t0).toFixed(0)} ms)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
