import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const grammar = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'syntaxes', 'm5cpt.tmLanguage.json'), 'utf8'));
const repo = grammar.repository;

describe('m5.cpt TextMate grammar', () => {
  it('every regex compiles', () => {
    const all: string[] = [];
    const walk = (o: unknown) => {
      if (!o || typeof o !== 'object') return;
      for (const [k, v] of Object.entries(o)) {
        if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') all.push(v);
        else walk(v);
      }
    };
    walk(grammar);
    assert.ok(all.length >= 6);
    for (const r of all) assert.doesNotThrow(() => new RegExp(r), r);
  });

  it('scopes section headers, keys, appends and the generated header', () => {
    const section = new RegExp(repo.section.match).exec('[board.physmem.store0]');
    assert.equal(section?.[2], 'board.physmem.store0');
    assert.equal(new RegExp(repo.section.match).exec('[not a header'), null);
    const entry = new RegExp(repo.entry.begin).exec('range_size=2147483648');
    assert.deepEqual([entry?.[1], entry?.[2]], ['range_size', '=']);
    assert.deepEqual(new RegExp(repo.entry.begin).exec('regs.integer+=1 2')?.slice(1, 3), ['regs.integer', '+=']);
    assert.ok(new RegExp(repo.header.match).test('## checkpoint generated: Wed Mar  6 10:21:07 2024'));
  });

  it('marks numbers, hex and booleans inside values', () => {
    const [num, , bool] = [repo.entry.patterns[1].match, repo.entry.patterns[0].match, repo.entry.patterns[2].match];
    assert.deepEqual('0 0 128 16'.match(new RegExp(num, 'g')), ['0', '0', '128', '16']);
    assert.deepEqual('false true'.match(new RegExp(bool, 'g')), ['false', 'true']);
    assert.equal('board.physmem.store0.pmem'.match(new RegExp(num, 'g')), null, 'digits inside a file name are not numbers');
  });
});
