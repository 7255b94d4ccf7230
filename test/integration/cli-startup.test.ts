/**
 * The CLI loads only what a command needs (issue 19): a preload records every module file the process loaded,
 * so these tests see exactly which bundles `--help`, `inspect` and `check` pulled in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CLI, REPO, ensureBuilt } from '../support/cli';
import { MiB, sstBoardLayout, writeCheckpoint, type WrittenCheckpoint } from '../support/checkpointWriter';

describe('gem5-ckpt start-up: each command loads only its own bundle', function () {
  this.timeout(60000);
  let root: string;
  let recorder: string;
  let w: WrittenCheckpoint;
  before(async () => {
    ensureBuilt();
    root = await mkdtemp(join(tmpdir(), 'cli-startup-'));
    recorder = join(root, 'record-modules.js');
    // Bundles (require.cache) and Node's own modules (moduleLoadList: 'NativeModule stream', ...) the command loaded.
    // Written with fs.writeSync: process.stderr would itself load the stream modules being checked.
    await writeFile(recorder, "process.on('exit', () => require('fs').writeSync(2, '\\nMODULES ' + JSON.stringify(Object.keys(require.cache)) + '\\nBUILTINS ' + JSON.stringify(process.moduleLoadList) + '\\n'));\n");
    w = await writeCheckpoint(join(root, 'm5out'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
  });
  after(async () => { await rm(root, { recursive: true, force: true }); });

  function loaded(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; modules: string[]; builtins: Set<string> } {
    const r = spawnSync(process.execPath, ['--require', recorder, CLI, ...args], { encoding: 'utf8', env });
    const m = /MODULES (.*)\n/.exec(r.stderr);
    const b = /BUILTINS (.*)\n/.exec(r.stderr);
    assert.ok(m && b, r.stderr);
    const modules = (JSON.parse(m[1]) as string[]).filter((f) => f !== recorder).map((f) => relative(join(REPO, 'out', 'cli'), f));
    const builtins = new Set((JSON.parse(b[1]) as string[]).filter((x) => x.startsWith('NativeModule ')).map((x) => x.slice(13)));
    return { status: r.status, stdout: r.stdout, modules: modules.sort(), builtins };
  }

  /** Node modules a start-up must not pay for unless the command uses them (each costs ms of a ~40 ms node start). */
  const noneOf = (builtins: Set<string>, names: string[]) => assert.deepEqual(names.filter((n) => builtins.has(n)), [], 'loaded');

  it('--help loads the entry and the shared helpers only, and still lists every command', () => {
    const r = loaded(['--help']);
    assert.equal(r.status, 0);
    assert.deepEqual(r.modules, ['common.js', 'gem5-ckpt.js']);
    for (const c of ['inspect', 'read', 'verify', 'check', 'lsp']) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'));
  });

  it('inspect loads its own bundle and not the rule engine or the language server', () => {
    const r = loaded(['inspect', w.checkpointDir]);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /store0/);
    assert.deepEqual(r.modules, ['commands/inspect.js', 'common.js', 'gem5-ckpt.js']);
    // No stream (process.stdout, read streams), no fs/promises, no zlib or crypto: inspect inflates nothing.
    noneOf(r.builtins, ['stream', 'fs/promises', 'zlib', 'crypto', 'worker_threads', 'internal/fs/streams']);
  });

  it('--help loads none of Node\'s stream, file-promise, zlib or crypto modules', () => {
    const r = loaded(['--help']);
    noneOf(r.builtins, ['stream', 'fs/promises', 'zlib', 'crypto', 'worker_threads']);
  });

  it('read with the seek index cached loads no worker, build code or fs/promises, and prints the bytes a straight read does', async () => {
    const env = { ...process.env, XDG_CACHE_HOME: join(root, 'cache') };
    const args = ['read', w.checkpointDir, '--store', '0', '--offset', '4096', '--length', '64', '--format', 'hex'];
    const straight = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
    assert.equal(straight.status, 0, straight.stderr);
    assert.equal(spawnSync(process.execPath, [CLI, ...args, '--index'], { encoding: 'utf8', env }).status, 0);
    assert.equal((await readdir(join(root, 'cache', 'gem5-sst-checkpoints', 'seek-index'))).filter((f) => f.endsWith('.idx')).length, 1, 'the index is cached');
    const r = loaded(args, env);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, straight.stdout);
    assert.deepEqual(r.modules, ['commands/read.js', 'common.js', 'gem5-ckpt.js']);
    noneOf(r.builtins, ['worker_threads', 'fs/promises', 'internal/fs/streams']);
    assert.ok(r.builtins.has('zlib'), 'the read inflates (the module set is the one of a real read)');
  });

  it('a usage error raised inside a command bundle is still reported as a usage error (exit 2, no stack)', () => {
    const r = spawnSync(process.execPath, [CLI, 'inspect', 'a', 'b'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^gem5-ckpt inspect: expected one checkpoint directory/);
    assert.doesNotMatch(r.stderr, /internal error/);
  });

  it('read runs its bundle through a V8 code cache: written by the first run, the same bytes from every run, also with the cache off', async () => {
    const cacheDir = join(root, 'code-cache');
    const env = { ...process.env, GEM5SST_CODE_CACHE_DIR: cacheDir };
    const args = [CLI, 'read', w.checkpointDir, '--store', '0', '--offset', '8192', '--length', '64', '--format', 'hex'];
    const first = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual((await readdir(cacheDir)).filter((f) => f.startsWith('read-')).length, 1, 'one cache for the read bundle');
    const second = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    const off = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...env, GEM5SST_CODE_CACHE: 'off' } });
    assert.equal(second.stdout, first.stdout);
    assert.equal(off.stdout, first.stdout);
    assert.match(first.stdout, /^[0-9a-f]+ {2}/);
    const usage = spawnSync(process.execPath, [CLI, 'read', 'a', 'b'], { encoding: 'utf8', env });
    assert.equal(usage.status, 2, 'a usage error from a cached bundle is still one (common.js shared)');
    assert.doesNotMatch(usage.stderr, /internal error|\n\s+at /);
  });
});
