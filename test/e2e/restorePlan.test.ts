/**
 * The Restore plan in the real workbench: the example's SST script with a planted GS202 (SST memory 4 GiB, remote
 * window ends at 5 GiB); the "Restore plan" CodeLens opens the panel with the graph and the address map; a click on the
 * mismatch in the plan moves the editor's selection to that diagnostic's line.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { ARTIFACTS, lap, startVSCode, type VSCodeInstance } from './harness';
import { exampleWorkspace, replaceIn } from './workspace';

const VSIX = process.env.E2E_VSIX;
let vs: VSCodeInstance;
let page: Page;
let mismatchLine: number;

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    await vs.shot(name);
  } catch (e) {
    await vs.shot(`FAILED-${name}`);
    throw e;
  }
}

const planFrame = (): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

before(async () => {
  assert.ok(VSIX && existsSync(VSIX), 'E2E_VSIX must name the packaged extension (npm run test:e2e builds it)');
  const ws = await exampleWorkspace({ plant: (root) => replaceIn(join(root, 'sst', 'restore.py'), 'sst_memory_size = "5GiB"', 'sst_memory_size = "4GiB"') });
  const text = readFileSync(join(ws, 'sst', 'restore.py'), 'utf8').split('\n');
  mismatchLine = text.findIndex((l) => l.includes('"mem_size": sst_memory_size')) + 1;
  vs = await startVSCode({ name: 'restorePlan', workspace: ws, vsix: VSIX });
  page = vs.page;
  await page.goto(vs.url());
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  lap('workbench loaded');
});
after(async () => { await vs?.stop(); });

test('the Restore plan CodeLens opens the plan, and a click on its mismatch selects the diagnostic in the editor', { timeout: 180_000 }, async () => {
  await step('plan-open', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sst' }).first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'restore.py' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'sst_memory_size' }).waitFor({ timeout: 30_000 });
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Restore plan' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    const frame = planFrame();
    await frame.locator('svg.graph .box.gem5').first().waitFor({ timeout: 60_000 });
    await frame.locator('svg.address-map .lane').first().waitFor({ timeout: 10_000 });
    await frame.locator('.mismatch-item', { hasText: 'GS202' }).first().waitFor({ timeout: 60_000 });
    assert.ok(await page.locator('.tab', { hasText: 'Restore plan — restore.py' }).first().isVisible());
    await new Promise((r) => setTimeout(r, 500)); // the fit runs after the first paint
    await page.screenshot({ path: join(ARTIFACTS, 'restore-plan.png') });
    lap('plan shown');
  });
  await step('mismatch-clicked', async () => {
    await planFrame().locator('.mismatch-item', { hasText: 'GS202' }).first().click();
    const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
    await selection.filter({ hasText: new RegExp(`^Ln ${mismatchLine}, Col \\d+`) }).waitFor({ timeout: 20_000 });
    assert.match((await selection.textContent()) ?? '', /selected/); // the diagnostic's range, not just a caret
    lap(`selection at line ${mismatchLine}`);
  });
  await step('live-update', async () => {
    // The fix typed in the editor reaches the plan without reopening it.
    await page.keyboard.press('Control+H');
    const find = page.locator('.find-widget .find-part textarea, .find-widget .find-part input').first();
    await find.fill('sst_memory_size = "4GiB"');
    const replace = page.locator('.find-widget .replace-part textarea, .find-widget .replace-part input').first();
    await replace.fill('sst_memory_size = "5GiB"');
    await page.keyboard.press('Control+Alt+Enter');
    await planFrame().locator('text=None: the rules report no range mismatch for this restore.').waitFor({ timeout: 30_000 });
    lap('plan updated after the edit');
  });
});

test('"Restore Plan with…" on a checkpoint in the Checkpoints view shows the plan with what retarget would change', { timeout: 120_000 }, async () => {
  await step('plan-with-checkpoint', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Focus on Checkpoints View');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Focus on Checkpoints View' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'm5out/take_0/checkpoint' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: 'Restore Plan with…' }).first();
    await item.click();
    // A click that lands while the context menu is still settling only highlights the item: activate it by key then.
    await page.waitForTimeout(500);
    if (await item.isVisible().catch(() => false)) {
      await item.hover();
      await page.keyboard.press('Enter');
    }
    // The workspace has one SST script: it is chosen without a pick, and its open panel now shows the checkpoint.
    await planFrame().locator('section.retarget h2', { hasText: 'With checkpoint take_0/checkpoint' }).waitFor({ timeout: 60_000 });
    lap('plan with checkpoint shown');
  });
});

test('after a window reload the panel comes back with its script and the checkpoint it was opened with', { timeout: 180_000 }, async () => {
  await step('plan-after-reload', async () => {
    // The workbench's own reload saves the editors' state (the webview's saved state with them) before it reloads;
    // VS Code then restores the panel through its serializer.
    await page.waitForTimeout(1000);
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Developer: Reload Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: 15_000 });
    await Promise.all([page.waitForEvent('load', { timeout: 90_000 }), page.keyboard.press('Enter')]);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.tab', { hasText: 'Restore plan — restore.py' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.tab', { hasText: 'Restore plan — restore.py' }).first().click();
    await planFrame().locator('section.retarget h2', { hasText: 'With checkpoint take_0/checkpoint' }).waitFor({ timeout: 90_000 });
    await planFrame().locator('svg.graph .box.gem5').first().waitFor({ timeout: 30_000 });
    lap('plan restored with its checkpoint');
  });
});
