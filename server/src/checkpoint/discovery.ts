/**
 * Where the checkpoints of a workspace folder are: the one search both the language server (its workspace walk) and
 * the Checkpoints view use, so `gem5sst.checkpoints.searchGlobs` means the same to both. A checkpoint is a directory
 * holding `m5.cpt` whose root-relative path matches one of the globs. Pure node: no editor API.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CPT_FILE } from './inspect';
import { globMatcher, literalPrefix } from './glob';
import { DEFAULT_SETTINGS } from '../protocol/settings';

/** Directories never walked for scripts; for checkpoints only when a glob names them literally (`out/**\/m5.cpt`). */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'out', 'build']);
export const DEFAULT_CHECKPOINT_GLOBS: readonly string[] = DEFAULT_SETTINGS.checkpointGlobs;
/** A walk stops after this many directory entries, or this deep: a huge tree never stalls the server or the view. */
const MAX_ENTRIES = 50_000;
const MAX_DEPTH = 16;

export interface WalkResult {
  /** Checkpoint directories (absolute), in walk order. */
  checkpoints: string[];
  /** The walk stopped at its entry limit: what it found is a part. */
  truncated: boolean;
}

/**
 * Walks one folder depth-first in directory order. `onFile` sees every file outside skipped and hidden directories
 * (`.vscode` is not hidden here: it holds tasks.json); checkpoints are collected by the globs.
 */
export async function walkFolder(
  root: string,
  globs: readonly string[] = DEFAULT_CHECKPOINT_GLOBS,
  onFile?: (path: string, name: string, dir: string) => void,
): Promise<WalkResult> {
  const matches = globMatcher(globs);
  const prefixes = globs.map(literalPrefix);
  // A skipped directory is entered (for checkpoints only) on the way into, or inside, a glob's literal start.
  const named = (rel: string) => {
    const segs = rel.split('/');
    return prefixes.some((p) => p.length > 0 && segs.slice(0, p.length).every((s, i) => s === p[i]));
  };
  const result: WalkResult = { checkpoints: [], truncated: false };
  let count = 0;
  const walk = async (dir: string, rel: string, depth: number, skipped: boolean): Promise<void> => {
    if (depth > MAX_DEPTH || result.truncated) return;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++count > MAX_ENTRIES) {
        result.truncated = true;
        return;
      }
      const p = join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        const skip = skipped || SKIP_DIRS.has(e.name) || (e.name.startsWith('.') && e.name !== '.vscode');
        if (skip && !named(r)) continue;
        await walk(p, r, depth + 1, skip);
      } else if (e.isFile()) {
        if (e.name === CPT_FILE && matches(r)) result.checkpoints.push(dir);
        if (!skipped) onFile?.(p, e.name, dir);
      }
    }
  };
  await walk(root, '', 0, false);
  return result;
}

/** The checkpoint directories of a folder (absolute, sorted), found by the search globs. */
export async function findCheckpointDirs(root: string, globs: readonly string[] = DEFAULT_CHECKPOINT_GLOBS): Promise<string[]> {
  try {
    if (!(await stat(root)).isDirectory()) return [];
  } catch {
    return [];
  }
  return [...new Set((await walkFolder(root, globs)).checkpoints)].sort();
}
