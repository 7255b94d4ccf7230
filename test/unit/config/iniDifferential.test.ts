// The INI reader of the configparser domain (iniFile.ts) against CPython's configparser: random texts made of the
// lines config files hold (headers, both delimiters, comments, continuation and empty lines, DEFAULT, duplicates,
// %-interpolation). For each text CPython either refuses it (the model must too: null, never other contents) or
// reads sections, options and the interpolated values, which the model must give exactly (or say unknown).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { emptyIni, interpolate, readIni } from '../../../server/src/config/interp/domains/iniFile';
import { seededRandom } from '../../support/seededRandom';

const LINES = [
  '[CPU]', '[Memory]', '[DEFAULT]', '[CPU] trailing', '  [Memory]', 'clock = 2GHz', 'Clock: 1GHz', 'cores=4',
  'name = %(prefix)s_x', 'prefix: node', 'pct = 50%%', 'bad = 5%', 'loop = %(loop)s', 'path = a = b', 'url: http://x',
  '    continued', '\tmore', '', '   ', '# comment', '; comment', '  # indented comment', 'novalue', '= nokey',
  'empty =', 'Max_Reqs = 3', 'cores = 8',
];

interface Out { sections: Record<string, [string, string | null][]>; defaults: [string, string | null][]; got: Record<string, (string | null)[]> }

const SCRIPT = `
import configparser, json, sys
out = []
for text in json.loads(sys.stdin.read()):
    cp = configparser.ConfigParser()
    try:
        cp.read_string(text)
    except configparser.Error:
        out.append("error")
        continue
    got = {}
    for s in cp.sections():
        vals = []
        for o in cp.options(s):
            try:
                vals.append(cp.get(s, o))
            except configparser.Error:
                vals.append(None)
        got[s] = vals
    out.append({"sections": {s: list(cp._sections[s].items()) for s in cp.sections()},
                "defaults": list(cp._defaults.items()), "got": got})
print(json.dumps(out))
`;

function model(text: string): Out | 'error' {
  const d = emptyIni();
  if (!readIni(text, d, false)) return 'error';
  const got: Record<string, (string | null)[]> = {};
  for (const [s, own] of d.sections) {
    const chain = new Map([...d.defaults, ...own]);
    const opts = [...new Map([...own, ...d.defaults]).keys()];
    got[s] = opts.map((o) => {
      const v = chain.get(o) ?? null;
      return v === null ? null : interpolate(v, (n) => chain.get(n.toLowerCase()));
    });
  }
  return { sections: Object.fromEntries([...d.sections].map(([s, m]) => [s, [...m]])), defaults: [...d.defaults], got };
}

describe('configparser INI reading against CPython', () => {
  it('reads random INI texts as CPython does, or refuses the ones CPython refuses', function () {
    const r = seededRandom(Number(process.env.INI_FUZZ_SEED ?? 11));
    const texts = Array.from({ length: 1500 }, () => {
      const lines = ['[CPU]', ...Array.from({ length: 1 + Math.floor(r() * 8) }, () => LINES[Math.floor(r() * LINES.length)])];
      // Some texts start without a header (CPython: MissingSectionHeaderError).
      if (r() < 0.1) lines.shift();
      return lines.join(r() < 0.2 ? '\r\n' : '\n') + (r() < 0.5 ? '\n' : '');
    });
    const py = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (py.status !== 0) throw new Error(`python3 failed: ${py.stderr}`);
    const expected = JSON.parse(py.stdout) as (Out | 'error')[];
    let read = 0;
    texts.forEach((t, i) => {
      const m = model(t);
      const e = expected[i];
      if (e === 'error') {
        assert.equal(m, 'error', `CPython refuses ${JSON.stringify(t)}`);
        return;
      }
      assert.notEqual(m, 'error', `CPython reads ${JSON.stringify(t)}`);
      const mo = m as Out;
      assert.deepEqual({ sections: mo.sections, defaults: mo.defaults }, { sections: e.sections, defaults: e.defaults }, JSON.stringify(t));
      for (const [s, vals] of Object.entries(e.got)) {
        vals.forEach((v, k) => {
          const mv = mo.got[s][k];
          // Unknown (null) is allowed where CPython has a value; a value must be CPython's.
          if (mv !== null) assert.equal(mv, v, `${JSON.stringify(t)} [${s}] option ${k}`);
          else if (v !== null) return;
        });
      }
      read++;
    });
    assert.ok(read > 300, `only ${read} texts read`);
  });
});
