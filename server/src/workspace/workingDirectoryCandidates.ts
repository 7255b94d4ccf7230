/**
 * Where SST could run so that the gem5 script named in a `cmd` resolves (rules.md "The SST working directory"): the
 * SST script's directory and its ancestors up to the workspace folder, then — for a script that resolves from none of
 * them — directories of known workspace files that end with the cmd path (keeping its `../` steps on the SST
 * script's own path). Nearest first; used by GS102's message and its quick fix.
 */
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { isInside } from './runs';

const MAX_CANDIDATES = 5;

export function workingDirectoryCandidates(
  token: string,
  sstScript: string,
  root: string | null,
  knownFiles: Iterable<string>,
  exists: (path: string) => boolean,
): string[] {
  if (!token || isAbsolute(token)) return [];
  const out: string[] = [];
  const add = (d: string) => {
    if (!out.includes(d) && (!root || isInside(root, d)) && exists(join(d, token))) out.push(d);
  };
  const own = dirname(sstScript);
  for (let dir = own; ; dir = dirname(dir)) {
    add(dir);
    if (dir === root || (root && !isInside(root, dir)) || dirname(dir) === dir) break;
  }
  // "../../configs/x.py" = two steps up from the working directory, then configs/x.py.
  const parts = normalize(token).split(sep);
  let up = 0;
  while (parts[up] === '..') up++;
  const rest = parts.slice(up);
  if (!rest.length || rest.includes('..')) return out.slice(0, MAX_CANDIDATES);
  const suffix = sep + rest.join(sep);
  const bases: string[] = [];
  for (const f of knownFiles) if (f.endsWith(suffix)) bases.push(f.slice(0, -suffix.length));
  for (const base of bases.sort((a, b) => a.length - b.length)) {
    if (up === 0) {
      add(base);
      continue;
    }
    // The working directory sits `up` levels below base; take those levels from the SST script's own path.
    const below = relative(base, own);
    if (below.startsWith('..') || isAbsolute(below)) continue;
    const steps = below.split(sep).filter(Boolean);
    if (steps.length >= up) add(resolve(base, ...steps.slice(0, up)));
  }
  return out.slice(0, MAX_CANDIDATES);
}
