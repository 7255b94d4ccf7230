/**
 * One throw-away real VS Code per test file: code-server (VS Code 1.100.3 server + web workbench) on a free loopback
 * port, with its own user-data, extensions and XDG directories, driven by Debian's chromium through playwright-core.
 * Everything it writes stays in a temp dir; the whole process group is killed at the end (extension hosts outlive a
 * closed tab otherwise).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO = resolve(__dirname, '..', '..');
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? join(REPO, '.e2e-artifacts');
const CACHE = process.env.E2E_CACHE ?? join(process.env.HOME ?? '/root', '.cache', 'gem5-sst-e2e');

export function codeServerBinary(): string {
  const bin = process.env.CODE_SERVER ?? join(CACHE, 'code-server-4.100.3', 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) throw new Error(`code-server not found at ${bin}: run bash test/e2e/setup.sh`);
  return bin;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'window.commandCenter': false,
};

const started = Date.now();
export const lap = (m: string) => console.log(`# ${((Date.now() - started) / 1000).toFixed(1)}s ${m}`);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    }).on('error', rej);
  });
}

export interface VSCodeInstance {
  page: Page;
  browser: Browser;
  workspace: string;
  authority: string;
  url(query?: string): string;
  remoteUri(path: string): string;
  shot(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startVSCode(opts: { name: string; workspace: string; vsix?: string; userSettings?: Record<string, unknown> }): Promise<VSCodeInstance> {
  const bin = codeServerBinary();
  const tmp = mkdtempSync(join(tmpdir(), 'gem5sst-e2e-'));
  const udd = join(tmp, 'user-data');
  const exts = join(tmp, 'extensions');
  const workspace = join(tmp, 'ws with space');
  cpSync(opts.workspace, workspace, { recursive: true });
  mkdirSync(join(udd, 'User'), { recursive: true });
  writeFileSync(join(udd, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...opts.userSettings }, null, 2));
  const config = join(tmp, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const env = { ...process.env, XDG_DATA_HOME: join(tmp, 'xdg-data'), XDG_CONFIG_HOME: join(tmp, 'xdg-config') };
  const common = ['--config', config, '--user-data-dir', udd, '--extensions-dir', exts];
  if (opts.vsix) {
    execFileSync(bin, [...common, '--install-extension', opts.vsix], { env, stdio: 'pipe' });
    lap(`${opts.name}: extension installed`);
  }
  const port = await freePort();
  const authority = `127.0.0.1:${port}`; // loopback is a secure context: webview service workers need one
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = openSync(join(ARTIFACTS, `${opts.name}-code-server.log`), 'w');
  const server: ChildProcess = spawn(bin, [...common, '--bind-addr', authority, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace],
  { env, detached: true, stdio: ['ignore', log, log] });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://${authority}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 300 || server.exitCode !== null) throw new Error(`code-server did not start; see ${opts.name}-code-server.log`);
    await new Promise((r) => setTimeout(r, 200));
  }
  lap(`${opts.name}: code-server up on ${authority}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    env,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.log(`# pageerror ${e.message.slice(0, 200)}`));
  return {
    page, browser, workspace, authority,
    url: (query = '') => `http://${authority}/?folder=${encodeURIComponent(workspace)}${query}`,
    remoteUri: (p) => `vscode-remote://${authority}${p}`,
    async shot(name) {
      await page.screenshot({ path: join(ARTIFACTS, `${opts.name}-${name}.png`) }).catch(() => undefined);
    },
    async stop() {
      await browser.close().catch(() => undefined);
      const pid = server.pid!;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 50; i++) {
        try {
          process.kill(-pid, 0);
        } catch {
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
      if (!process.env.E2E_KEEP) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The code-server log, for failure messages. */
export function serverLog(name: string): string {
  try {
    return readFileSync(join(ARTIFACTS, `${name}-code-server.log`), 'utf8').slice(-4000);
  } catch {
    return '';
  }
}

/** The texts of the error notifications on screen (toasts), e.g. VS Code's "There are task errors". */
export async function errorNotifications(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-list-item').filter({ has: page.locator('.codicon-error') }).allInnerTexts();
}

/** Runs a command from the palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Makes VS Code ask every task provider for its tasks (Run Task), then closes the picker. */
export async function fetchAllTasks(page: Page): Promise<void> {
  await runCommand(page, 'Tasks: Run Task');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 3000));
  await page.keyboard.press('Escape');
}
