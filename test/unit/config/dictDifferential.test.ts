// Dicts and OrderedDicts under random sequences of inserts, lookups with equal keys of other types (1, 1.0, True;
// tuples of them), deletes, pops, popitem, move_to_end, clear and setdefault — the model's key index against CPython.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelSstScript } from '../../../server/src/config';
import { sstGraph } from '../../../server/src/config/graph';
import { compareGraphs, runCPython, type ModelGraph } from '../../support/cpythonGraph';
import { seededRandom } from '../../support/seededRandom';

const rng = seededRandom;

const KEYS = ['1', '1.0', 'True', '2', '"a"', '"b"', '(1, 2)', '(1.0, 2)', '(True, "a")', '0', 'False', '0.5', 'None', '(None,)'];

function script(seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const ordered = r() < 0.4;
  const lines = ['import sst', 'from collections import OrderedDict', ordered ? 'd = OrderedDict()' : 'd = {}', 'out = []'];
  for (let i = 0; i < 50; i++) {
    const op = r();
    const k = pick(KEYS);
    const v = Math.floor(r() * 10);
    if (op < 0.35) lines.push(`d[${k}] = ${v}`);
    else if (op < 0.5) lines.push(`out.append(d.get(${k}, -1))`);
    else if (op < 0.6) lines.push(`out.append(${k} in d)`);
    else if (op < 0.68) lines.push(`out.append(d.pop(${k}, -2))`);
    else if (op < 0.73) lines.push('if d: out.append(d.popitem())');
    else if (op < 0.8) lines.push(`if ${k} in d: del d[${k}]`);
    else if (op < 0.86 && ordered) lines.push(`if ${k} in d: d.move_to_end(${k}, last=${r() < 0.5 ? 'True' : 'False'})`);
    else if (op < 0.9) lines.push(r() < 0.2 ? 'd.clear()' : `d.setdefault(${k}, ${v})`);
    else lines.push(`out.append(d[${k}] if ${k} in d else "missing")`);
  }
  lines.push('c = sst.Component("c", "x.y")', 'c.addParams({"out": out, "items": list(d.items()), "len": len(d)})');
  return lines.join('\n') + '\n';
}

describe('dict keys against CPython', () => {
  it('finds, replaces and removes entries as CPython does over random operation sequences', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dict-fuzz-'));
    try {
      const files = Array.from({ length: 40 }, (_, i) => {
        const f = path.join(dir, `ops${i}.py`);
        fs.writeFileSync(f, script(Number(process.env.DICT_FUZZ_SEED ?? 3) * 1000 + i));
        return f;
      });
      const results = await runCPython(files.map((f) => ({ script: f, cwd: dir, argv: [] })));
      const wrong: string[] = [];
      for (const r of results) {
        assert.ok(r.ok && r.graph, `${r.script}: ${r.error}`);
        const model = sstGraph(modelSstScript(r.script, fs.readFileSync(r.script, 'utf8'), [])) as unknown as ModelGraph;
        // No unknown is accepted: every operation here has one answer.
        for (const d of compareGraphs(r.graph, model, () => false)) wrong.push(`${path.basename(r.script)}: ${d}`);
      }
      assert.deepEqual(wrong, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
