// The random domain against CPython: scripts that seed random (the module's generator and random.Random objects)
// with varied integers and record a random sequence of draws (random, getrandbits, randint, randrange with steps,
// choice, shuffle, sample small and large, uniform) as params. The model must give exactly CPython's graph.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { modelSstScript } from '../../../server/src/config';
import { sstGraph } from '../../../server/src/config/graph';
import { compareGraphs, runCPython, type ModelGraph } from '../../support/cpythonGraph';
import { seededRandom } from '../../support/seededRandom';

const SEEDS = ['0', '1', '42', '1342', '-7', '0xf00dbeef', '2**32', '2**64 + 5', '12345678901234567890123', 'True'];
const DRAWS = [
  'g.random()', 'g.getrandbits(1)', 'g.getrandbits(7)', 'g.getrandbits(32)', 'g.getrandbits(33)', 'g.getrandbits(100)',
  'g.randint(1, 100)', 'g.randint(-5, 5)', 'g.randint(0, 2**40)', 'g.randrange(10)', 'g.randrange(3, 30, 4)',
  'g.randrange(20, 0, -3)', 'g.choice(["a", "b", "c", "d"])', 'g.choice("xyz")', 'g.uniform(1, 2.5)',
  'g.sample(list(range(10)), 4)', 'g.sample(list(range(100)), 7)', 'g.sample(("p", "q", "r"), k=3)',
  '(g.shuffle(xs), list(xs))[1]',
];

function script(r: () => number): string {
  const lines = ['import sst', 'import random', 'c = sst.Component("c", "x.y")', 'xs = list(range(12))'];
  const seed = SEEDS[Math.floor(r() * SEEDS.length)];
  lines.push(r() < 0.5 ? `random.seed(${seed})\ng = random` : `g = random.Random(${seed})`);
  for (let i = 0; i < 12; i++) lines.push(`c.addParam("d${i}", ${DRAWS[Math.floor(r() * DRAWS.length)]})`);
  return lines.join('\n') + '\n';
}

describe('random with a seed against CPython', () => {
  it('gives CPython\'s draws for seeded generators', async function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'random-diff-'));
    const r = seededRandom(Number(process.env.RANDOM_FUZZ_SEED ?? 3));
    const files = Array.from({ length: 60 }, (_, i) => {
      const f = path.join(dir, `r${i}.py`);
      fs.writeFileSync(f, script(r));
      return f;
    });
    const results = await runCPython(files.map((f) => ({ script: f, cwd: dir, argv: [] })));
    for (const res of results) {
      assert.ok(res.ok && res.graph, `${res.script}: ${res.error}`);
      const g = sstGraph(modelSstScript(res.script, fs.readFileSync(res.script, 'utf8'), [])) as unknown as ModelGraph;
      assert.deepEqual(compareGraphs(res.graph, g, () => false), [], fs.readFileSync(res.script, 'utf8'));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says unknown, not CPython\'s numbers, without a seed the script gives', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'random-diff-'));
    const f = path.join(dir, 'u.py');
    fs.writeFileSync(f, [
      'import sst, random, os', 'c = sst.Component("c", "x.y")', 'c.addParam("a", random.randint(1, 9))',
      'random.seed(os.environ.get("SEED"))', 'c.addParam("b", random.random())',
      'random.seed(5)', 'if os.environ.get("X"):', '    random.random()', 'c.addParam("c", random.random())', '',
    ].join('\n'));
    const g = sstGraph(modelSstScript(f, fs.readFileSync(f, 'utf8'), [])) as unknown as ModelGraph;
    assert.deepEqual(g.components[0].params, { a: null, b: null, c: null });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
