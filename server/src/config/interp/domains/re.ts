/**
 * Python's `re` as config scripts use it (match/search/fullmatch/findall/sub/split/compile/escape and Match objects),
 * run on JavaScript's RegExp after translating the pattern. The two engines agree only on part of the language, so
 * the model answers only there: a subject of printable ASCII, tab and newline (where \w, \d, \s, \b and `.` mean the
 * same in both), a pattern using the shared syntax (named groups and `$` are rewritten), flags IGNORECASE, DOTALL and
 * ASCII. Anything else (MULTILINE, VERBOSE, atomic groups, possessive quantifiers, conditionals, inline flags past
 * the start, \N, Unicode subjects) is unknown, never a guess.
 */
import type { Interpreter } from '../interpreter';
import { PyRaise } from '../limits';
import { NONE, UNKNOWN, int, str, type Value } from '../values';
import { module, nativeObject } from './stdlib';

const IGNORECASE = 2;
const MULTILINE = 8;
const DOTALL = 16;
const UNICODE = 32;
const VERBOSE = 64;
const ASCII = 256;
const SUPPORTED_FLAGS = IGNORECASE | DOTALL | UNICODE | ASCII;

/** What both engines read alike: printable ASCII, tab and newline. */
const PLAIN_SUBJECT = /^[\x20-\x7e\t\n]*$/;

interface Compiled {
  regex: RegExp;
  groups: number;
  names: string[];
  pattern: string;
  flags: number;
}

