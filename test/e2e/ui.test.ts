/**
 * UI tests: the packaged extension in the real workbench, driven like a user with the keyboard and mouse.
 * The workspace is the example with one planted defect (SST memory written as "5GB") and a stand-in gem5.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { errorNotifications, fetchAllTasks, lap, startVSCode, type VSCodeInstance } from './harness';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildFakeGem5, buildFakeSst, exampleWorkspace, replaceIn } from './workspace';

const VSIX = process.env.E2E_VSIX;
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

async function command(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

function explorerFrame(): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

before(async () => {
  assert.ok(VSIX && existsSync(VSIX), 'E2E_VSIX must name the packaged extension (npm run test:e2e builds it)');
  const gem5 = buildFakeGem5();
  const sst = buildFakeSst();
  const ws = await exampleWorkspace({ gem5, sst, plant: (root) => replaceIn(join(root, 'sst', 'restore.py'), 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"') });
  vs = await startVSCode({ name: 'ui', workspace: ws, vsix: VSIX });
  page = vs.page;
  await page.goto(vs.url());
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  lap('workbench loaded');
});
after(async () => { await vs?.stop(); });

test('the example workspace opens with no error notification, also once every task provider was asked for its tasks', { timeout: 120_000 }, async () => {
  await step('no-error-notification', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sst' }).first().waitFor({ timeout: 30_000 });
    await fetchAllTasks(page);
    assert.deepEqual(await errorNotifications(page), []);
    lap('no error notification');
  });
});

test('the Problems panel shows the planted defect with its rule code', { timeout: 120_000 }, async () => {
  await step('problems', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sst' }).first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'restore.py' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'sst_memory_size' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS202' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS204' }).first().waitFor({ timeout: 10_000 });
    lap('Problems shows GS202 and GS204');
  });
});

test('applying the quick fix from the editor clears the problem', { timeout: 120_000 }, async () => {
  await step('quickfix', async () => {
    // Double-click opens the problem's location with the focus in the editor; Ctrl+. then lists its quick fixes.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS204' }).first().dblclick();
    await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10_000 });
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Use "5GiB"' }).first();
    for (let attempt = 0; attempt < 3 && !(await item.isVisible()); attempt++) {
      await page.keyboard.press('Control+.');
      await item.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await item.waitFor({ timeout: 5_000 });
    await vs.shot('quickfix-menu');
    await page.keyboard.press('Enter'); // the fix is focused in the menu ("Enter to Apply")
    await page.locator('.monaco-editor .view-lines', { hasText: 'sst_memory_size = "5GiB"' }).waitFor({ timeout: 10_000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS20' }).first().waitFor({ state: 'detached', timeout: 30_000 });
    lap('quick fix applied, problems gone');
  });
});

test('the checkpoint explorer opens from the tree view and shows the stores and the hex bytes', { timeout: 120_000 }, async () => {
  await step('explorer', async () => {
    await command('Focus on Checkpoints View');
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'm5out/take_0/checkpoint' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const frame = explorerFrame();
    await frame.locator('text=store0 · remote').first().waitFor({ timeout: 30_000 });
    await frame.locator('text=store1 · local').first().waitFor();
    await vs.shot('explorer-memory-map');
    await frame.locator('vscode-panel-tab#tab-hex').click();
    const input = frame.locator('#hex-input');
    await input.click();
    await page.keyboard.type('0x100000000');
    await page.keyboard.press('Enter');
    await frame.locator('#hex-dump', { hasText: 'gem5 remote memo' }).waitFor({ timeout: 30_000 });
    await vs.shot('explorer-hex');
    lap('explorer shows stores and bytes');
  });
});

test('a take run started from the command palette writes a checkpoint that appears in the tree', { timeout: 180_000 }, async () => {
  await step('take', async () => {
    await command('gem5 + SST: Take Checkpoint…');
    await new Promise((r) => setTimeout(r, 1500));
    await vs.shot('take-pick');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'take checkpoint with atomic' }).first();
    await pick.waitFor({ timeout: 30_000 });
    await pick.click();
    const out = join(vs.workspace, 'm5out', 'take_atomic', 'checkpoint', 'm5.cpt');
    for (let i = 0; i < 600 && !existsSync(out); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(existsSync(out), 'the stand-in gem5 wrote the checkpoint');
    await command('Focus on Checkpoints View'); // (clicking the activity-bar icon again would hide the side bar)
    await page.locator('.pane-body .monaco-list-row', { hasText: 'm5out/take_atomic/checkpoint' }).first().waitFor({ timeout: 30_000 });
    lap('new checkpoint in the tree');
  });
});

test('a restore in SST started from the command palette runs sst in the SST script directory with an argument array', { timeout: 120_000 }, async () => {
  await step('restore', async () => {
    await command('gem5 + SST: Restore Checkpoint in SST…');
    // The example's one-node script is offered serially only, so the run starts without a pick.
    const record = join(vs.workspace, 'sst', 'sst-run.json');
    let run: unknown = null;
    for (let i = 0; i < 600 && run === null; i++) {
      try {
        run = JSON.parse(readFileSync(record, 'utf8')); // absent, or still being written
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    assert.ok(run, 'the stand-in sst ran');
    assert.deepEqual(run, { argv: ['restore.py'], cwd: join(vs.workspace, 'sst') });
    lap('SST restore ran in sst/ with [restore.py]');
  });
});

test('a restore with no sst on PATH shows the launch check with "Set path…" and "Open Settings" instead of starting it', { timeout: 120_000 }, async () => {
  await step('launch-check', async () => {
    const settings = join(vs.workspace, '.vscode', 'settings.json');
    const current = JSON.parse(readFileSync(settings, 'utf8')) as Record<string, unknown>;
    delete current['gem5sst.sst.path']; // the default, "sst", which is not on this machine's PATH
    writeFileSync(settings, JSON.stringify(current, null, 2));
    await new Promise((r) => setTimeout(r, 3000)); // the settings file is re-read from disk
    await command('gem5 + SST: Restore Checkpoint in SST…');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'cannot start the run' }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /the sst executable "sst" \(setting gem5sst\.sst\.path\) is not on PATH/);
    await toast.locator('.monaco-button', { hasText: 'Set path…' }).waitFor({ timeout: 5_000 });
    await toast.locator('.monaco-button', { hasText: 'Open Settings' }).waitFor({ timeout: 5_000 });
    await vs.shot('launch-check-message');
    lap('launch check shown');
  });
});
