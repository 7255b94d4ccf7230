/** Runs the built `gem5-ckpt` binary (what `npm ci && npm run build` gives a user) with an argument array. */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
export const CLI = join(REPO, 'out', 'cli', 'gem5-ckpt.js');

/** What the bundles are built from: the sources of every bundle, the build script and the locked dependencies. */
const INPUT_DIRS = ['server/src', 'client/src', 'webview/src'];
const INPUT_FILES = ['esbuild.mjs', 'package.json', 'package-lock.json'];
const STAMP = join(REPO, 'out', '.sources.sha256');
const BUNDLES = ['out/cli/gem5-ckpt.js', 'out/server/server.js', 'out/server/serverMain.js', 'out/client/extension.js', 'out/webview/main.js', 'out/worker/seekIndexWorker.js'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A hash of the build inputs' names and contents (a few hundred kB: milliseconds), so staleness never depends on mtimes. */
export function sourcesHash(): string {
  const h = createHash('sha256');
  const files = [...INPUT_DIRS.flatMap((d) => filesUnder(join(REPO, d))), ...INPUT_FILES.map((f) => join(REPO, f))].sort();
  for (const f of files) h.update(f.slice(REPO.length)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

let checked = false;

/**
 * Makes out/ hold bundles built from the current sources: rebuilds (once per process) unless the bundles exist and
 * were built by this function from sources with the same hash. Integration tests call it before they start anything.
 */
export function ensureBuilt(): void {
  if (checked) return;
  const hash = sourcesHash();
  const fresh = BUNDLES.every((b) => existsSync(join(REPO, b))) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash;
  if (!fresh) {
    execFileSync(process.execPath, [join(REPO, 'esbuild.mjs')], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(STAMP, hash + '\n');
  }
  checked = true;
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
