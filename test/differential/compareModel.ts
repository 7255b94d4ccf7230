// Compares the model with CPython on any scripts: node --import=tsx test/differential/compareModel.ts a.py b.py
// (each runs from its own folder with no options; prints the differences, an unknown in the model counts as one).
import fs from 'node:fs';
import path from 'node:path';
import { modelSstScript } from '../../server/src/config';
import { sstGraph } from '../../server/src/config/graph';
import { compareGraphs, runCPython, type ModelGraph } from '../support/cpythonGraph';

async function main(): Promise<void> {
  const files = process.argv.slice(2).map((f) => path.resolve(f));
  const rs = await runCPython(files.map((f) => ({ script: f, cwd: path.dirname(f), argv: [] })));
  for (const r of rs) {
    if (!r.ok || !r.graph) {
      console.log(`${path.basename(r.script)}: CPython failed: ${r.error}`);
      continue;
    }
    const g = sstGraph(modelSstScript(r.script, fs.readFileSync(r.script, 'utf8'), [])) as unknown as ModelGraph;
    const diffs = compareGraphs(r.graph, g, () => false);
    console.log(`${path.basename(r.script)}: ${diffs.length ? diffs.length + ' differences' : 'same'}`);
    for (const d of diffs.slice(0, 12)) console.log('   ' + d);
  }
}
void main();
