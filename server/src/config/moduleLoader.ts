/**
 * Finds and reads the sibling modules a script imports (`import mhlib`, `from boards.arm_sst_board import …`) the way
 * Python would: `name.py` or `name/__init__.py` in each directory of the search path, in order. Parsed files are
 * cached by path, size and modification time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parser } from '@lezer/python';
import type { ModuleLoader, ModuleSource } from './interp/interpreter';
import type { RunFiles } from './interp/domains/files';
import { LineIndex } from './lineIndex';

const MAX_MODULE_BYTES = 4 * 1024 * 1024;
const cache = new Map<string, { size: number; mtimeMs: number; source: ModuleSource }>();

/**
 * Paths found missing, with when: a gem5 script imports dozens of gem5 library modules that are not in the workspace,
 * and the model is rebuilt on every edit, so misses are remembered briefly instead of stat-ing them each time.
 */
const misses = new Map<string, number>();
const MISS_TTL_MS = 2000;

export class FileModuleLoader implements ModuleLoader {
  load(name: string, searchPath: readonly string[]): ModuleSource | null {
    const rel = name.split('.').join(path.sep);
    for (const dir of searchPath) {
      if (!dir || !path.isAbsolute(dir)) continue;
      for (const candidate of [path.join(dir, rel + '.py'), path.join(dir, rel, '__init__.py')]) {
        const src = this.read(candidate);
        if (src) return src;
      }
    }
    return null;
  }

  private read(file: string): ModuleSource | null {
    const missedAt = misses.get(file);
    if (missedAt !== undefined && Date.now() - missedAt < MISS_TTL_MS) return null;
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st || !st.isFile() || st.size > MAX_MODULE_BYTES) {
      if (misses.size > 4096) misses.clear();
      misses.set(file, Date.now());
      return null;
    }
    misses.delete(file);
    const hit = cache.get(file);
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.source;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    const source = { path: file, text, tree: parser.parse(text), lines: new LineIndex(text) };
    if (cache.size > 512) cache.clear();
    cache.set(file, { size: st.size, mtimeMs: st.mtimeMs, source });
    return source;
  }
}

const MAX_DATA_BYTES = 4 * 1024 * 1024;

/** The file's stat, or null when it is missing or cannot be read. */
function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** The disk as a script run from `cwd` reads it: UTF-8 text files up to 4 MiB (a BOM is kept, as Python's utf-8 does). */
export function diskFiles(cwd: string): RunFiles {
  return {
    cwd,
    read(p) {
      const st = statOrNull(p);
      if (!st?.isFile() || st.size > MAX_DATA_BYTES) return null;
      try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(fs.readFileSync(p));
      } catch {
        return null;
      }
    },
    kind(p) {
      const st = statOrNull(p);
      return st?.isFile() ? 'file' : st?.isDirectory() ? 'dir' : null;
    },
  };
}

/** size:mtime of each path (absent: '-'), to tell whether files a model read have changed since. */
export function fileStamps(paths: readonly string[]): string {
  return paths.map((p) => {
    const st = statOrNull(p);
    return st ? `${st.size}:${st.mtimeMs}:${st.isDirectory() ? 'd' : 'f'}` : '-';
  }).join('|');
}
