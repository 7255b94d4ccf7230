/**
 * Probes the workspace roots for a gem5 source tree (a root, or a folder one level down, with src/sim and
 * util/cpt_upgraders): what the build-tree rules read from it (rules.md, inputs marked B).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SKIP_DIRS } from '../checkpoint/discovery';
import type { Gem5Tree } from '../rules/context';

export function findGem5Tree(roots: readonly string[]): Gem5Tree | null {
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
  for (const r of roots) {
    for (const dir of [r, ...safeSubdirs(r)]) {
      const upgraders = join(dir, 'util', 'cpt_upgraders');
      if (!existsSync(join(dir, 'src', 'sim')) || !existsSync(upgraders)) continue;
      try {
        const tags = readdirSync(upgraders).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3)).sort();
        const gem5cc = read(join(dir, 'ext', 'sst', 'gem5.cc'));
        const bridge = read(join(dir, 'src', 'sst', 'outgoing_request_bridge.cc'));
        return {
          root: dir,
          tags,
          hasBaseTime: gem5cc === null ? null : /\bbase_time\b/.test(gem5cc),
          eraA: bridge === null ? null : /physmem\.store0\.pmem/.test(bridge),
        };
      } catch {
        continue;
      }
    }
  }
  return null;
}

/** A change to this file can change what findGem5Tree reads. */
export function mayChangeGem5Tree(path: string): boolean {
  return /[/\\](cpt_upgraders|ext[/\\]sst|src[/\\]sst)[/\\]/.test(path);
}

function safeSubdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !SKIP_DIRS.has(e.name)).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}
