/**
 * The parts of Python's standard library config scripts use: os and os.path (paths, the working directory), sys
 * (argv, path edits), math, and argparse (options come from the run being modelled). What depends on the machine
 * (the file system, the environment) is unknown.
 */
import { emulateArgparse } from '../../argparse';
import type { ArgOption, ArgValues, PyValue } from '../../types';
import { raiseExit, valueToPy } from '../builtins';
import type { CallSite, ModuleObject, NativeObject } from '../heap';
import { born } from '../journal';
import type { Interpreter } from '../interpreter';
import { NONE, UNKNOWN, bool, float, int, primFromPy, str, type Value } from '../values';
import { pathKind } from './files';

/** ArgValues key for `m5.options.outdir` (gem5's `-d/--outdir`, default "m5out"): callers bind it per run. */
export const GEM5_OUTDIR_KEY = 'm5.options.outdir';
/** ArgValues key for `os.getcwd()`: the working directory of the run, bound by callers that know it. */
export const CWD_KEY = 'os.getcwd()';

export function module(name: string, attrs: Record<string, Value>): ModuleObject {
  return born<ModuleObject>({ type: 'module', name, attrs: new Map(Object.entries(attrs)), permissive: false });
}

export function nativeObject(className: string, data: unknown, getAttr: NativeObject['getAttr']): Value {
  return { kind: 'ref', obj: born<NativeObject>({ type: 'object', className, data, getAttr }) };
}

export function pyToValue(interp: Interpreter, p: PyValue): Value {
  if (p.kind === 'list') return interp.list(p.items.map((i) => pyToValue(interp, i)));
  if (p.kind === 'dict') return interp.dict(p.entries.map(([k, v]) => ({ key: pyToValue(interp, k), value: pyToValue(interp, v) })));
  return primFromPy(p) ?? UNKNOWN;
}

/** `os.path.join` semantics: an absolute component restarts the path. */
export function posixJoin(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (p.startsWith('/')) out = p;
    else if (out === '' || out.endsWith('/')) out += p;
    else out += '/' + p;
  }
  return out;
}

export function normpath(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const lead = abs && p.startsWith('//') && !p.startsWith('///') ? 2 : abs ? 1 : 0;
  const out: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..' && (out.length > 0 && out[out.length - 1] !== '..')) out.pop();
    else if (c === '..' && abs) continue;
    else out.push(c);
  }
  const s = '/'.repeat(lead) + out.join('/');
  return s || '.';
}

function strArgs(args: Value[]): string[] | null {
  const out: string[] = [];
  for (const a of args) {
    if (a.kind !== 'str') return null;
    out.push(a.value);
  }
  return out;
}

