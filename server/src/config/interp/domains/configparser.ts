/**
 * `configparser` as SST scripts use it to read a machine description next to the script (balar's gpu-*.cfg,
 * shogun's and ember's .ini files): ConfigParser / RawConfigParser, read() of files the run sees, read_string,
 * read_file, and the getters (get, getint, getfloat, getboolean, items, options, sections, has_*, `cp[s][o]`).
 * A missing file is skipped as CPython skips it; where the run's files are unknown, or a file is one the model
 * cannot read, the parser's contents are unknown. What CPython raises for a known missing section or option
 * (NoSectionError, NoOptionError, KeyError) is raised; a conversion it would refuse is unknown, never invented.
 */
import type { Escapable, Interpreter } from '../interpreter';
import { touch, born, type Journaled } from '../journal';
import { PyRaise } from '../limits';
import { NONE, UNKNOWN, bool, float, int, str, type Value } from '../values';
import { absolutePath } from './files';
import { DEFAULT_SECTION, copyIni, emptyIni, interpolate, readIni, sameIni, type IniData } from './iniFile';
import { module, nativeObject } from './stdlib';
import type { ModuleObject } from '../heap';

interface State { data: IniData; opaque: string | null; keepCase: boolean }

/** One parser's contents; the journal undoes and joins them across branches. */
class ParserState implements Journaled, Escapable {
  data = emptyIni();
  /** Why its contents are unknown (a read the model could not do, branches that read differently), or null. */
  opaque: string | null = null;
  /** `optionxform = str`: option names keep their case. */
  keepCase = false;
  constructor(readonly interpolation: boolean) {}
  snapshot(): State {
    return { data: copyIni(this.data), opaque: this.opaque, keepCase: this.keepCase };
  }
  restore(s: unknown): void {
    const st = s as State;
    this.data = copyIni(st.data);
    this.opaque = st.opaque;
    this.keepCase = st.keepCase;
  }
  join(a: unknown, b: unknown): void {
    const sa = a as State;
    const sb = b as State;
    this.restore(sa);
    this.opaque = sa.opaque ?? sb.opaque;
    if (!sameIni(sa.data, sb.data) || sa.keepCase !== sb.keepCase) this.opaque ??= 'it was filled differently under a condition the model cannot decide';
  }
  escaped(why: string): void {
    touch(this);
    this.opaque ??= why;
  }
}

const BOOLEANS: Record<string, boolean> = { '1': true, yes: true, true: true, on: true, '0': false, no: false, false: false, off: false };

