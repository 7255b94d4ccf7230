/**
 * The layering a newcomer can rely on, checked on the import statements themselves:
 *  - server/src/protocol/ is the bottom layer both sides share: it imports only itself and npm packages (no node
 *    built-ins either: the webview bundles part of it for the browser);
 *  - the extension (client/) and the webview reach server code only through its public modules, listed in PUBLIC.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');

/**
 * Server modules the client and the webview may import: the protocol (messages, settings, shared shapes) and the
 * checkpoint engine's public face. Anything else under server/src is internal to the server.
 */
const PUBLIC = [/^server\/src\/protocol\/[^/]+$/, /^server\/src\/checkpoint\/index$/];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every module specifier of a file: imports, re-exports, dynamic imports. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** A relative specifier as a path from the repository root, without extension or `/index` added. */
function target(file: string, spec: string): string {
  return relative(ROOT, resolve(dirname(file), spec)).split('\\').join('/').replace(/\.(ts|js)$/, '');
}

describe('module boundaries', () => {
  it('protocol/ imports only protocol/ and npm packages', () => {
    const bad: string[] = [];
    const files = tsFiles(join(ROOT, 'server/src/protocol'));
    assert.ok(files.length > 5, 'the protocol folder was found');
    for (const file of files) {
      for (const spec of importsOf(file)) {
        const ok = spec.startsWith('.') ? target(file, spec).startsWith('server/src/protocol/') : !spec.startsWith('node:') && !spec.startsWith('/');
        if (!ok) bad.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('client/ and webview/ import server code only through its public modules', () => {
    const bad: string[] = [];
    let reached = 0;
    for (const file of [...tsFiles(join(ROOT, 'client/src')), ...tsFiles(join(ROOT, 'webview/src'))]) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const t = target(file, spec);
        if (!t.startsWith('server/')) continue;
        reached++;
        if (!PUBLIC.some((p) => p.test(t.replace(/^server\/src\/checkpoint$/, 'server/src/checkpoint/index')))) bad.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.ok(reached > 10, 'the client imports server code at all (the test sees its imports)');
    assert.deepEqual(bad, []);
  });

  it('the check itself catches an import of a server internal', () => {
    const t = target(join(ROOT, 'client/src/x.ts'), '../../server/src/checkpoint/replaceImage');
    assert.ok(!PUBLIC.some((p) => p.test(t)));
    assert.ok(PUBLIC.some((p) => p.test(target(join(ROOT, 'client/src/x.ts'), '../../server/src/protocol/lsp'))));
  });
});
