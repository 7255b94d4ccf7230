import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IniParser, parseIniFile, parseIniText } from '../../../server/src/checkpoint/iniReader';

describe('m5.cpt reader (gem5 IniFile rules, domain-spec §1.2)', () => {
  it('ignores preamble lines before the first section and keeps the generated header', () => {
    const doc = parseIniText('## checkpoint generated: Wed Mar  6 10:21:07 2024\nfree text without equals\n\n[root]\nFullSystem=true\n');
    assert.equal(doc.preamble[0], '## checkpoint generated: Wed Mar  6 10:21:07 2024');
    assert.equal(doc.badLineCount, 0);
    assert.equal(doc.sections.get('root')?.entries.get('FullSystem')?.value, 'true');
  });

  it('trims leading and trailing whitespace around headers, keys and values', () => {
    const doc = parseIniText('   [ board.physmem ]   \r\n  nbr_of_stores =  2  \r\n');
    const entry = doc.sections.get('board.physmem')?.entries.get('nbr_of_stores');
    assert.equal(entry?.value, '2');
    assert.equal(entry?.line, 2);
  });

  it('lets a repeated key override (last wins) and counts the repeats', () => {
    const doc = parseIniText('[s]\nk=1\nk=2\nk=3\n');
    const e = doc.sections.get('s')!.entries.get('k')!;
    assert.deepEqual([e.value, e.count, e.firstLine, e.line], ['3', 3, 2, 4]);
  });

  it('appends with a space for key+=value', () => {
    const doc = parseIniText('[s]\nk=a b\nk+=c\n');
    assert.equal(doc.sections.get('s')!.entries.get('k')!.value, 'a b c');
  });

  it('keeps empty sections and empty values', () => {
    const doc = parseIniText('[board.remote_memory]\n\n[board.physmem]\nlal_addr=\n');
    assert.equal(doc.sections.get('board.remote_memory')!.entries.size, 0);
    assert.equal(doc.sections.get('board.physmem')!.entries.get('lal_addr')!.value, '');
  });

  it('reports a non-empty line without = inside a section with its 1-based line number (gem5 refuses the file)', () => {
    const doc = parseIniText('[root]\nFullSystem=true\nthis line is broken\n[root.globals]\ncurTick=1\n');
    assert.equal(doc.badLineCount, 1);
    assert.deepEqual(doc.badLines[0], { line: 3, section: 'root', text: 'this line is broken' });
    assert.equal(doc.sections.get('root.globals')!.entries.get('curTick')!.value, '1', 'parsing continues after a bad line');
  });

  it('treats a line starting with [ but not ending with ] as an entry line, not a header', () => {
    const doc = parseIniText('[s]\n[not a header\n');
    assert.equal(doc.badLineCount, 1);
    assert.equal(doc.sections.size, 1);
  });

  it('handles lines split across chunk boundaries identically to one chunk', () => {
    const text = '[a.b]\nkey=value one\nother=2\n[c]\nx=y';
    const whole = parseIniText(text);
    for (let cut = 1; cut < text.length; cut++) {
      const p = new IniParser();
      p.push(Buffer.from(text.slice(0, cut)));
      p.push(Buffer.from(text.slice(cut)));
      const split = p.end();
      assert.deepEqual([...split.sections.keys()], [...whole.sections.keys()], `cut at ${cut}`);
      assert.equal(split.sections.get('c')!.entries.get('x')!.value, 'y');
      assert.equal(split.sections.get('a.b')!.entries.get('key')!.value, 'value one');
    }
  });

  it('stops on binary garbage (NUL bytes) with a clear reason instead of producing sections', () => {
    const p = new IniParser();
    p.push(Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0xff, 0x13, 0x0a, 0x6b, 0x3d, 0x31]));
    const doc = p.end();
    assert.match(doc.notText ?? '', /NUL bytes/);
  });

  it('keeps memory bounded for millions of repeated data= lines: one entry with a count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ini-'));
    try {
      const path = join(dir, 'm5.cpt');
      await writeFile(path, '[board.remote_memory.remoteMemoryStore_0]\nnumMemoryBlocks=200000\n' + 'data=0\n'.repeat(200000));
      const doc = await parseIniFile(path);
      const e = doc.sections.get('board.remote_memory.remoteMemoryStore_0')!.entries.get('data')!;
      assert.equal(e.count, 200000);
      assert.equal(e.firstLine, 3);
      assert.equal(e.line, 200002);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
