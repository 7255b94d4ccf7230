/**
 * Point Restore at Checkpoint… in the real workbench: the SST script points at a checkpoint taken with other sizes
 * (the Problems panel shows the mismatches); the command's edits appear in the refactor preview, nothing is written
 * before Apply, and after Apply the Problems panel clears. With two gem5 nodes under "ranks": 1 the preview holds the
 * tasks.json rank count, and applying it clears GS501.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { GiB, sstBoardLayout, writeCheckpoint } from '../support/checkpointWriter';
import { lap, startVSCode, type VSCodeInstance } from './harness';
import { exampleWorkspace, replaceIn } from './workspace';

const VSIX = process.env.E2E_VSIX;
let vs: VSCodeInstance;
let page: Page;
let sst: string;

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    await vs.shot(name);
  } catch (e) {
    await vs.shot(`FAILED-${name}`);
    throw e;
  }
}

/**
 * Opts a file of the refactor preview in and waits until the tree shows it checked: under load a click can land
 * before the tree is ready, and Apply with nothing checked applies nothing.
 */
async function checkPreviewFile(fileName: string): Promise<void> {
  const fileRow = page.locator('.monaco-list-row', { hasText: fileName }).filter({ has: page.locator('.monaco-checkbox, input[type=checkbox]') }).last();
  const box = fileRow.locator('.monaco-checkbox, input[type=checkbox]').first();
  await box.waitFor({ timeout: 15_000 });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await box.isChecked()) return;
    await box.click();
    await page.waitForTimeout(300);
  }
  assert.fail(`the refactor preview never showed ${fileName} checked`);
}

before(async () => {
  assert.ok(VSIX && existsSync(VSIX), 'E2E_VSIX must name the packaged extension (npm run test:e2e builds it)');
  const ws = await exampleWorkspace();
  sst = join(ws, 'sst', 'restore.py');
  // A second take run with 2 GiB local and a 4 GiB remote store; the script names it but keeps the old sizes.
  await writeCheckpoint(join(ws, 'm5out', 'take_7'), { memories: sstBoardLayout(2n * GiB, 0x100000000n, 4n * GiB), cpu: { count: 4, type: 'ArmAtomicSimpleCPU' } });
  replaceIn(sst, '"--ckpt-dir=../m5out/take_0/checkpoint"', '"--ckpt-dir=../m5out/take_7/checkpoint"');
  vs = await startVSCode({ name: 'retarget', workspace: ws, vsix: VSIX });
  page = vs.page;
  await page.goto(vs.url());
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  lap('workbench loaded');
});
after(async () => { await vs?.stop(); });

test('the retarget command shows its edits in the refactor preview and Apply clears the Problems panel', { timeout: 180_000 }, async () => {
  await step('mismatch', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sst' }).first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'restore.py' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'sst_memory_size' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS207' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS208' }).first().waitFor({ timeout: 10_000 });
  });
  const original = readFileSync(sst, 'utf8');
  await step('preview', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Point Restore at Checkpoint');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Point Restore at Checkpoint' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    // Two checkpoints in the workspace: choose the new one.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'take_7' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget input').fill('take_7');
    await page.keyboard.press('Enter');
    await page.locator('.refactor-preview, .bulk-edit-panel, [id="workbench.view.bulkEdit"]').first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-list-row', { hasText: 'sst_memory_size = "8GiB"' }).first().waitFor({ timeout: 10_000 });
    lap('refactor preview shown');
  });
  assert.equal(readFileSync(sst, 'utf8'), original, 'nothing is written before Apply');
  await step('applied', async () => {
    // Edits that need confirmation start unchecked: the user opts in (here the whole file), then applies.
    await checkPreviewFile('restore.py');
    await vs.shot('preview-checked');
    await page.getByRole('button', { name: 'Apply', exact: true }).first().click();
    // Apply may leave the editor scrolled to the end of the file (seen in CI): its first lines are not rendered
    // then, so go to the top before reading them.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.locator('.monaco-editor .view-lines', { hasText: 'sst_memory_size = "8GiB"' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS20' }).first().waitFor({ state: 'detached', timeout: 60_000 });
    lap('applied; problems gone');
  });
  await page.locator('.monaco-editor .view-lines', { hasText: 'local_memory_size = "2GiB"' }).first().waitFor({ timeout: 10_000 });
});

test('with two gem5 nodes under "ranks": 1, the refactor preview holds the tasks.json rank count and Apply clears GS501', { timeout: 180_000 }, async () => {
  const tasks = join(sst, '..', '..', '.vscode', 'tasks.json');
  const tasksOnDisk = readFileSync(tasks, 'utf8');
  await step('two-nodes', async () => {
    // Typed in the editor (the buffer the previous test's Apply left unsaved): two gem5 nodes, still one rank.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+H');
    await page.locator('.find-widget .find-part textarea, .find-widget .find-part input').first().fill('nodes = 1');
    await page.locator('.find-widget .replace-part textarea, .find-widget .replace-part input').first().fill('nodes = 2');
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS501' }).first().waitFor({ timeout: 60_000 });
  });
  await step('ranks-preview', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Point Restore at Checkpoint');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Point Restore at Checkpoint' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'take_7' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget input').fill('take_7');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-list-row', { hasText: '"ranks": 3' }).first().waitFor({ timeout: 30_000 });
    lap('tasks.json rank count in the refactor preview');
  });
  assert.equal(readFileSync(tasks, 'utf8'), tasksOnDisk, 'nothing is written before Apply');
  await step('ranks-applied', async () => {
    await checkPreviewFile('tasks.json');
    await page.getByRole('button', { name: 'Apply', exact: true }).first().click();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'GS501' }).first().waitFor({ state: 'detached', timeout: 60_000 });
    lap('applied; GS501 gone');
  });
});
