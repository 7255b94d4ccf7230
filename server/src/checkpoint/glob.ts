/**
 * The glob patterns of VS Code settings (`**`, `*`, `?`, `{a,b}`, `[a-z]`, `[!a]`), matched against a path relative
 * to a workspace folder with `/` separators. Written out here so the server, which has no editor API, and the view
 * agree on what a pattern means.
 */

/** One matcher for a list of globs: true when any of them matches `rel`. Malformed globs match nothing. */
export function globMatcher(globs: readonly string[]): (rel: string) => boolean {
  const res = globs.map(globToRegExp).filter((r): r is RegExp => r !== null);
  return (rel) => res.some((r) => r.test(rel));
}

/** The leading segments of a glob without any wildcard (`out/cpts/**` → ['out', 'cpts']). */
export function literalPrefix(glob: string): string[] {
  const segs = normalize(glob).split('/');
  const out: string[] = [];
  for (const s of segs) {
    if (/[*?[{]/.test(s)) break;
    out.push(s);
  }
  return out;
}

function normalize(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

const MAX_GLOB = 1000;

export function globToRegExp(glob: string): RegExp | null {
  if (typeof glob !== 'string' || !glob || glob.length > MAX_GLOB) return null;
  const g = normalize(glob);
  let out = '';
  let depth = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const segStart = i === 0 || g[i - 1] === '/';
        let j = i;
        while (g[j] === '*') j++;
        const segEnd = j === g.length || g[j] === '/';
        if (segStart && segEnd) {
          // `**/` matches any number of whole segments (none included); a trailing `**` matches the rest.
          if (j === g.length) out += '.*';
          else {
            out += '(?:[^/]*/)*';
            j++;
          }
          i = j - 1;
          continue;
        }
        i = j - 1;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = g.indexOf(']', i + 2);
      if (close < 0) return null;
      let body = g.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) {
      out += '|';
    } else {
      out += c.replace(/[.+^$()|\\\]{}]/g, '\\$&');
    }
  }
  if (depth !== 0) return null;
  try {
    return new RegExp(`^${out}$`);
  } catch {
    return null;
  }
}
