import assert from 'node:assert/strict';
import { MAX_READ_BYTES, parseViewToHost } from '../../../server/src/protocol/webview';
import { explorerHtml } from '../../../client/src/explorer/html';

describe('explorer message validation', () => {
  it('accepts the documented messages', () => {
    assert.deepEqual(parseViewToHost({ v: 1, type: 'read', requestId: 3, target: { addr: '0x100000000' }, length: 256 }),
      { v: 1, type: 'read', requestId: 3, target: { addr: '0x100000000' }, length: 256 });
    assert.ok(parseViewToHost({ v: 1, type: 'read', requestId: 3, target: { store: 0, offset: '0x10' }, length: 16 }));
    assert.ok(parseViewToHost({ v: 1, type: 'action', action: 'verify' }));
    assert.ok(parseViewToHost({ v: 1, type: 'openLine', line: 12 }));
  });

  it('drops anything else: wrong version, unknown type, paths, oversized reads, extra target keys, bad hex', () => {
    const bad: unknown[] = [
      null, 'read', { type: 'ready' }, { v: 2, type: 'ready' }, { v: 1, type: 'readFile', path: '/etc/passwd' },
      { v: 1, type: 'read', requestId: 1, target: { addr: '0x0' }, length: MAX_READ_BYTES + 1 },
      { v: 1, type: 'read', requestId: 1, target: { addr: '0x0', path: '../x' }, length: 16 },
      { v: 1, type: 'read', requestId: 1, target: { addr: '1; rm -rf /' }, length: 16 },
      { v: 1, type: 'read', requestId: -1, target: { addr: '0x0' }, length: 16 },
      { v: 1, type: 'read', requestId: 1, target: { store: 0, offset: '0x10000000000000000' }, length: 16 },
      { v: 1, type: 'action', action: 'runShell' }, { v: 1, type: 'openLine', line: 0 },
    ];
    for (const m of bad) assert.equal(parseViewToHost(m), null, JSON.stringify(m));
  });
});

describe('explorer HTML shell', () => {
  it('sets a strict CSP: nothing by default, scripts only with the nonce, no inline or remote content', () => {
    const html = explorerHtml({ cspSource: 'vscode-webview://abc', scriptUri: 'vscode-webview://abc/main.js', styleUri: 'vscode-webview://abc/main.css', nonce: 'N0nce123', title: 'x' });
    const csp = /content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0nce123'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https:|\*/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script type="module" nonce="N0nce123" src="vscode-webview:\/\/abc\/main.js">/);
  });
});