export function stdlibModule(name: string, interp: Interpreter, args: ArgValues | undefined, argv?: readonly string[]): ModuleObject | undefined {
  const fn = (n: string, f: (a: Value[], kw: Map<string, Value>) => Value) => interp.nativeFn(n, (a, kw) => f(a, kw));
  // A gem5 run binds its working directory among its values; an SST run whose files are known has it there.
  const cwd = (): string | null => {
    const c = args?.get(CWD_KEY);
    return c?.kind === 'str' ? c.value : interp.options.files?.cwd ?? null;
  };
  const abspath = (p: string): string | null => {
    if (p.startsWith('/')) return normpath(p);
    const c = cwd();
    return c === null ? null : normpath(posixJoin([c, p]));
  };
  switch (name) {
    case 'os.path': return module('os.path', {
      join: fn('join', (a) => {
        const parts = strArgs(a);
        return parts && parts.length ? str(posixJoin(parts)) : UNKNOWN;
      }),
      dirname: fn('dirname', ([p]) => {
        if (p?.kind !== 'str') return UNKNOWN;
        const i = p.value.lastIndexOf('/') + 1;
        let head = p.value.slice(0, i);
        if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
        return str(head);
      }),
      basename: fn('basename', ([p]) => (p?.kind === 'str' ? str(p.value.slice(p.value.lastIndexOf('/') + 1)) : UNKNOWN)),
      abspath: fn('abspath', ([p]) => {
        const r = p?.kind === 'str' ? abspath(p.value) : null;
        return r === null ? UNKNOWN : str(r);
      }),
      normpath: fn('normpath', ([p]) => (p?.kind === 'str' ? str(normpath(p.value)) : UNKNOWN)),
      // realpath follows symlinks on the user's machine: only an absolute path without any link can be known.
      realpath: fn('realpath', () => UNKNOWN),
      isabs: fn('isabs', ([p]) => (p?.kind === 'str' ? bool(p.value.startsWith('/')) : UNKNOWN)),
      splitext: fn('splitext', ([p]) => {
        if (p?.kind !== 'str') return UNKNOWN;
        const base = p.value.slice(p.value.lastIndexOf('/') + 1);
        const dot = base.lastIndexOf('.');
        if (dot <= 0 || /^\.+$/.test(base.slice(0, dot))) return interp.list([p, str('')], 'tuple');
        const cut = p.value.length - (base.length - dot);
        return interp.list([str(p.value.slice(0, cut)), str(p.value.slice(cut))], 'tuple');
      }),
      expanduser: fn('expanduser', ([p]) => (p?.kind === 'str' && !p.value.startsWith('~') ? p : UNKNOWN)),
      // Known where the run's files are (an sst task gives the working directory), else unknown.
      exists: fn('exists', ([p]) => { const k = pathKind(interp, interp.options.files, p); return k === undefined ? UNKNOWN : bool(k !== null); }),
      isdir: fn('isdir', ([p]) => { const k = pathKind(interp, interp.options.files, p); return k === undefined ? UNKNOWN : bool(k === 'dir'); }),
      isfile: fn('isfile', ([p]) => { const k = pathKind(interp, interp.options.files, p); return k === undefined ? UNKNOWN : bool(k === 'file'); }),
      sep: str('/'),
    });
    case 'os': return module('os', {
      path: { kind: 'ref', obj: interp.native('os.path')! },
      getcwd: fn('getcwd', () => {
        const c = cwd();
        return c === null ? UNKNOWN : str(c);
      }),
      sep: str('/'),
      environ: UNKNOWN,
      getenv: fn('getenv', () => UNKNOWN),
      listdir: fn('listdir', () => UNKNOWN),
      makedirs: fn('makedirs', () => NONE),
      mkdir: fn('mkdir', () => NONE),
      system: fn('system', () => UNKNOWN),
    });
    case 'sys': {
      // argv beyond the script path comes from the run (SST's model options); unknown unless the run says.
      const argvList = interp.list([str(interp.main?.path ?? ''), ...(argv ?? []).map((a) => str(a))]);
      if (!argv) (argvList as { obj: { incomplete?: string } }).obj.incomplete = 'sys.argv holds the options of the run';
      return module('sys', {
        argv: argvList,
        path: interp.list([]),
        exit: fn('exit', ([status]) => raiseExit(status)),
        version_info: UNKNOWN,
        platform: str('linux'),
        stdout: UNKNOWN,
        stderr: UNKNOWN,
      });
    }
    case 'math': {
      const num = (v: Value | undefined) => (v?.kind === 'int' ? Number(v.value) : v?.kind === 'float' ? v.value : null);
      const toInt = (x: number | null) => (x === null || !Number.isFinite(x) ? UNKNOWN : int(BigInt(x)));
      return module('math', {
        ceil: fn('ceil', ([v]) => (v?.kind === 'int' ? v : toInt(v?.kind === 'float' ? Math.ceil(v.value) : null))),
        floor: fn('floor', ([v]) => (v?.kind === 'int' ? v : toInt(v?.kind === 'float' ? Math.floor(v.value) : null))),
        log2: fn('log2', ([v]) => {
          const x = num(v);
          return x !== null && x > 0 ? float(Math.log2(x)) : UNKNOWN;
        }),
        sqrt: fn('sqrt', ([v]) => {
          const x = num(v);
          return x !== null && x >= 0 ? float(Math.sqrt(x)) : UNKNOWN;
        }),
        pi: float(Math.PI),
      });
    }
    case 'argparse': return argparseModule(interp, args);
    default: return undefined;
  }
}

/**
 * What one ArgumentParser of a run was given: its options in order, whether one was lost (an add_argument the model
 * could not read or that ran under an undecided condition, set_defaults, the parser handed to code the model cannot
 * follow), and whether the script parsed with it.
 */
export class ParserRecord {
  readonly options: ArgOption[] = [];
  lost = false;
  parsed = false;
  escaped(): void {
    this.lost = true;
  }
}

/**
 * argparse as the run sees it. `add_argument` calls are recorded as they run; `parse_args()` gives the values of
 * the run being modelled: the ones the caller bound (gem5 runs, by dest), else those the emulation (argparse.ts)
 * computes from sys.argv when the run's argv is known, else unknown.
 */
