/**
 * Real scripts from ../shared/corpus (read-only, beside the clone on CI): the plain SST memHierarchy tests of
 * sst-elements have no gem5 anywhere, so no rule has a reason to warn. Skipped when the corpus is absent.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';

/** ../shared beside the repository; GEM5SST_SHARED points elsewhere (e.g. a worktree outside the clone's parent). */
const SHARED = process.env.GEM5SST_SHARED ?? join(__dirname, '..', '..', '..', '..', 'shared');
const SST_ELEMENTS = join(SHARED, 'corpus', 'sst-elements-memHierarchy-tests');

describe('real plain-SST scripts (sst-elements memHierarchy tests)', function () {
  this.timeout(60000);

  it('report no error and no warning: no gem5 side reads their sizes', async function () {
    if (!existsSync(SST_ELEMENTS)) this.skip();
    const engine = createWorkspaceEngine([SST_ELEMENTS]);
    const findings = [...(await engine.findingsAll()).values()].flat().filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.ok(engine.modelFor(join(SST_ELEMENTS, 'testBackendSimpleDRAM-1.py'))?.kind === 'sst', 'the corpus scripts are read as SST scripts');
    assert.deepEqual(findings.map((f) => `${f.code} ${relative(SST_ELEMENTS, f.file)}:${f.span.start.line + 1} ${f.message}`), []);
  });
});
