import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES, DOCS_BASE_URL, docsUrl, isCode } from '../../../server/src/protocol/codes';

const DOCS = join(__dirname, '..', '..', '..', 'docs', 'rules');
const HEADINGS = ['## What', '## Why', '## How to fix', '## Example'] as const;

/** The text under one "## Heading" up to the next heading of the same level. */
function sectionBody(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = text.slice(start + heading.length + 2);
  const next = rest.search(/^## /m);
  return (next < 0 ? rest : rest.slice(0, next)).trim();
}

describe('rule documentation pages (docs/rules)', () => {
  it('docsUrl() points into docs/rules/<code>.md, the path the pages live at', () => {
    assert.ok(DOCS_BASE_URL.endsWith('/docs/rules/'));
    for (const code of CODES.keys()) assert.equal(docsUrl(code), `${DOCS_BASE_URL}${code}.md`);
  });

  for (const [code, info] of CODES) {
    it(`${code} has a page titled from codes.ts, its default severity and non-empty What/Why/How to fix/Example`, () => {
      const file = join(DOCS, `${code}.md`);
      assert.ok(existsSync(file), `missing docs/rules/${code}.md`);
      const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
      assert.equal(text.split('\n')[0], `# ${code} — ${info.title}`);
      assert.match(text, new RegExp(`^Default severity: \\*\\*${info.severity}\\*\\*$`, 'm'));
      let last = -1;
      for (const heading of HEADINGS) {
        const at = text.indexOf(`\n${heading}\n`);
        assert.ok(at > last, `${code}: "${heading}" present and in order`);
        last = at;
        assert.ok(sectionBody(text, heading).length > 0, `${code}: "${heading}" has text`);
      }
      assert.match(sectionBody(text, '## Example'), /```/, `${code}: Example holds a code block`);
    });
  }

  it('has no page for a code that codes.ts does not define', () => {
    const pages = readdirSync(DOCS).filter((f) => /^GS\d+\.md$/.test(f));
    const stale = pages.filter((f) => !isCode(f.slice(0, -3)));
    assert.deepEqual(stale, []);
  });

  it('indexes every code in README.md with its severity, title and link', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const [code, info] of CODES) {
      assert.ok(index.includes(`| [${code}](${code}.md) | ${info.severity} | ${info.title} |`), code);
    }
  });
});
