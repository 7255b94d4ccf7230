/** In-extension-host tests: the extension loaded from source in a real VS Code, driven through its API. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { lap, REPO, serverLog, startVSCode, type VSCodeInstance } from './harness';
import { buildFakeGem5, buildFakeSst, buildHostSuite, exampleWorkspace, replaceIn } from './workspace';

let vs: VSCodeInstance;

before(async () => {
  const ws = await exampleWorkspace({ gem5: buildFakeGem5(), sst: buildFakeSst(), plant: (root) => replaceIn(join(root, 'sst', 'restore.py'), 'sst_memory_size = "5GiB"', 'sst_memory_size = "5GB"') });
  vs = await startVSCode({ name: 'host', workspace: ws });
});
after(async () => { await vs?.stop(); });

test('the in-host suite passes (activation, commands, diagnostics, quick fix, tasks, explorer)', { timeout: 240_000 }, async () => {
  const suite = buildHostSuite();
  const page = vs.page;
  const exit = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  const lines: string[] = [];
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const line = args.map(String).join(' ');
    lines.push(line);
    console.log(`# host: ${line.slice(0, 300)}`);
  });
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', vs.remoteUri(REPO)],
    ['extensionTestsPath', vs.remoteUri(suite)],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(vs.url(`&payload=${encodeURIComponent(payload)}`));
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([exit, new Promise<number>((r) => { timer = setTimeout(() => r(-1), 200_000); })]);
  clearTimeout(timer); // a pending timer would keep node:test waiting
  lap(`in-host suite exited with ${code}`);
  await vs.shot('host-end');
  assert.equal(code, 0, `in-host suite failed:\n${lines.filter((l) => /not ok|Error|assert/.test(l)).join('\n')}\n${serverLog('host')}`);
});