/** ConfigParser's converters: null where CPython's int()/float() or BOOLEAN_STATES would raise. */
const CONVERT: Record<string, (s: string) => Value | null> = {
  getint: (s) => (/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(s) ? int(BigInt(s.trim().replace(/_/g, ''))) : null),
  getfloat: (s) => (/^\s*[+-]?(?:\d+(?:_\d+)*\.?(?:\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?\s*$/.test(s) ? float(Number(s.trim().replace(/_/g, ''))) : null),
  getboolean: (s) => (Object.hasOwn(BOOLEANS, s.toLowerCase()) ? bool(BOOLEANS[s.toLowerCase()]) : null),
};

export function configparserModule(interp: Interpreter): ModuleObject {
  const errorClass = (name: string) => interp.nativeFn(name, () => UNKNOWN);
  return module('configparser', {
    ConfigParser: interp.nativeFn('ConfigParser', (_a, kw) => makeParser(interp, true, kw)),
    SafeConfigParser: interp.nativeFn('SafeConfigParser', (_a, kw) => makeParser(interp, true, kw)),
    RawConfigParser: interp.nativeFn('RawConfigParser', (_a, kw) => makeParser(interp, false, kw)),
    DEFAULTSECT: str(DEFAULT_SECTION),
    Error: errorClass('Error'),
    NoSectionError: errorClass('NoSectionError'),
    NoOptionError: errorClass('NoOptionError'),
    DuplicateSectionError: errorClass('DuplicateSectionError'),
    DuplicateOptionError: errorClass('DuplicateOptionError'),
    ParsingError: errorClass('ParsingError'),
    MissingSectionHeaderError: errorClass('MissingSectionHeaderError'),
    InterpolationError: errorClass('InterpolationError'),
  });
}

/** Constructor keywords that change how files are read or values got: not modelled (the contents are unknown). */
const PLAIN_KEYWORDS = new Set(['defaults']);

function makeParser(interp: Interpreter, interpolation: boolean, kw: Map<string, Value>): Value {
  const st = born(new ParserState(interpolation));
  if ([...kw.keys()].some((k) => !PLAIN_KEYWORDS.has(k))) st.opaque = 'it was made with options the model does not follow';
  const fn = (name: string, f: (a: Value[], kw: Map<string, Value>) => Value) => interp.nativeFn(name, f);
  const xform = (o: string): string => (st.keepCase ? o : o.toLowerCase());
  const read = (text: string): boolean => {
    touch(st);
    if (readIni(text, st.data, st.keepCase)) return true;
    st.opaque ??= 'it read text CPython refuses or the model cannot read';
    return false;
  };
  const defaults = kw.get('defaults');
  if (defaults && defaults.kind !== 'none') {
    const entries = defaults.kind === 'ref' && defaults.obj.type === 'dict' && !defaults.obj.incomplete ? defaults.obj.entries : null;
    if (!entries || entries.some((e) => e.key.kind !== 'str' || e.value.kind !== 'str')) st.opaque ??= 'its defaults are not known strings';
    else for (const e of entries) st.data.defaults.set(xform((e.key as { value: string }).value), (e.value as { value: string }).value);
  }

  /** A section's options over the defaults (ChainMap(section, defaults)); undefined for a missing section. */
  const chain = (section: string): Map<string, string | null> | undefined => {
    const own = section === DEFAULT_SECTION ? new Map() : st.data.sections.get(section);
    return own && new Map([...st.data.defaults, ...own]);
  };
  /** An option's value as get() returns it; null where it is unknown, undefined when it is missing. */
  const valueOf = (section: string, option: string, raw: boolean): Value | undefined => {
    const d = chain(section)!;
    const o = xform(option);
    if (!d.has(o)) return undefined;
    const v = d.get(o)!;
    if (v === null) return NONE;
    if (raw || !st.interpolation) return str(v);
    const out = interpolate(v, (n) => d.get(xform(n)));
    return out === null ? UNKNOWN : str(out);
  };
  const noSection = (s: string): never => {
    throw new PyRaise(`NoSectionError: No section: '${s}'`);
  };
  /** get/getint/getfloat/getboolean: `fallback` when the section or option is missing, else CPython's error. */
  const getter = (name: string, convert?: (s: string) => Value | null) => fn(name, ([s, o, ...rest], kws) => {
    if (st.opaque || s?.kind !== 'str' || o?.kind !== 'str' || rest.length || kws.has('vars')) return UNKNOWN;
    const raw = kws.get('raw');
    if (raw && raw.kind !== 'bool') return UNKNOWN;
    const fallback = kws.get('fallback');
    if (!chain(s.value)) return fallback ?? noSection(s.value);
    const v = valueOf(s.value, o.value, raw?.kind === 'bool' && raw.value);
    if (v === undefined) {
      if (fallback) return fallback;
      throw new PyRaise(`NoOptionError: No option '${xform(o.value)}' in section: '${s.value}'`);
    }
    if (!convert || v.kind !== 'str') return convert && v.kind !== 'unknown' ? UNKNOWN : v;
    return convert(v.value) ?? UNKNOWN;
  });
  const listOf = (names: string[]) => interp.list(names.map((n) => str(n)));
  const strArg = (v: Value | undefined): string | null => (!st.opaque && v?.kind === 'str' ? v.value : null);

  const self: Value = nativeObject(interpolation ? 'ConfigParser' : 'RawConfigParser', st, (name) => {
    switch (name) {
      case 'read': return fn(name, ([names]) => {
        const files = interp.options.files;
        const list = names?.kind === 'str' ? [names.value] : names ? interp.iterate(names)?.map((v) => (v.kind === 'str' ? v.value : null)) : null;
        touch(st);
        if (!files || !list || list.some((n) => n === null)) {
          st.opaque ??= 'it read files the model cannot see';
          return UNKNOWN;
        }
        const done: string[] = [];
        for (const n of list as string[]) {
          const abs = absolutePath(files, n);
          interp.noteFileRead(abs);
          // A file that cannot be opened is skipped, as CPython's read() skips it.
          if (files.kind(abs) !== 'file') continue;
          const text = files.read(abs);
          if (text === null) {
            st.opaque ??= `it read ${n}, which the model cannot read`;
            return UNKNOWN;
          }
          if (!read(text)) return UNKNOWN;
          done.push(n);
        }
        return listOf(done);
      });
      case 'read_string': return fn(name, ([s]) => {
        if (s?.kind !== 'str') return (st.escaped('it read text the model does not know'), UNKNOWN);
        read(s.value);
        return NONE;
      });
      case 'read_file':
      case 'readfp': return fn(name, ([f]) => {
        const r = f?.kind === 'ref' && f.obj.type === 'object' ? f.obj.getAttr('read', f.obj) : undefined;
        const text = r ? interp.callValue(r, [], new Map(), null) : UNKNOWN;
        if (text.kind !== 'str') return (st.escaped('it read a file the model cannot read'), UNKNOWN);
        read(text.value);
        return NONE;
      });
      case 'sections': return fn(name, () => (st.opaque ? UNKNOWN : listOf([...st.data.sections.keys()])));
      case 'has_section': return fn(name, ([s]) => {
        const sec = strArg(s);
        return sec === null ? UNKNOWN : bool(st.data.sections.has(sec));
      });
      case 'has_option': return fn(name, ([s, o]) => {
        const sec = strArg(s);
        if (sec === null || o?.kind !== 'str') return UNKNOWN;
        const opt = xform(o.value);
        if (sec === '' || sec === DEFAULT_SECTION) return bool(st.data.defaults.has(opt));
        return bool(!!st.data.sections.get(sec)?.has(opt) || st.data.defaults.has(opt));
      });
      case 'options': return fn(name, ([s]) => {
        const sec = strArg(s);
        if (sec === null) return UNKNOWN;
        const own = st.data.sections.get(sec) ?? noSection(sec);
        return listOf([...new Map([...own, ...st.data.defaults]).keys()]);
      });
      case 'defaults': return fn(name, () => (st.opaque ? UNKNOWN : interp.dict([...st.data.defaults].map(([k, v]) => ({ key: str(k), value: v === null ? NONE : str(v) })))));
      case 'get': return getter(name);
      case 'getint':
      case 'getfloat':
      case 'getboolean': return getter(name, CONVERT[name]);
      case 'items': return fn(name, ([s], kws) => {
        const sec = strArg(s);
        if (sec === null || kws.has('vars')) return UNKNOWN;
        if (!chain(sec)) noSection(sec);
        const raw = kws.get('raw');
        // The defaults' options first, then the section's own (dict.update order, as CPython's items()).
        const keys = [...chain(sec)!.keys()];
        return interp.list(keys.map((k) => interp.list([str(k), valueOf(sec, k, raw?.kind === 'bool' && raw.value) ?? UNKNOWN], 'tuple')));
      });
      case 'add_section': return fn(name, ([s]) => {
        const sec = strArg(s);
        if (sec === null) return (st.escaped('a section the model does not know was added'), UNKNOWN);
        if (sec === DEFAULT_SECTION) throw new PyRaise(`ValueError: Invalid section name: '${sec}'`);
        if (st.data.sections.has(sec)) throw new PyRaise(`DuplicateSectionError: Section '${sec}' already exists`);
        touch(st);
        st.data.sections.set(sec, new Map());
        return NONE;
      });
      case 'set': return fn(name, ([s, o, v]) => {
        const sec = strArg(s);
        if (sec === null || o?.kind !== 'str' || !(v?.kind === 'str' || v?.kind === 'none')) return (st.escaped('an option the model does not know was set'), UNKNOWN);
        const into = sec === '' || sec === DEFAULT_SECTION ? st.data.defaults : st.data.sections.get(sec) ?? noSection(sec);
        touch(st);
        into.set(xform(o.value), v.kind === 'str' ? v.value : null);
        return NONE;
      });
      case '__getitem__': return fn(name, ([s]) => {
        const sec = strArg(s);
        if (sec === null) return UNKNOWN;
        if (!chain(sec)) throw new PyRaise(`KeyError: '${sec}'`);
        return sectionProxy(sec);
      });
      case '__contains__': return fn(name, ([s]) => {
        const sec = strArg(s);
        return sec === null ? UNKNOWN : bool(sec === DEFAULT_SECTION || st.data.sections.has(sec));
      });
      case '__iter__': return fn(name, () => interp.iteratorOf(st.opaque ? null : [DEFAULT_SECTION, ...st.data.sections.keys()].map((k) => str(k))));
      case '__len__': return fn(name, () => (st.opaque ? UNKNOWN : int(BigInt(st.data.sections.size + 1))));
      case '__setattr__': return fn(name, ([attr, v]) => {
        touch(st);
        const builtinStr = interp.native('builtins')?.attrs.get('str');
        if (attr?.kind === 'str' && attr.value === 'optionxform' && v?.kind === 'ref' && builtinStr?.kind === 'ref' && v.obj === builtinStr.obj) st.keepCase = true;
        else st.opaque ??= 'an attribute the model does not follow was set on it';
        return NONE;
      });
      default: return undefined;
    }
  });

  /** `cp[section]`: a mapping view of one section over the defaults (get's fallback defaults to None here). */
  const sectionProxy = (sec: string): Value => {
    // Its keys as SectionProxy lists them (parser.options(): the section's own first, then the defaults').
    const keys = (): string[] | null => {
      if (st.opaque || !chain(sec)) return null;
      return sec === DEFAULT_SECTION ? [...st.data.defaults.keys()] : [...new Map([...st.data.sections.get(sec)!, ...st.data.defaults]).keys()];
    };
    const item = (k: Value | undefined): Value => {
      if (st.opaque || k?.kind !== 'str') return UNKNOWN;
      const v = chain(sec) ? valueOf(sec, k.value, false) : undefined;
      if (v === undefined) throw new PyRaise(`KeyError: '${k.value}'`);
      return v;
    };
    const proxyGetter = (name: string) => fn(name, ([o, fb], kws) => {
      const get = self.kind === 'ref' && self.obj.type === 'object' ? self.obj.getAttr(name, self.obj) : undefined;
      if (!get) return UNKNOWN;
      const k = new Map(kws);
      if (!k.has('fallback')) k.set('fallback', fb ?? NONE);
      return interp.callValue(get, [str(sec), o ?? UNKNOWN], k, null);
    });
    return nativeObject('SectionProxy', null, (name) => {
      switch (name) {
        case 'name': return str(sec);
        case '__getitem__': return fn(name, ([k]) => item(k));
        case '__contains__': return fn(name, ([k]) => {
          const ks = keys();
          return !ks || k?.kind !== 'str' ? UNKNOWN : bool(ks.includes(xform(k.value)));
        });
        case '__iter__':
        case 'keys': return fn(name, () => interp.iteratorOf(keys()?.map((k) => str(k)) ?? null));
        case 'values': return fn(name, () => interp.iteratorOf(keys()?.map((k) => item(str(k))) ?? null));
        case 'items': return fn(name, () => interp.iteratorOf(keys()?.map((k) => interp.list([str(k), item(str(k))], 'tuple')) ?? null));
        case '__len__': return fn(name, () => {
          const ks = keys();
          return ks ? int(BigInt(ks.length)) : UNKNOWN;
        });
        case 'get':
        case 'getint':
        case 'getfloat':
        case 'getboolean': return proxyGetter(name);
        default: return undefined;
      }
    });
  };
  return self;
}
