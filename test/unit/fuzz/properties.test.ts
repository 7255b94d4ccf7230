/**
 * Property-based tests (fast-check): random and mutated inputs never throw out of the public APIs, and results stay
 * consistent. Run counts are kept small for `npm test`; `npm run fuzz` runs the same properties with FUZZ_RUNS set high.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { IniParser, parseIniText } from '../../../server/src/checkpoint/iniReader';
import { analyzeScript, emulateArgparse, parseGem5Size, parseSstUnitAlgebra, parseStoull, tokenizeCmd, tokenizeWithOffsets, type Gem5ScriptModel } from '../../../server/src/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'disaggregated');
const gem5Text = readFileSync(join(EXAMPLE, 'configs', 'arm-sst-checkpoint.py'), 'utf8');
const sstText = readFileSync(join(EXAMPLE, 'sst', 'restore.py'), 'utf8');

/** gem5's IniFile rules restated plainly (domain-spec §1.2): section → key → value after last assignment and appends. */
function iniModel(lines: string[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let section: Map<string, string> | null = null;
  for (const raw of lines.join('\n').split('\n')) {
    const t = raw.trim();
    if (!t) continue;
    if (t.startsWith('[') && t.endsWith(']')) {
      const name = t.slice(1, -1).trim();
      section = out.get(name) ?? new Map();
      out.set(name, section);
      continue;
    }
    const eq = t.indexOf('=');
    if (!section || eq < 0) continue; // preamble, or a line gem5 refuses
    let key = t.slice(0, eq);
    const append = key.endsWith('+');
    if (append) key = key.slice(0, -1);
    key = key.trim();
    const value = t.slice(eq + 1).trimStart();
    const prev = section.get(key);
    section.set(key, append && prev !== undefined ? `${prev} ${value}` : value);
  }
  return out;
}

/** Mutations that editing (and broken files) produce: deletions, insertions of brackets/quotes, truncation. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('(', ')', '[', ']', '{', '"', "'", '"""', ':', '\\', '\n', '\t', '    ', 'f"{', '#', '\0', '\uFFFF', 'é') }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
function mutate(text: string, ms: { kind: string; at: number; len?: number; text?: string }[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + (m.len ?? 1));
    else if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}

describe('property: hostile input never escapes the public APIs', function () {
  this.timeout(120000);

  it('the m5.cpt reader accepts any bytes and agrees with itself however the input is chunked', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat({ max: 2000 }), (bytes, cut) => {
      const buf = Buffer.from(bytes);
      const whole = new IniParser();
      whole.push(buf);
      const a = whole.end();
      const split = new IniParser();
      const c = Math.min(cut, buf.length);
      split.push(buf.subarray(0, c));
      split.push(buf.subarray(c));
      const b = split.end();
      assert.equal(a.notText === null, b.notText === null);
      if (!a.notText) {
        assert.deepEqual([...a.sections.keys()], [...b.sections.keys()]);
        assert.equal(a.badLineCount, b.badLineCount);
      }
    }), { numRuns: RUNS });
  });

  it('the m5.cpt reader on m5.cpt-like text: every key read back is in a section, last value wins', () => {
    const line = fc.oneof(fc.constantFrom('[board]', '[board.physmem.store0]', '', '   ', 'x', '=', 'k+=v'), fc.tuple(fc.stringMatching(/^[a-z_.]{1,8}$/), fc.string({ maxLength: 10 })).map(([k, v]) => `${k}=${v.replace(/[\r\n]/g, '')}`));
    fc.assert(fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
      const doc = parseIniText(lines.join('\n'));
      const read = new Map([...doc.sections].map(([name, s]) => [name, new Map([...s.entries].map(([k, e]) => [k, e.value]))]));
      assert.deepEqual(read, iniModel(lines));
    }), { numRuns: RUNS });
  });

  it('the config model never throws on mutated gem5 and SST scripts, and keeps its kind', () => {
    // The kind comes from the imports: while the text up to the last top-level import is untouched, it must not change.
    const importsEnd = (text: string) => text.lastIndexOf('\n', text.search(/^(?!import |from |#|\s*$).*/m) - 1) + 1;
    fc.assert(fc.property(fc.constantFrom(gem5Text, sstText), fc.array(mutation, { maxLength: 6 }), (text, ms) => {
      const mutated = mutate(text, ms);
      const m = analyzeScript('fuzz.py', mutated);
      const head = text.slice(0, importsEnd(text));
      if (mutated.startsWith(head) && head.length > 0) assert.equal(m.kind, text === gem5Text ? 'gem5' : 'sst');
      else assert.ok(['gem5', 'sst', 'other'].includes(m.kind));
    }), { numRuns: Math.max(20, RUNS / 4) });
  });

  it('the cmd tokenizer: tokens never contain a delimiter, and offsets point at the token text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
      const toks = tokenizeWithOffsets(s);
      for (const t of toks) {
        assert.ok(t.text.length > 0);
        assert.ok(!/[ '"\\]/.test(t.text));
        assert.equal(s.slice(t.start, t.end), t.text);
      }
      // Round trip: joining with spaces and tokenizing again gives the same tokens.
      assert.deepEqual(tokenizeCmd(toks.map((t) => t.text).join(' ')), toks.map((t) => t.text));
    }), { numRuns: RUNS });
  });

  it('argparse emulation never throws, and every given required option silences its error', () => {
    const options = (analyzeScript('g.py', gem5Text) as Gem5ScriptModel).options;
    const token = fc.oneof(fc.constantFrom(...options.flatMap((o) => o.flags)), fc.string({ maxLength: 12 }), fc.constantFrom('--', '-', '--cpu', '--cpu-type=timing', '-5', '--instance=x'));
    fc.assert(fc.property(fc.array(token, { maxLength: 20 }), (argv) => {
      const r = emulateArgparse(options, argv);
      for (const e of r.errors) assert.ok(e.message.length > 0);
      for (const o of options.filter((x) => x.required && r.givenAt.has(x.dest))) {
        assert.ok(!r.errors.some((e) => e.kind === 'required' && e.option === o));
      }
    }), { numRuns: RUNS });
  });

  it('argparse emulation: every given option says where its value came from, and that token holds the value', () => {
    const options = (analyzeScript('g.py', gem5Text) as Gem5ScriptModel).options;
    const token = fc.oneof(fc.constantFrom(...options.flatMap((o) => o.flags)), fc.string({ maxLength: 12 }), fc.constantFrom('--cpu-t=o3', '--take', '--instance=x', '-5', '--'));
    fc.assert(fc.property(fc.array(token, { maxLength: 20 }), (argv) => {
      const r = emulateArgparse(options, argv);
      assert.deepEqual([...r.sources.keys()].sort(), [...r.givenAt.keys()].sort());
      for (const [dest, s] of r.sources) {
        assert.equal(s.flagIndex, r.givenAt.get(dest));
        assert.equal(s.option.dest, dest);
        if (s.valueIndex !== null) assert.equal(argv[s.valueIndex].slice(s.valueStart), s.value);
      }
    }), { numRuns: RUNS });
  });

  it('the unit parsers return a result or an error for any string, never throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => {
      for (const r of [parseGem5Size(s), parseSstUnitAlgebra(s), parseStoull(s)]) assert.ok(r.ok ? 'value' in r : r.error.length > 0);
    }), { numRuns: RUNS });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 1n << 60n }), fc.constantFrom('B', 'KiB', 'MiB', 'GiB', 'kB', 'MB', 'GB'), (n, unit) => {
      const r = parseGem5Size(`${n}${unit}`);
      assert.ok(r.ok);
    }), { numRuns: RUNS });
  });

  it('gzip streams: whatever the content, the store reader gives back exactly the bytes (seek index included)', async () => {
    const { writeFile, mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { readStoreStraight } = await import('../../../server/src/checkpoint/pmemStream');
    const { buildSeekIndex, readWithIndex } = await import('../../../server/src/checkpoint/seekIndex');
    const dir = await mkdtemp(join(tmpdir(), 'fuzz-gz-'));
    try {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200000 }), fc.nat(), fc.nat({ max: 5000 }), async (bytes, at, len) => {
        const data = Buffer.from(bytes);
        const file = join(dir, 's.pmem');
        await writeFile(file, gzipSync(data, { level: 1 + (at % 9) }));
        const off = at % data.length;
        const n = Math.min(len, data.length - off);
        assert.ok((await readStoreStraight(file, BigInt(data.length), BigInt(off), n)).equals(data.subarray(off, off + n)));
        const index = await buildSeekIndex(file, { spanBytes: 4096 });
        assert.ok((await readWithIndex(index, off, n)).equals(data.subarray(off, off + n)));
      }), { numRuns: Math.max(10, RUNS / 10) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
