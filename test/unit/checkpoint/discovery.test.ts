import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDirsOfFolder } from '../../../client/src/tree/checkpointSearch';
import { findCheckpointDirs } from '../../../server/src/checkpoint';
import { globMatcher, globToRegExp } from '../../../server/src/checkpoint/glob';
import { DEFAULT_SETTINGS } from '../../../server/src/protocol/settings';
import { createWorkspaceEngine } from '../../../server/src/workspace/engine';

describe('checkpoint discovery: globs', () => {
  it('`**/` matches any number of folders, none included; `*` and `?` stay inside one folder', () => {
    const m = globMatcher(['**/m5.cpt']);
    assert.ok(m('m5.cpt'));
    assert.ok(m('a/b/cpt.1/m5.cpt'));
    assert.ok(!m('a/xm5.cpt'));
    const one = globMatcher(['m5out/cpt.*/m5.cpt']);
    assert.ok(one('m5out/cpt.100/m5.cpt'));
    assert.ok(!one('m5out/a/cpt.100/m5.cpt'));
    assert.ok(!one('x/m5out/cpt.1/m5.cpt'));
    assert.ok(globMatcher(['runs/cpt.?/m5.cpt'])('runs/cpt.7/m5.cpt'));
    assert.ok(!globMatcher(['runs/cpt.?/m5.cpt'])('runs/cpt.77/m5.cpt'));
  });

  it('braces choose between alternatives and brackets match one character of a set, `!` negating it', () => {
    const m = globMatcher(['{take,restore}/**/m5.cpt', 'n[0-3]/m5.cpt', 'x[!a]/m5.cpt']);
    assert.ok(m('take/cpt.1/m5.cpt'));
    assert.ok(m('restore/m5.cpt'));
    assert.ok(!m('other/m5.cpt'));
    assert.ok(m('n2/m5.cpt'));
    assert.ok(!m('n7/m5.cpt'));
    assert.ok(m('xb/m5.cpt'));
    assert.ok(!m('xa/m5.cpt'));
  });

  it('a malformed glob matches nothing and does not throw; leading ./ and backslashes are read as a relative path', () => {
    assert.equal(globToRegExp('a/[b'), null);
    assert.equal(globToRegExp('{a,b'), null);
    assert.equal(globToRegExp(''), null);
    assert.ok(!globMatcher(['a/[b', '{x'])('a/[b'));
    assert.ok(globMatcher(['./runs\\**\\m5.cpt'])('runs/c/m5.cpt'));
    assert.ok(globMatcher(['a.b+(c)/m5.cpt'])('a.b+(c)/m5.cpt'), 'regex characters are literal');
  });
});

describe('checkpoint discovery: the Checkpoints view and the server find the same checkpoints', function () {
  this.timeout(30000);
  let root: string;
  let other: string;
  const cpt = async (dir: string) => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'm5.cpt'), '[root]\nisa=x86\n');
  };
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'gem5sst-discovery-'));
    other = await mkdtemp(join(tmpdir(), 'gem5sst-discovery-b-'));
    for (const d of ['runs/a/cpt.1', 'runs/b/cpt.2', 'elsewhere/cpt.3', 'out/cpt.4', 'node_modules/pkg/cpt.5', '.hidden/cpt.6', 'build/X86/cpt.7']) await cpt(join(root, d));
    for (const d of ['m5out/cpt.10', 'keep/cpt.11']) await cpt(join(other, d));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  });

  const rel = (base: string, dirs: string[]) => dirs.map((d) => d.slice(base.length + 1)).sort();

  it('with the default glob: every checkpoint outside node_modules, out, build and hidden folders', async () => {
    const view = await checkpointDirsOfFolder({ scheme: 'file', fsPath: root }, undefined);
    assert.deepEqual(rel(root, view), ['elsewhere/cpt.3', 'runs/a/cpt.1', 'runs/b/cpt.2']);
    const engine = createWorkspaceEngine([root]);
    assert.deepEqual(rel(root, await engine.checkpointDirs()), rel(root, view));
  });

  it('with custom globs: only what they match, including a skipped folder a glob names (out/, build/)', async () => {
    const globs = ['runs/a/**/m5.cpt', 'out/**/m5.cpt', 'build/*/cpt.*/m5.cpt'];
    const view = await checkpointDirsOfFolder({ scheme: 'file', fsPath: root }, globs);
    assert.deepEqual(rel(root, view), ['build/X86/cpt.7', 'out/cpt.4', 'runs/a/cpt.1']);
    const engine = createWorkspaceEngine([root], { ...DEFAULT_SETTINGS, checkpointGlobs: globs });
    assert.deepEqual(rel(root, await engine.checkpointDirs()), rel(root, view));
    assert.deepEqual(rel(root, await findCheckpointDirs(root, globs)), rel(root, view));
  });

  it('in a multi-root workspace each folder is searched with its own globs, by the view and by the server alike', async () => {
    const mine = ['m5out/**/m5.cpt'];
    const engine = createWorkspaceEngine([root, other]);
    engine.updateSettings(DEFAULT_SETTINGS, new Map([[other, { ...DEFAULT_SETTINGS, checkpointGlobs: mine }]]));
    const view = [
      ...await checkpointDirsOfFolder({ scheme: 'file', fsPath: root }, undefined),
      ...await checkpointDirsOfFolder({ scheme: 'file', fsPath: other }, mine),
    ];
    assert.deepEqual((await engine.checkpointDirs()).sort(), view.sort());
    assert.ok(view.some((d) => d.endsWith('cpt.10')) && !view.some((d) => d.endsWith('cpt.11')));
  });

  it('changing the search globs makes the server list the files again', async () => {
    const engine = createWorkspaceEngine([root]);
    assert.equal((await engine.checkpointDirs()).length, 3);
    engine.updateSettings({ ...DEFAULT_SETTINGS, checkpointGlobs: ['elsewhere/**/m5.cpt'] });
    assert.deepEqual(rel(root, await engine.checkpointDirs()), ['elsewhere/cpt.3']);
  });

  it('malformed settings fall back to the default glob; a folder not on disk has no checkpoints', async () => {
    assert.equal((await checkpointDirsOfFolder({ scheme: 'file', fsPath: root }, [42])).length, 3);
    assert.deepEqual(await checkpointDirsOfFolder({ scheme: 'vscode-vfs', fsPath: root }, undefined), []);
    assert.deepEqual(await findCheckpointDirs(join(root, 'missing')), []);
  });
});