function argparseModule(interp: Interpreter, args: ArgValues | undefined): ModuleObject {
  /** `whole`: the values are every option's (the emulation parsed sys.argv), so vars(args) is known too. */
  const namespace = (values: ReadonlyMap<string, PyValue> | undefined, whole = false): Value => nativeObject('Namespace', null, (name) => {
    if (name === '__dict__') return whole && values ? interp.dict([...values].map(([k, v]) => ({ key: str(k), value: pyToValue(interp, v) }))) : undefined;
    const v = values?.get(name);
    return v ? pyToValue(interp, v) : UNKNOWN;
  });
  const parser = (): Value => {
    const record = new ParserRecord();
    interp.argParsers.push(record);
    const options = record.options;
    const lose = () => {
      record.lost = true;
    };
    const parse = (explicit: Value | undefined): Value => {
      record.parsed = true;
      if (args) return namespace(args);
      const argvValue = explicit ?? (interp.native('sys')?.attrs.get('argv'));
      const items = argvValue ? interp.iterate(argvValue) : null;
      if (!items || record.lost || items.some((i) => i.kind !== 'str')) return namespace(undefined);
      const argv = (explicit ? items : items.slice(1)).map((i) => (i as { value: string }).value);
      const r = emulateArgparse(options, argv);
      return r.errors.length ? UNKNOWN : namespace(r.values, true);
    };
    /** parse_known_args(): the namespace and the arguments it did not recognise ([] when the emulation parsed all). */
    const parseKnown = (explicit: Value | undefined): Value => {
      const ns = parse(explicit);
      const parsedAll = !args && ns.kind === 'ref' && ns.obj.type === 'object' && ns.obj.getAttr('__dict__', ns.obj) !== undefined;
      return interp.list([ns, parsedAll ? interp.list([]) : UNKNOWN], 'tuple');
    };
    const self: Value = nativeObject('ArgumentParser', record, (name) => {
      switch (name) {
        case 'add_argument': return interp.nativeFn(name, (a, kw, site) => {
          const o = optionOf(a, kw, site);
          // An option added under a condition the model cannot decide may not exist.
          if (o && !interp.inForkNow()) options.push(o);
          else lose();
          return UNKNOWN;
        });
        case 'add_argument_group':
        case 'add_mutually_exclusive_group': return interp.nativeFn(name, () => self);
        case 'parse_args': return interp.nativeFn(name, ([a]) => parse(a));
        case 'parse_known_args': return interp.nativeFn(name, ([a]) => parseKnown(a));
        case 'set_defaults': return interp.nativeFn(name, () => {
          lose();
          return NONE;
        });
        case 'print_help':
        case 'error': return interp.nativeFn(name, () => NONE);
        default: return UNKNOWN;
      }
    });
    return self;
  };
  const booleanOptional = nativeObject('BooleanOptionalAction', null, () => undefined);
  const optionOf = (a: Value[], kw: Map<string, Value>, site: CallSite): ArgOption | null => {
    const flags = a.map((f) => (f.kind === 'str' ? f.value : null));
    // Option strings all start with '-'; a positional has one name.
    if (!flags.length || flags.some((f) => f === null) || (flags.length > 1 && flags.some((f) => !f!.startsWith('-')))) return null;
    const typeFn = kw.get('type');
    // A type the model does not follow (a lambda, a helper) converts to an unknown value; the parse itself is known.
    const typeName = typeFn?.kind === 'ref' && typeFn.obj.type === 'native' && ['str', 'int', 'float'].includes(typeFn.obj.name) ? typeFn.obj.name as 'str' | 'int' | 'float' : typeFn ? 'opaque' : null;
    const py = (v: Value | undefined): PyValue | null => (v ? valueToPy(v) : null);
    const dflt = kw.has('default') ? py(kw.get('default')) : { kind: 'none' as const };
    const choices = kw.has('choices') ? py(kw.get('choices')) : null;
    const actionArg = kw.get('action');
    const action = actionArg?.kind === 'ref' && actionArg.obj === (booleanOptional as { obj: unknown }).obj ? str('BooleanOptionalAction') : actionArg;
    const nargs = kw.get('nargs');
    if (!dflt || (kw.has('choices') && choices?.kind !== 'list') || (action && action.kind !== 'str') || (nargs && nargs.kind !== 'str' && nargs.kind !== 'int')) return null;
    const long = (flags as string[]).find((f) => f.startsWith('--')) ?? flags[0]!;
    const destValue = kw.get('dest');
    // A positional's dest is its name as written; an option's drops the dashes and turns '-' into '_'.
    const dest = destValue?.kind === 'str' ? destValue.value : long.startsWith('-') ? long.replace(/^-+/, '').replace(/-/g, '_') : long;
    const req = kw.get('required');
    const span = site.module.lines.span(site.node.from, site.node.to);
    return {
      ...(site.module === interp.main ? {} : { file: site.module.path }),
      flags: flags as string[],
      flagSpans: (flags as string[]).map(() => span),
      dest,
      type: typeName,
      choices: choices?.kind === 'list' ? choices.items : null,
      default: dflt,
      required: req?.kind === 'bool' ? req.value : false,
      action: action?.kind === 'str' ? action.value : null,
      nargs: nargs?.kind === 'str' ? nargs.value : nargs?.kind === 'int' ? Number(nargs.value) : null,
      help: null,
      span,
    };
  };
  return module('argparse', {
    BooleanOptionalAction: booleanOptional,
    ArgumentParser: interp.nativeFn('ArgumentParser', () => parser()),
    Namespace: interp.nativeFn('Namespace', () => namespace(undefined)),
    RawTextHelpFormatter: UNKNOWN,
    ArgumentDefaultsHelpFormatter: UNKNOWN,
    SUPPRESS: str('==SUPPRESS=='),
  });
}
