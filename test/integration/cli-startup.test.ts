/**
 * The CLI loads only what a command needs (issue 19): a preload records every module file the process loaded,
 * so these tests see exactly which bundles `--help`, `inspect` and `check` pulled in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    await writeFile(recorder, "process.on('exit', () => process.stderr.write('\\nMODULES ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n");
    w = await writeCheckpoint(join(root, 'm5out'), { memories: sstBoardLayout(MiB, 0x100000000n, MiB) });
  });
  after(async () => { await rm(root, { recursive: true, force: true }); });

  function loaded(args: string[]): { status: number | null; stdout: string; modules: string[] } {
    const r = spawnSync(process.execPath, ['--require', recorder, CLI, ...args], { encoding: 'utf8' });
    const m = /MODULES (.*)\n/.exec(r.stderr);
    assert.ok(m, r.stderr);
    const modules = (JSON.parse(m[1]) as string[]).filter((f) => f !== recorder).map((f) => relative(join(REPO, 'out', 'cli'), f));
    return { status: r.status, stdout: r.stdout, modules: modules.sort() };
  }

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
  });

  it('a usage error raised inside a command bundle is still reported as a usage error (exit 2, no stack)', () => {
    const r = spawnSync(process.execPath, [CLI, 'inspect', 'a', 'b'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^gem5-ckpt inspect: expected one checkpoint directory/);
    assert.doesNotMatch(r.stderr, /internal error/);
  });
});
