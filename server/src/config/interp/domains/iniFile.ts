/**
 * INI text as CPython 3.11's configparser reads it with its defaults (RawConfigParser._read): `[section]` headers,
 * `name = value` / `name: value` options (the first `=` or `:` splits), full-line `#`/`;` comments, continuation
 * lines indented deeper than their option, empty lines kept inside a value and trailing ones dropped, `[DEFAULT]` for
 * the defaults, option names through optionxform (lowercased unless the script keeps them). What CPython refuses
 * (no section header, a line with no delimiter, a section or option twice in one file) gives null: the model does
 * not raise configparser's errors, it says it cannot read the file.
 */

export const DEFAULT_SECTION = 'DEFAULT';

/** Sections in file order, each option's value (null for a valueless option) in order. */
export interface IniData {
  defaults: Map<string, string | null>;
  sections: Map<string, Map<string, string | null>>;
}

export function emptyIni(): IniData {
  return { defaults: new Map(), sections: new Map() };
}

export function copyIni(d: IniData): IniData {
  return { defaults: new Map(d.defaults), sections: new Map([...d.sections].map(([k, v]) => [k, new Map(v)])) };
}

export function sameIni(a: IniData, b: IniData): boolean {
  const same = (x: Map<string, string | null>, y: Map<string, string | null>): boolean =>
    x.size === y.size && [...x].every(([k, v], i) => [...y.keys()][i] === k && y.get(k) === v);
  return same(a.defaults, b.defaults) && a.sections.size === b.sections.size &&
    [...a.sections].every(([k, v], i) => [...b.sections.keys()][i] === k && same(v, b.sections.get(k)!));
}

const SECTION = /^\[(.+)\]/;
const OPTION = /^(.*?)\s*([=:])\s*(.*)$/;

/** Reads `text` into `into` (a later file adds to and overrides what earlier ones set); false when CPython would raise. */
export function readIni(text: string, into: IniData, keepCase: boolean): boolean {
  const added = new Set<string>();
  let cursect: Map<string, string[] | null> | null = null;
  let sectname = '';
  let optname: string | null = null;
  let indentLevel = 0;
  // Values are gathered as lines and joined at the end, as _join_multiline_values does.
  const pending: { sect: Map<string, string | null>; lines: Map<string, string[] | null> }[] = [];
  const linesOf = new Map<Map<string, string | null>, Map<string, string[] | null>>();
  const open = (sect: Map<string, string | null>): Map<string, string[] | null> => {
    let l = linesOf.get(sect);
    if (!l) {
      l = new Map([...sect].map(([k, v]) => [k, v === null ? null : [v]]));
      linesOf.set(sect, l);
      pending.push({ sect, lines: l });
    }
    return l;
  };
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw;
    const stripped = line.trim();
    const comment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = comment ? '' : stripped;
    if (!value) {
      // An empty line belongs to the value being read (not a comment line); trailing ones are dropped at the end.
      const cur = cursect && optname !== null ? cursect.get(optname) : null;
      if (!comment && cur) cur.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (cursect && optname !== null && indent > indentLevel) {
      const cur = cursect.get(optname);
      // A continuation of a valueless option: CPython fails on it (appending to None).
      if (!cur) return false;
      cur.push(value);
      continue;
    }
    indentLevel = indent;
    const header = SECTION.exec(value);
    if (header) {
      sectname = header[1];
      if (sectname === DEFAULT_SECTION) cursect = open(into.defaults);
      else {
        if (added.has(sectname)) return false;
        let sect = into.sections.get(sectname);
        if (!sect) into.sections.set(sectname, (sect = new Map()));
        cursect = open(sect);
        added.add(sectname);
      }
      optname = null;
      continue;
    }
    if (!cursect) return false;
    const opt = OPTION.exec(value);
    if (!opt || !opt[1]) return false;
    optname = keepCase ? opt[1].trimEnd() : opt[1].trimEnd().toLowerCase();
    const key = `${sectname}\u0000${optname}`;
    if (added.has(key)) return false;
    added.add(key);
    cursect.set(optname, [opt[3].trim()]);
  }
  for (const { sect, lines } of pending) {
    for (const [k, v] of lines) sect.set(k, v === null ? null : v.join('\n').trimEnd());
  }
  return true;
}

/**
 * BasicInterpolation.before_get: `%%` is `%`, `%(name)s` the (interpolated) option `name` of the section or the
 * defaults (`lookup` applies optionxform); null where CPython raises (a lone `%`, a missing name, a reference loop,
 * more than 10 levels).
 */
export function interpolate(value: string, lookup: (name: string) => string | null | undefined, depth = 1): string | null {
  if (!value.includes('%')) return value;
  if (depth > 10) return null;
  let out = '';
  let rest = value;
  while (rest) {
    const p = rest.indexOf('%');
    if (p < 0) return out + rest;
    out += rest.slice(0, p);
    rest = rest.slice(p);
    if (rest[1] === '%') {
      out += '%';
      rest = rest.slice(2);
    } else if (rest[1] === '(') {
      const m = /^%\(([^)]+)\)s/.exec(rest);
      if (!m) return null;
      const v = lookup(m[1]);
      if (v === undefined || v === null) return null;
      const inner = interpolate(v, lookup, depth + 1);
      if (inner === null) return null;
      out += inner;
      rest = rest.slice(m[0].length);
    } else return null;
  }
  return out;
}
