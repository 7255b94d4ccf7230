import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO, ensureBuilt } from '../support/cli';

describe('packaged extension contents (vsce ls)', function () {
  this.timeout(120000);
  it('lists only the manifest, docs, grammar, media and the bundles (client, server, seek-index worker, explorer and Restore plan webviews) (no sources, maps, tests or examples)', () => {
    ensureBuilt();
    const r = spawnSync(process.execPath, [join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
    const unexpected = files.filter((f) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|syntaxes\/m5cpt\.[\w.-]+\.json|media\/[\w/.-]+\.(svg|md|png)|docs\/rules\/(GS\d{3}|README)\.md|out\/client\/extension\.js|out\/server\/(server|serverMain)\.js|out\/worker\/seekIndexWorker\.js|out\/webview\/(main|restorePlan)\.(js|css))$/.test(f));
    assert.deepEqual(unexpected, []);
    for (const f of ['package.json', 'out/client/extension.js', 'out/server/server.js', 'out/server/serverMain.js', 'out/worker/seekIndexWorker.js', 'out/webview/main.js', 'out/webview/main.css', 'out/webview/restorePlan.js', 'out/webview/restorePlan.css', 'syntaxes/m5cpt.tmLanguage.json', 'docs/rules/GS202.md']) {
      assert.ok(files.includes(f), f);
    }
  });
});
