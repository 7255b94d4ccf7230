import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Rule {
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly name?: string;
  readonly captures?: Readonly<Record<string, { readonly name: string }>>;
  readonly beginCaptures?: Readonly<Record<string, { readonly name: string }>>;
  readonly patterns?: readonly { readonly include?: string }[];
}
interface Grammar {
  readonly scopeName: string;
  readonly repository: Readonly<Record<string, Rule>>;
}

const ROOT = join(__dirname, '..', '..', '..');
const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'm5cpt.tmLanguage.json'), 'utf8')) as Grammar;
const repo = grammar.repository;

function rule(name: string): Rule {
  const found = repo[name];
  assert.ok(found, `grammar has repository rule ${name}`);
  return found;
}
function regex(source: string | undefined, flags = ''): RegExp {
  assert.ok(source !== undefined);
  return new RegExp(source, flags);
}

/** Every regex string anywhere in the grammar, so none can slip past the compile check. */
function allRegexes(node: unknown, out: string[] = []): string[] {
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') out.push(value);
      else allRegexes(value, out);
    }
  }
  return out;
}

/** Value tokens in TextMate order: at each position the earliest match wins, ties go to the first pattern. */
function valueTokens(value: string): [string, string][] {
  const patterns = (rule('value').patterns ?? []).map((p) => rule((p.include ?? '').slice(1)));
  const tokens: [string, string][] = [];
  let pos = 0;
  for (;;) {
    let best: { index: number; text: string; scope: string } | undefined;
    for (const p of patterns) {
      const re = regex(p.match, 'g');
      re.lastIndex = pos;
      const m = re.exec(value);
      if (m && (!best || m.index < best.index)) best = { index: m.index, text: m[0], scope: p.name ?? '' };
    }
    if (!best) return tokens;
    tokens.push([best.text, best.scope]);
    pos = best.index + best.text.length;
  }
}

/** Line-by-line walk mirroring the grammar's structure: preamble until the first header, then sections. */
function classify(text: string): string[] {
  let inSection = false;
  return text.split('\n').map((line) => {
    if (regex(rule('section').begin).test(line)) {
      inSection = true;
      return 'section';
    }
    if (!inSection) return regex(rule('preamble').match).test(line) ? 'comment' : 'blank';
    if (regex(rule('entry').begin).test(line)) return 'entry';
    return regex(rule('invalid-line').match).test(line) ? 'invalid' : 'blank';
  });
}

const SAMPLE = [
  '## checkpoint generated: Wed Mar  6 10:21:07 2024',
  '',
  '[root]',
  'FullSystem=true',
  'isa=arm',
  '',
  '[root.globals]',
  'curTick=2000000000000',
  'version_tags=arm-ccregs arm-contextidr-el2 arm-gem-v8 arm-gicv2-banked-regs',
  '',
  '[board.processor.cores0.core]',
  '',
  '[board.processor.cores0.core.xc.0]',
  'regs.integer=0 0 128 16 4294967295',
  'regs.integer+=1 2',
  'pc=0x80000000',
  'ratio=1.5 1e+06 -3',
  '',
  '[board.physmem.store0]',
  'store_id=0',
  'filename=board.physmem.store0.pmem',
  'range_size=2147483648',
  'empty=',
  '',
  '[board.cache_hierarchy.l2cache.tags]',
  'bad_checkpoint=false',
].join('\n');

describe('m5.cpt TextMate grammar', () => {
  it('declares scopeName source.m5cpt and every regex compiles as a JavaScript RegExp', () => {
    assert.equal(grammar.scopeName, 'source.m5cpt');
    const sources = allRegexes(grammar);
    assert.ok(sources.length >= 8, `found ${sources.length} regexes`);
    for (const source of sources) assert.doesNotThrow(() => new RegExp(source), source);
  });

  it('scopes a section header name as entity.name.section, including dotted SimObject paths', () => {
    const section = rule('section');
    const m = regex(section.begin).exec('  [board.physmem.store0]  ');
    assert.equal(m?.[2], 'board.physmem.store0');
    assert.match(section.beginCaptures?.['2']?.name ?? '', /^entity\.name\.section/);
    assert.equal(regex(section.begin).exec('[not a header'), null);
    assert.equal(regex(section.begin).exec('key=[1]x'), null);
  });

  it('splits key=value and key+=value into a variable key and an assignment operator', () => {
    const begin = regex(rule('entry').begin);
    assert.deepEqual(begin.exec('range_size=2147483648')?.slice(1, 3), ['range_size', '=']);
    assert.deepEqual(begin.exec('regs.integer+=1 2')?.slice(1, 3), ['regs.integer', '+=']);
    assert.deepEqual(begin.exec('  curTick = 5')?.slice(1, 3), ['curTick', '=']);
    assert.deepEqual(begin.exec('empty=')?.slice(1, 3), ['empty', '=']);
    assert.equal(begin.exec('edited by hand'), null);
  });

  it('marks decimal and floating numbers, hex and booleans in values but not digits inside file names', () => {
    assert.deepEqual(valueTokens('0 0 128 16 -3 1.5 1e+06').map(([, s]) => s.split('.')[1]), Array(7).fill('numeric'));
    assert.deepEqual(valueTokens('0x80000000'), [['0x80000000', 'constant.numeric.hex.m5cpt']]);
    assert.deepEqual(valueTokens('true false'), [
      ['true', 'constant.language.boolean.m5cpt'],
      ['false', 'constant.language.boolean.m5cpt'],
    ]);
    assert.deepEqual(valueTokens('board.physmem.store0.pmem'), [['board.physmem.store0.pmem', 'string.unquoted.m5cpt']]);
    assert.deepEqual(valueTokens('arm-gem-v8 x86-64'), [
      ['arm-gem-v8', 'string.unquoted.m5cpt'],
      ['x86-64', 'string.unquoted.m5cpt'],
    ]);
  });

  it('treats the ## header as a comment only before the first section and flags a line without = inside one', () => {
    const kinds = classify(SAMPLE);
    assert.equal(kinds[0], 'comment');
    assert.equal(kinds.filter((k) => k === 'section').length, 6);
    assert.equal(kinds.filter((k) => k === 'invalid').length, 0);
    assert.equal(kinds.filter((k) => k === 'entry').length, 13);
    const broken = classify('## preamble\nfree text\n[root]\nFullSystem=true\n## not a comment here\nedited by hand');
    assert.deepEqual(broken, ['comment', 'comment', 'section', 'entry', 'invalid', 'invalid']);
    assert.match(rule('invalid-line').captures?.['1']?.name ?? '', /^invalid\.illegal/);
  });

  it('offers no line comment in the language configuration, since a commented line inside a section breaks gem5', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'm5cpt.language-configuration.json'), 'utf8')) as {
      comments?: unknown;
      brackets?: unknown;
    };
    assert.equal(config.comments, undefined);
    assert.deepEqual(config.brackets, [['[', ']']]);
  });

  it('is contributed in package.json as language m5cpt for files named m5.cpt', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes?: {
        languages?: { id: string; filenames?: string[]; aliases?: string[] }[];
        grammars?: { language: string; scopeName: string; path: string }[];
      };
    };
    const lang = pkg.contributes?.languages?.find((l) => l.id === 'm5cpt');
    assert.ok(lang?.filenames?.includes('m5.cpt'));
    assert.ok(lang?.aliases?.includes('gem5 checkpoint'));
    const g = pkg.contributes?.grammars?.find((x) => x.language === 'm5cpt');
    assert.equal(g?.scopeName, 'source.m5cpt');
    assert.equal(g?.path, './syntaxes/m5cpt.tmLanguage.json');
  });
});
