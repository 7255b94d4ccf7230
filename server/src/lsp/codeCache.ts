/**
 * Loads a CommonJS bundle with a V8 code cache, as Node 22's module.enableCompileCache() does (Node 20 has none):
 * the bytecode of every function the last session compiled is read from the cache instead of compiled again (the
 * language server's main thread works about a quarter less from spawn to its initialize answer, warm-up included;
 * a cached-index CLI read executes a quarter fewer instructions beyond node's own start).
 *
 * Safety: V8 checks that a cache was made by the same V8 version and flags and for a source of the same length, and
 * ignores (rejects) it otherwise; the file name adds the bundle's CRC-32 and length, so a cache is only ever offered
 * for the very text it was made from. A cache that is missing, unreadable or rejected only costs the compile it
 * would have saved. It is written once per process (atomically: temp file, rename) when none was accepted: on the
 * LSP shutdown request, at exit or after `saveAfterMs`, whichever comes first, so it holds what that session
 * compiled; caches of other texts of the bundle beyond the newest few of the last week are removed then.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { SAVE_CODE_CACHE } from './codeCacheHook';

/**
 * Caches of other texts of the same bundle kept beside the current one: checkouts and versions side by side (which
 * share one cache directory) must not evict each other's on every start; a cache not rewritten for a week goes.
 */
const KEPT_OTHER_CACHES = 8;
const KEPT_OTHER_CACHE_MS = 7 * 24 * 3600 * 1000;

export interface CodeCacheOptions {
  /** Where caches are kept (default: $XDG_CACHE_HOME or ~/.cache, then gem5-sst-checkpoints/code-cache). */
  cacheDir?: string;
  /** Write the cache this long after loading if the process has not exited by then (default 10 s). */
  saveAfterMs?: number;
  /** How many caches of other texts of the bundle stay when one is written (default KEPT_OTHER_CACHES). */
  keptOthers?: number;
}

export interface CodeCacheLoad {
  /** What the bundle exported (module.exports after it ran). */
  exports: unknown;
  /** The cache file for this bundle text. */
  cacheFile: string;
  /** A cache was found and V8 accepted it. */
  accepted: boolean;
  /** Writes the cache now (when none was accepted and it was not written yet); true when written. */
  save(): boolean;
}

export function defaultCodeCacheDir(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const home = () => (require('node:os') as typeof import('node:os')).homedir();
  return join(process.env.XDG_CACHE_HOME || join(home(), '.cache'), 'gem5-sst-checkpoints', 'code-cache');
}

/** `<bundle name>-<V8 version>-<arch>-<CRC-32 of the text>-<length>.bin`: one text, one V8, one cache. */
export function codeCacheName(bundle: string, source: string): string {
  const v8 = process.versions.v8.replace(/[^\w.-]/g, '_');
  // Loaded here, not at the top: `gem5-ckpt --help` loads this module but never a bundle (zlib costs it ~1 ms).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { crc32 } = require('node:zlib') as typeof import('node:zlib');
  return `${basename(bundle, '.js')}-${v8}-${process.arch}-${(crc32(source) >>> 0).toString(16).padStart(8, '0')}-${source.length}.bin`;
}

/** Runs `bundle` as the module `module` would (same require, exports, __filename, __dirname), with the code cache. */
export function loadWithCodeCache(bundle: string, opts: CodeCacheOptions = {}): CodeCacheLoad {
  const source = readFileSync(bundle, 'utf8');
  const dir = opts.cacheDir ?? defaultCodeCacheDir();
  const cacheFile = join(dir, codeCacheName(bundle, source));
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  // Loaded here, not at the top, like zlib: what only loading a bundle needs stays off `gem5-ckpt --help`.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { Script } = require('node:vm') as typeof import('node:vm');
  const Module = require('node:module') as typeof import('node:module');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData: cached });
  const accepted = cached !== undefined && !script.cachedDataRejected;
  let saved = accepted;
  const save = (): boolean => {
    if (saved) return false;
    saved = true;
    const temp = `${cacheFile}.${process.pid}.tmp`;
    try {
      const data = script.createCachedData();
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, data);
      renameSync(temp, cacheFile);
    } catch {
      removeQuietly(temp);
      return false; // a read-only or full disk: the next start compiles as without a cache
    }
    removeOlderCaches(dir, bundle, cacheFile, opts.keptOthers ?? KEPT_OTHER_CACHES);
    return true;
  };
  (globalThis as { [SAVE_CODE_CACHE]?: () => boolean })[SAVE_CODE_CACHE] = save;
  if (!accepted) {
    process.once('exit', save);
    setTimeout(save, opts.saveAfterMs ?? 10_000).unref();
  }
  const mod = new Module(bundle, require.main ?? undefined);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(bundle));
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  cache[bundle] = mod;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  try {
    wrapper.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, dirname(bundle));
  } catch (e) {
    delete cache[bundle]; // as require does: a module that threw is not half-loaded for the next require
    throw e;
  }
  mod.loaded = true;
  return { exports: mod.exports, cacheFile, accepted, save };
}

/**
 * Caches of other texts of this bundle (other builds): the newest `kept` of those written in the last week stay, the
 * rest go. Another process may be doing the same: a file gone meanwhile is no error.
 */
function removeOlderCaches(dir: string, bundle: string, current: string, kept: number): void {
  const prefix = `${basename(bundle, '.js')}-`;
  const others: { file: string; at: number }[] = [];
  for (const f of readdirSync(dir)) {
    const file = join(dir, f);
    if (!f.startsWith(prefix) || !f.endsWith('.bin') || file === current) continue;
    try {
      others.push({ file, at: statSync(file).mtimeMs });
    } catch {
      // removed by another process
    }
  }
  others.sort((a, b) => b.at - a.at);
  const weekAgo = Date.now() - KEPT_OTHER_CACHE_MS;
  others.forEach(({ file, at }, i) => {
    if (i >= kept || at < weekAgo) removeQuietly(file);
  });
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // not there, or its directory is not one: nothing to remove
  }
}
