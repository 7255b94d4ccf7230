/** Runs the built `gem5-ckpt` binary (what `npm ci && npm run build` gives a user) with an argument array. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
export const CLI = join(REPO, 'out', 'cli', 'gem5-ckpt.js');

export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync(process.execPath, [join(REPO, 'esbuild.mjs')], { cwd: REPO, stdio: 'ignore' });
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

export function runCli(args: string[], cwd = REPO): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stdoutBytes: r.stdout, stderr: r.stderr.toString('utf8') };
}
