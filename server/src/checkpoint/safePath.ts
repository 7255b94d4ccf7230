/**
 * Keeps reads inside the checkpoint directory: m5.cpt's `filename=`/`cowFilename=` values are data from disk, and a
 * crafted `filename=../../etc/passwd` (or a symlink pointing out) must never make the tools read elsewhere.
 */
import { realpath } from './fsLite';
import { isAbsolute, relative, resolve, sep } from 'node:path';

function within(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

/** Absolute path of `name` inside `dir`, or null when it is absolute or climbs out of `dir`. */
export function resolveInside(dir: string, name: string): string | null {
  // A trailing separator names a directory: gem5 cannot open `x.pmem/` as a file, so neither do we.
  if (!name || isAbsolute(name) || name.includes('\0') || /[/\\]$/.test(name)) return null;
  const target = resolve(dir, name);
  return within(resolve(dir), target) ? target : null;
}

/** Like resolveInside, and also follows symlinks: the real file must be inside the real directory. */
export async function resolveRealInside(dir: string, name: string): Promise<string | null> {
  const target = resolveInside(dir, name);
  if (!target) return null;
  try {
    const [realDir, realTarget] = await Promise.all([realpath(dir), realpath(target)]);
    return within(realDir, realTarget) ? realTarget : null;
  } catch {
    return target; // does not exist (yet): the caller reports it as missing
  }
}
