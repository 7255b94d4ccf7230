import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename as basenameOf, join, resolve } from 'node:path';
import { codeCacheName } from '../../../server/src/lsp/codeCache';

const LOADER = resolve(__dirname, '../../../server/src/lsp/codeCache.ts');

/** A small CommonJS bundle that prints what it was run with (its exports, __filename, __dirname, a require). */
function writeBundle(dir: string, marker: string): string {
  const file = join(dir, 'bundle.js');
  writeFileSync(file, `"use strict";
const path = require("node:path");
exports.marker = ${JSON.stringify(marker)};
exports.sum = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
process.stdout.write(JSON.stringify({ marker: exports.marker, sum: exports.sum(10), dir: __dirname, file: __filename, joined: path.join("a", "b"), same: module.exports === exports }) + "\\n");
`);
  return file;
}

/**
 * Loads `bundle` in a fresh process (V8 keeps compiled scripts in memory, so only a new process shows whether a cache
 * file was accepted): what the bundle printed, whether the cache was accepted, whether `save()` wrote one.
 */
function load(bundle: string, cacheDir: string, keptOthers = 3): { ran: Record<string, unknown>; accepted: boolean; saved: boolean; cacheFile: string } {
  const script = join(cacheDir, '..', 'run.ts');
  writeFileSync(script, `import { loadWithCodeCache } from ${JSON.stringify(LOADER)};
const r = loadWithCodeCache(${JSON.stringify(bundle)}, { cacheDir: ${JSON.stringify(cacheDir)}, saveAfterMs: 60000, keptOthers: ${keptOthers} });
const saved = r.save();
process.stdout.write(JSON.stringify({ accepted: r.accepted, saved, again: r.save(), cacheFile: r.cacheFile }) + "\\n");
`);
  const p = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', cwd: resolve(__dirname, '../../..') });
  assert.equal(p.status, 0, p.stderr);
  const [ran, result] = p.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(result.again, false, 'a cache is written at most once per process');
  return { ran, accepted: result.accepted as boolean, saved: result.saved as boolean, cacheFile: result.cacheFile as string };
}

describe('the language server bundle run through a V8 code cache (codeCache.ts)', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'code-cache-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as a module (exports, require, __filename, __dirname), writes a cache once, and the next start accepts it', () => {
    const bundle = writeBundle(dir, 'one');
    const cacheDir = join(dir, 'cache');
    const first = load(bundle, cacheDir);
    assert.deepEqual(first.ran, { marker: 'one', sum: 45, dir, file: bundle, joined: join('a', 'b'), same: true });
    assert.equal(first.accepted, false);
    assert.equal(first.saved, true);
    assert.ok(existsSync(first.cacheFile));
    const second = load(bundle, cacheDir);
    assert.equal(second.accepted, true);
    assert.equal(second.saved, false, 'an accepted cache is not written again');
    assert.deepEqual(second.ran, first.ran);
  });

  it('offers a cache only for the text it was made from, and keeps the newest caches of other texts', () => {
    const cacheDir = join(dir, 'cache');
    const one = load(writeBundle(dir, 'one'), cacheDir);
    // Same length, other text: V8 alone would take the old cache (it checks the length); the name tells them apart.
    const two = load(writeBundle(dir, 'two'), cacheDir);
    assert.notEqual(two.cacheFile, one.cacheFile);
    assert.equal(two.accepted, false);
    assert.equal(two.ran.marker, 'two');
    for (const m of ['three', 'fours', 'fives']) load(writeBundle(dir, m), cacheDir);
    const bundle = join(dir, 'bundle.js');
    const kept = readdirSync(cacheDir);
    assert.equal(kept.length, 4, kept.join(' '));
    assert.ok(kept.includes(codeCacheName(bundle, readFileSync(bundle, 'utf8'))));
    assert.ok(!kept.includes(basenameOf(one.cacheFile)), 'the oldest went');
    // One of another text not written for more than a week goes whatever the count.
    const stale = join(cacheDir, 'bundle-0.0-x64-00000000-1.bin');
    writeFileSync(stale, 'x');
    utimesSync(stale, new Date(Date.now() - 8 * 24 * 3600e3), new Date(Date.now() - 8 * 24 * 3600e3));
    load(writeBundle(dir, 'sixes'), cacheDir, 10);
    assert.ok(!readdirSync(cacheDir).includes(basenameOf(stale)), 'a week-old cache went');
    assert.equal(readdirSync(cacheDir).length, 5, 'the others of the last week stayed');
  });

  it('runs the bundle when its cache is damaged (rejected, then replaced) or cannot be written', () => {
    const bundle = writeBundle(dir, 'one');
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    writeFileSync(join(cacheDir, codeCacheName(bundle, readFileSync(bundle, 'utf8'))), 'not a V8 code cache');
    const damaged = load(bundle, cacheDir);
    assert.equal(damaged.ran.marker, 'one');
    assert.equal(damaged.accepted, false);
    assert.equal(damaged.saved, true, 'replaced by a good one');
    assert.equal(load(bundle, cacheDir).accepted, true);
    const blocked = join(dir, 'not-a-directory');
    writeFileSync(blocked, 'x');
    const unwritable = load(bundle, blocked);
    assert.equal(unwritable.ran.marker, 'one');
    assert.equal(unwritable.saved, false);
  });
});
