/**
 * A real gem5 checkout (the darchr branch from ../shared/corpus, copied) in the packaged extension, as a new user
 * would open it: no error notification, the Problems panel lists the checkout's findings before any file is opened,
 * and the language status says what was understood of restore/arm_restore.py. Skipped when the corpus is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { createWorkspaceEngine } from '../../server/src/workspace/engine';
import { fileStatus } from '../../server/src/lsp/status';
import { sharedCorpus } from '../support/sharedCorpus';
import { errorNotifications, fetchAllTasks, lap, startVSCode, type VSCodeInstance } from './harness';

const VSIX = process.env.E2E_VSIX;
const CORPUS = sharedCorpus('darchr-gem5-kg');
const skip = CORPUS ? false : 'the shared corpus (../shared/corpus/darchr-gem5-kg) is not beside the clone';
let vs: VSCodeInstance;
let page: Page;

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    await vs.shot(name);
  } catch (e) {
    await vs.shot(`FAILED-${name}`);
    throw e;
  }
}

before(async () => {
  if (!CORPUS) return;
  assert.ok(VSIX && existsSync(VSIX), 'E2E_VSIX must name the packaged extension (npm run test:e2e builds it)');
  vs = await startVSCode({ name: 'corpus', workspace: CORPUS, vsix: VSIX });
  page = vs.page;
  await page.goto(vs.url());
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  lap('corpus workbench loaded');
});
after(async () => { await vs?.stop(); });

test('the checkout opens with no error notification, also once every task provider was asked for its tasks', { skip, timeout: 120_000 }, async () => {
  await step('no-error-notification', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'disaggregated_memory' }).first().waitFor({ timeout: 30_000 });
    await fetchAllTasks(page);
    assert.deepEqual(await errorNotifications(page), []);
  });
});

test('the Problems panel lists the checkout\'s findings without opening a file', { skip, timeout: 120_000 }, async () => {
  await step('problems-unopened', async () => {
    await page.keyboard.press('Control+Shift+M');
    for (const code of ['GS101', 'GS102']) {
      await page.locator('.markers-panel .monaco-list-row', { hasText: code }).first().waitFor({ timeout: 60_000 });
    }
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'arm_example.py' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.tabs-container .tab').count(), 0, 'no editor was opened');
    lap('Problems lists the corpus findings');
  });
});

test('the language status on restore/arm_restore.py names its gem5 node', { skip, timeout: 120_000 }, async (t: TestContext) => {
  // Whether the model sees the node built with gem5_nodes.append(...) (the new interpreter does); until then the
  // status reports it as not followed, and this check is a TODO rather than a failure.
  const file = join(vs.workspace, 'ext', 'sst', 'sst', 'restore', 'arm_restore.py');
  const engine = createWorkspaceEngine([vs.workspace]);
  const seen = fileStatus(file, engine.modelFor(file), await engine.runsFor(file), readFileSync(file, 'utf8'));
  const modelSeesNode = [...seen.resolved, ...seen.unfollowed].some((n) => n.name === 'gem5_node_0');
  if (!modelSeesNode) t.todo('the SST model does not see nodes created with gem5_nodes.append(...) yet');
  await step('status-arm-restore', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('arm_restore.py');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'arm_restore.py' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'arm_restore.py' }).first().waitFor({ timeout: 30_000 });
    const indicator = page.locator('[id="status.languageStatus"]');
    await indicator.waitFor({ timeout: 30_000 });
    const hover = page.locator('.monaco-hover', { hasText: 'SST script' });
    for (let i = 0; i < 10 && !(await hover.isVisible()); i++) {
      await indicator.click();
      await hover.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await vs.shot('status-hover');
    const text = await hover.innerText();
    lap(`language status: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    assert.match(text, /Open graph output/);
    assert.match(text, /gem5_node_0/);
  });
});
