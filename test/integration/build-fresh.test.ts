/** The integration tests run the bundles in out/: ensureBuilt() rebuilds them whenever they were not built from the current sources. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO, ensureBuilt, sourcesHash } from '../support/cli';

const STAMP = join(REPO, 'out', '.sources.sha256');
/** ensureBuilt() in a fresh process (the check runs once per process). */
const ensureBuiltInChild = () => execFileSync(process.execPath, ['--import=tsx', '-e', `require(${JSON.stringify(join(REPO, 'test', 'support', 'cli.ts'))}).ensureBuilt()`], { cwd: REPO, stdio: 'pipe' });

describe('integration tests use bundles built from the current sources', function () {
  this.timeout(120000);

  it('a bundle that is not from the current sources is rebuilt; a fresh one is left alone', () => {
    ensureBuilt();
    assert.equal(readFileSync(STAMP, 'utf8').trim(), sourcesHash());
    // Pretend out/ came from other sources: a stale stamp and a bundle that is not what esbuild writes.
    appendFileSync(CLI, '\n// stale bundle\n');
    writeFileSync(STAMP, 'from-other-sources\n');
    ensureBuiltInChild();
    assert.ok(!readFileSync(CLI, 'utf8').includes('// stale bundle'), 'the stale bundle was rebuilt');
    assert.equal(readFileSync(STAMP, 'utf8').trim(), sourcesHash());
    const built = statSync(CLI).mtimeMs;
    ensureBuiltInChild();
    assert.equal(statSync(CLI).mtimeMs, built, 'a bundle built from these sources is not rebuilt');
  });
});