/** A Python pattern as a JS RegExp (flags d and g), or null where the two engines may differ. */
export function translatePattern(pattern: string, flags: number): Compiled | null {
  if (flags & ~SUPPORTED_FLAGS) return null;
  if (!PLAIN_SUBJECT.test(pattern)) return null;
  let out = '';
  let i = 0;
  let groups = 0;
  const names: string[] = [];
  let f = flags;
  // Inline flags only at the very start, e.g. (?i) or (?s).
  const lead = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (lead) {
    for (const c of lead[1]) {
      if (c === 'i') f |= IGNORECASE;
      else if (c === 's') f |= DOTALL;
      else if (c === 'a' || c === 'u') continue;
      else return null;
    }
    i = lead[0].length;
  }
  let inClass = false;
  /** Per open group: whether it (or a group inside it) captures; 'look' for a lookaround. */
  const open: (boolean | 'look')[] = [];
  /** What the last item was: a quantifier after an anchor is an error in Python, a lookahead repeat in JS; a repeated
   * group with captures keeps different values in the two engines (CPython the last taken, JS resets them). */
  let last: 'atom' | 'anchor' | 'capturing-group' | 'group' | 'none' = 'none';
  while (i < pattern.length) {
    const c = pattern[i];
    if (!inClass && /[*+?{]/.test(c) && !(c === '{' && !/^\{\d*(?:,\d*)?\}/.test(pattern.slice(i)))) {
      if (last === 'anchor' || last === 'capturing-group') return null;
    }
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return null;
      last = !inClass && /[bBAZ]/.test(n) ? 'anchor' : 'atom';
      if (/[dDwWsS]/.test(n) || (/[bB]/.test(n) && !inClass)) out += '\\' + n;
      else if (n === 'b') out += '\\b';
      else if (n === 'A' && !inClass) out += '^';
      else if (n === 'Z' && !inClass) out += '(?![\\s\\S])';
      else if (/[1-9]/.test(n) && !inClass) out += '\\' + n;
      else if (/[ntrfv]/.test(n)) out += '\\' + n;
      else if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(pattern.slice(i + 2, i + 4))) {
        out += pattern.slice(i, i + 4);
        i += 4;
        continue;
      } else if (/[^A-Za-z0-9]/.test(n)) out += '\\' + n;
      else return null;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[') {
        out += '\\[';
        i++;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      last = 'atom';
      out += '[';
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      // Python reads a ']' right after '[' or '[^' as a literal; JavaScript as an empty class.
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(') {
      last = 'none';
      if (pattern[i + 1] !== '?') {
        groups++;
        open.push(true);
        out += '(';
        i++;
        continue;
      }
      const rest = pattern.slice(i);
      const named = /^\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      const backref = /^\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
      if (named) {
        groups++;
        open.push(true);
        names[groups] = named[1];
        out += `(?<${named[1]}>`;
        i += named[0].length;
      } else if (backref) {
        out += `\\k<${backref[1]}>`;
        i += backref[0].length;
        last = 'atom';
      } else if (/^\(\?#[^)]*\)/.test(rest)) {
        i += /^\(\?#[^)]*\)/.exec(rest)![0].length;
      } else if (/^\(\?(?::|=|!|<=|<!)/.test(rest)) {
        const m = /^\(\?(?::|=|!|<=|<!)/.exec(rest)![0];
        // A lookaround is an anchor: Python refuses to repeat it.
        open.push(m === '(?:' ? false : 'look');
        out += m;
        i += m.length;
      } else return null; // atomic groups, conditionals, scoped flags, (?<name>…) spelled the JS way
      continue;
    }
    // Possessive quantifiers (3.11) have no JavaScript form; `{,n}` is a quantifier in Python, literal text in JS.
    if (/[*+?}]/.test(c) && pattern[i + 1] === '+') return null;
    if (c === '{' && /^\{,\d*\}/.test(pattern.slice(i))) return null;
    if (c === ')') {
      const g = open.pop();
      if (g === undefined) return null;
      last = g === 'look' ? 'anchor' : g ? 'capturing-group' : 'group';
      // A group inside makes the enclosing group one with captures too.
      if (g === true && open.length && open[open.length - 1] !== 'look') open[open.length - 1] = true;
      out += c;
      i++;
      continue;
    }
    if (/[*+?]/.test(c) || (c === '{' && /^\{\d*(?:,\d*)?\}/.test(pattern.slice(i)))) {
      // The quantifier applies to the previous item; what follows it is again an atom-like item.
      const q = c === '{' ? /^\{\d*(?:,\d*)?\}/.exec(pattern.slice(i))![0] : c;
      out += q;
      i += q.length;
      if (pattern[i] === '?') {
        out += '?';
        i++;
      }
      if (/[*+?]/.test(pattern[i] ?? '')) return null; // a quantifier of a quantifier: Python refuses or is possessive
      last = 'atom';
      continue;
    }
    // Python's `$` also matches before a newline that ends the string.
    if (c === '$' || c === '^') last = 'anchor';
    else if (c === '|') last = 'none';
    else last = 'atom';
    if (c === '$') out += '(?=\\n?(?![\\s\\S]))';
    else out += c;
    i++;
  }
  if (inClass) return null;
  try {
    const regex = new RegExp(out, 'dg' + (f & IGNORECASE ? 'i' : '') + (f & DOTALL ? 's' : ''));
    return { regex, groups, names, pattern, flags };
  } catch {
    return null; // Python would raise re.error, or the engines disagree on what is valid
  }
}

interface Found {
  index: number;
  end: number;
  /** Group texts (index 0 the whole match); undefined for a group that did not take part. */
  texts: (string | undefined)[];
  spans: ([number, number] | undefined)[];
}

function matches(c: Compiled, subject: string, from: number, mode: 'search' | 'match' | 'fullmatch'): Found | null {
  const source = mode === 'fullmatch' ? `(?:${c.regex.source})(?![\\s\\S])` : c.regex.source;
  // search scans from `from`; match and fullmatch are anchored there (sticky).
  const r = new RegExp(source, c.regex.flags.replace('g', '') + (mode === 'search' ? 'g' : 'y'));
  r.lastIndex = from;
  const m = r.exec(subject);
  return m ? toFound(m) : null;
}

function toFound(m: RegExpExecArray): Found {
  const spans = (m.indices ?? []).map((s) => (s ? ([s[0], s[1]] as [number, number]) : undefined));
  return { index: m.index, end: m.index + m[0].length, texts: [...m], spans };
}

/**
 * The matches finditer/findall/sub/split see. After an empty match CPython searches again from the same place but
 * must advance (a non-empty match there, or any match further on); JavaScript's matchAll just steps one character.
 */
function allMatches(c: Compiled, subject: string): Found[] {
  const out: Found[] = [];
  const search = new RegExp(c.regex.source, c.regex.flags);
  let pos = 0;
  let mustAdvance = false;
  // At most one empty and one non-empty match per position.
  while (pos <= subject.length && out.length <= 2 * subject.length + 2) {
    let m: RegExpExecArray | null = null;
    if (mustAdvance) {
      // Sticky at pos, but ending anywhere except pos: a lookbehind that holds only at offset pos.
      const nonEmpty = new RegExp(`(?:${c.regex.source})(?<!^[\\s\\S]{${pos}})`, c.regex.flags.replace('g', '') + 'y');
      nonEmpty.lastIndex = pos;
      m = nonEmpty.exec(subject);
      if (!m) {
        if (pos >= subject.length) break;
        search.lastIndex = pos + 1;
        m = search.exec(subject);
      }
    } else {
      search.lastIndex = pos;
      m = search.exec(subject);
    }
    if (!m) break;
    const f = toFound(m);
    out.push(f);
    mustAdvance = f.end === f.index;
    pos = f.end;
  }
  return out;
}

export function reModule(interp: Interpreter) {
  const fn = (n: string, f: (a: Value[], kw: Map<string, Value>) => Value) => interp.nativeFn(n, (a, kw) => f(a, kw));
  const compiledOf = (p: Value | undefined, flags: Value | undefined): Compiled | null => {
    if (p?.kind === 'ref' && p.obj.type === 'object' && p.obj.className === 're.Pattern') return flags && !(flags.kind === 'int' && flags.value === 0n) ? null : (p.obj.data as Compiled);
    if (p?.kind !== 'str') return null;
    const fl = flags === undefined ? 0 : flags.kind === 'int' ? Number(flags.value) : null;
    return fl === null ? null : translatePattern(p.value, fl);
  };
  const subjectOf = (s: Value | undefined): string | null => (s?.kind === 'str' && PLAIN_SUBJECT.test(s.value) ? s.value : null);

  const matchObject = (c: Compiled, subject: string, f: Found): Value => {
    const groupIndex = (g: Value | undefined): number | null => {
      if (g === undefined) return 0;
      if (g.kind === 'int' && g.value >= 0n && g.value <= BigInt(c.groups)) return Number(g.value);
      if (g.kind === 'str') {
        const i = c.names.indexOf(g.value);
        if (i > 0) return i;
      }
      if (g.kind === 'int' || g.kind === 'str') throw new PyRaise('IndexError');
      return null;
    };
    const groupValue = (i: number, dflt: Value = NONE): Value => (f.texts[i] === undefined ? dflt : str(f.texts[i]!));
    const spanOf = (i: number): [number, number] => f.spans[i] ?? [-1, -1];
    const one = (g: Value | undefined) => {
      const i = groupIndex(g);
      return i === null ? UNKNOWN : groupValue(i);
    };
    return nativeObject('re.Match', f, (attr) => {
      switch (attr) {
        case 'group': return fn('group', (args) => (args.length <= 1 ? one(args[0]) : interp.list(args.map(one), 'tuple')));
        case '__getitem__': return fn('__getitem__', ([g]) => one(g));
        case 'groups': return fn('groups', ([d]) => interp.list(Array.from({ length: c.groups }, (_, k) => groupValue(k + 1, d ?? NONE)), 'tuple'));
        case 'groupdict': return fn('groupdict', ([d]) => interp.dict(c.names.map((n, k) => ({ n, k })).filter((x) => x.n).map(({ n, k }) => ({ key: str(n), value: groupValue(k, d ?? NONE) }))));
        case 'start': case 'end': case 'span': return fn(attr, ([g]) => {
          const i = groupIndex(g);
          if (i === null) return UNKNOWN;
          const [s, e] = spanOf(i);
          return attr === 'start' ? int(BigInt(s)) : attr === 'end' ? int(BigInt(e)) : interp.list([int(BigInt(s)), int(BigInt(e))], 'tuple');
        });
        case 'string': return str(subject);
        default: return undefined;
      }
    });
  };

  /** Pattern.match/search/fullmatch(string): `pos`/`endpos` are not modelled. */
  const find = (c: Compiled, mode: 'search' | 'match' | 'fullmatch', [s, ...more]: Value[], kw: Map<string, Value>): Value => {
    const subject = subjectOf(s);
    if (more.length || kw.size || subject === null) return UNKNOWN;
    const f = matches(c, subject, 0, mode);
    return f ? matchObject(c, subject, f) : NONE;
  };


  const findall = (c: Compiled, subject: string): Value => interp.list(allMatches(c, subject).map((f) => {
    const g = (k: number) => str(f.texts[k] ?? '');
    if (c.groups === 0) return g(0);
    if (c.groups === 1) return g(1);
    return interp.list(Array.from({ length: c.groups }, (_, k) => g(k + 1)), 'tuple');
  }));

  const sub = (c: Compiled, repl: Value, subject: string, count: number): Value => {
    let out = '';
    let at = 0;
    let n = 0;
    for (const f of allMatches(c, subject)) {
      if (count > 0 && n >= count) break;
      const r = repl.kind === 'str' ? expandTemplate(repl.value, c, f) : (() => {
        const v = interp.callValue(repl, [matchObject(c, subject, f)], new Map(), null);
        return v.kind === 'str' ? v.value : null;
      })();
      if (r === null) return UNKNOWN;
      out += subject.slice(at, f.index) + r;
      at = f.end;
      n++;
    }
    return str(out + subject.slice(at));
  };

  const split = (c: Compiled, subject: string, maxsplit: number): Value => {
    const parts: Value[] = [];
    let at = 0;
    let n = 0;
    for (const f of allMatches(c, subject)) {
      if (maxsplit > 0 && n >= maxsplit) break;
      parts.push(str(subject.slice(at, f.index)));
      for (let k = 1; k <= c.groups; k++) parts.push(f.texts[k] === undefined ? NONE : str(f.texts[k]!));
      at = f.end;
      n++;
    }
    parts.push(str(subject.slice(at)));
    return interp.list(parts);
  };

  const intArg = (v: Value | undefined): number | null => (v === undefined ? 0 : v.kind === 'int' ? Number(v.value) : null);

  type Method = (args: Value[], kw: Map<string, Value>) => Value;
  /** The Pattern methods; the module functions compile and call these. */
  const methods = (c: Compiled): Record<'match' | 'search' | 'fullmatch' | 'findall' | 'sub' | 'split', Method> => ({
    match: (a, kw) => find(c, 'match', a, kw),
    search: (a, kw) => find(c, 'search', a, kw),
    fullmatch: (a, kw) => find(c, 'fullmatch', a, kw),
    findall: ([s, ...more], kw) => {
      const subject = subjectOf(s);
      return subject === null || more.length || kw.size ? UNKNOWN : findall(c, subject);
    },
    sub: ([r, s, cnt], kw) => {
      const subject = subjectOf(s);
      const count = intArg(kw.get('count') ?? cnt);
      return subject === null || count === null || !r ? UNKNOWN : sub(c, r, subject, count);
    },
    split: ([s, m], kw) => {
      const subject = subjectOf(s);
      const maxsplit = intArg(kw.get('maxsplit') ?? m);
      return subject === null || maxsplit === null ? UNKNOWN : split(c, subject, maxsplit);
    },
  });

  const patternObject = (c: Compiled): Value => nativeObject('re.Pattern', c, (attr) => {
    const m = methods(c);
    if (Object.prototype.hasOwnProperty.call(m, attr)) return fn(attr, m[attr as keyof typeof m]);
    if (attr === 'pattern') return str(c.pattern);
    if (attr === 'groups') return int(BigInt(c.groups));
    return attr === 'flags' ? UNKNOWN : undefined; // CPython adds re.UNICODE to str patterns
  });

  /** re.NAME(pattern, …, flags=0): compile, then the Pattern's method; `flags` stands after `arity` arguments. */
  const moduleFunction = (name: keyof ReturnType<typeof methods>, arity: number) => fn(name, ([p, ...rest], kw) => {
    const c = compiledOf(p, kw.get('flags') ?? rest[arity]);
    if (!c || rest.length > arity + 1) return UNKNOWN;
    return methods(c)[name](rest.slice(0, arity), new Map([...kw].filter(([k]) => k !== 'flags')));
  });

  return module('re', {
    compile: fn('compile', ([p, flags], kw) => {
      const c = compiledOf(p, kw.get('flags') ?? flags);
      return c ? patternObject(c) : UNKNOWN;
    }),
    match: moduleFunction('match', 1),
    search: moduleFunction('search', 1),
    fullmatch: moduleFunction('fullmatch', 1),
    findall: moduleFunction('findall', 1),
    sub: moduleFunction('sub', 3),
    split: moduleFunction('split', 2),
    escape: fn('escape', ([s]) => (s?.kind === 'str' ? str(s.value.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (ch) => '\\' + ch)) : UNKNOWN)),
    I: int(BigInt(IGNORECASE)), IGNORECASE: int(BigInt(IGNORECASE)),
    S: int(BigInt(DOTALL)), DOTALL: int(BigInt(DOTALL)),
    M: int(BigInt(MULTILINE)), MULTILINE: int(BigInt(MULTILINE)),
    X: int(BigInt(VERBOSE)), VERBOSE: int(BigInt(VERBOSE)),
    A: int(BigInt(ASCII)), ASCII: int(BigInt(ASCII)),
    U: int(BigInt(UNICODE)), UNICODE: int(BigInt(UNICODE)),
  });
}

/** A sub() replacement template: \1, \g<1>, \g<name>, and the escapes Python reads in it; null when unsure. */
function expandTemplate(t: string, c: Compiled, f: Found): string | null {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== '\\') {
      out += t[i];
      continue;
    }
    const n = t[i + 1];
    const g = /^g<([^>]+)>/.exec(t.slice(i + 1));
    const num = /^\d{1,2}/.exec(t.slice(i + 1));
    let k: number | null = null;
    if (g) {
      k = /^\d+$/.test(g[1]) ? Number(g[1]) : c.names.indexOf(g[1]);
      i += g[0].length;
    } else if (num && num[0][0] !== '0') {
      k = Number(num[0]);
      i += num[0].length;
    } else if (n && 'ntrfv\\'.includes(n)) {
      out += { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '\\': '\\' }[n];
      i++;
      continue;
    } else return null; // Python raises on unknown letter escapes; other characters stay escaped
    if (k === null || k < 0 || k > c.groups) return null;
    out += f.texts[k] ?? '';
  }
  return out;
}
