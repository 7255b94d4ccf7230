import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES, docsUrl } from '../../server/src/protocol/codes';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

describe('rule documentation', () => {
  it('every code has a page with What, Why, How to fix and Example, linked by its diagnostics', () => {
    for (const [code, info] of CODES) {
      const file = join(DOCS, `${code}.md`);
      assert.ok(existsSync(file), `${code}.md`);
      const text = readFileSync(file, 'utf8');
      assert.ok(text.startsWith(`# ${code} — ${info.title}`), code);
      for (const h of ['## What', '## Why', '## How to fix', '## Example']) assert.ok(text.includes(h), `${code} ${h}`);
      assert.ok(docsUrl(code).endsWith(`docs/rules/${code}.md`));
    }
  });

  it('the index lists every code', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const code of CODES.keys()) assert.ok(index.includes(`[${code}](${code}.md)`), code);
  });
});
