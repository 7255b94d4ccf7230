/**
 * `getopt` as CPython 3.11's Lib/getopt.py parses: sst-elements scripts (ember, merlin tests) read their model
 * options with it. getopt stops at the first argument that is not an option; gnu_getopt lets options follow
 * arguments unless the short options start with '+' or POSIXLY_CORRECT is set — the environment is unknown, so a
 * result that depends on it is unknown. A malformed command line raises GetoptError, as CPython does.
 */
import type { Interpreter } from '../interpreter';
import { PyRaise } from '../limits';
import { UNKNOWN, str, type Value } from '../values';
import { module } from './stdlib';

type Parsed = { opts: [string, string][]; rest: string[] };

class GetoptError extends PyRaise {
  constructor() {
    super('GetoptError');
  }
}

export function getoptModule(interp: Interpreter) {
  const entry = (name: string, gnu: boolean) => interp.nativeFn(name, ([args, shortopts, longopts], kw) => {
    const argList = strings(interp, args);
    const shorts = shortopts ?? kw.get('shortopts');
    const longs = longopts ?? kw.get('longopts') ?? interp.list([]);
    const longList = longs.kind === 'str' ? [longs.value] : strings(interp, longs);
    if (!argList || shorts?.kind !== 'str' || !longList) return UNKNOWN;
    const parsed = gnu ? gnuGetopt(argList, shorts.value, longList) : getopt(argList, shorts.value, longList);
    if (!parsed) return UNKNOWN;
    const pairs = parsed.opts.map(([o, a]) => interp.list([str(o), str(a)], 'tuple'));
    return interp.list([interp.list(pairs), interp.list(parsed.rest.map((a) => str(a)))], 'tuple');
  });
  // An exception class the script names in `except getopt.GetoptError:`; its value is not modelled.
  const errorClass = interp.nativeFn('GetoptError', () => UNKNOWN);
  return module('getopt', { getopt: entry('getopt', false), gnu_getopt: entry('gnu_getopt', true), GetoptError: errorClass, error: errorClass });
}

/** The strings of a known list/tuple of str; null when any is unknown. */
function strings(interp: Interpreter, v: Value | undefined): string[] | null {
  if (!v) return null;
  const items = interp.iterate(v);
  if (!items || items.some((x) => x.kind !== 'str')) return null;
  return items.map((x) => (x as { value: string }).value);
}

export function getopt(args: string[], shortopts: string, longopts: string[]): Parsed {
  const opts: [string, string][] = [];
  let rest = args.slice();
  while (rest.length && rest[0].startsWith('-') && rest[0] !== '-') {
    if (rest[0] === '--') {
      rest = rest.slice(1);
      break;
    }
    rest = rest[0].startsWith('--') ? doLongs(opts, rest[0].slice(2), longopts, rest.slice(1)) : doShorts(opts, rest[0].slice(1), shortopts, rest.slice(1));
  }
  return { opts, rest };
}

/** null when the result depends on POSIXLY_CORRECT (an option after an argument, no leading '+'). */
export function gnuGetopt(args: string[], shortopts: string, longopts: string[]): Parsed | null {
  const opts: [string, string][] = [];
  const progArgs: string[] = [];
  const optionsFirst = shortopts.startsWith('+');
  const shorts = optionsFirst ? shortopts.slice(1) : shortopts;
  let rest = args.slice();
  while (rest.length) {
    const a = rest[0];
    if (a === '--') {
      progArgs.push(...rest.slice(1));
      break;
    }
    if (a.startsWith('--')) rest = doLongs(opts, a.slice(2), longopts, rest.slice(1));
    else if (a.startsWith('-') && a !== '-') rest = doShorts(opts, a.slice(1), shorts, rest.slice(1));
    else if (optionsFirst) {
      progArgs.push(...rest);
      break;
    } else {
      if (rest.slice(1).some((x) => x.startsWith('-') && x !== '-')) return null;
      progArgs.push(a);
      rest = rest.slice(1);
    }
  }
  return { opts, rest: progArgs };
}

function doLongs(opts: [string, string][], text: string, longopts: string[], rest: string[]): string[] {
  const eq = text.indexOf('=');
  let optarg: string | null = eq >= 0 ? text.slice(eq + 1) : null;
  const [hasArg, opt] = longHasArgs(eq >= 0 ? text.slice(0, eq) : text, longopts);
  if (hasArg) {
    if (optarg === null) {
      if (!rest.length) throw new GetoptError();
      optarg = rest[0];
      rest = rest.slice(1);
    }
  } else if (optarg !== null) throw new GetoptError();
  opts.push(['--' + opt, optarg ?? '']);
  return rest;
}

/** An exact name wins; otherwise the prefix must be unique. */
function longHasArgs(opt: string, longopts: string[]): [boolean, string] {
  const possible = longopts.filter((o) => o.startsWith(opt));
  if (!possible.length) throw new GetoptError();
  if (possible.includes(opt)) return [false, opt];
  if (possible.includes(opt + '=')) return [true, opt];
  if (possible.length > 1) throw new GetoptError();
  const only = possible[0];
  return only.endsWith('=') ? [true, only.slice(0, -1)] : [false, only];
}

function doShorts(opts: [string, string][], text: string, shortopts: string, rest: string[]): string[] {
  let s = text;
  while (s !== '') {
    const opt = s[0];
    s = s.slice(1);
    let optarg = '';
    if (shortHasArg(opt, shortopts)) {
      if (s === '') {
        if (!rest.length) throw new GetoptError();
        s = rest[0];
        rest = rest.slice(1);
      }
      optarg = s;
      s = '';
    }
    opts.push(['-' + opt, optarg]);
  }
  return rest;
}

function shortHasArg(opt: string, shortopts: string): boolean {
  for (let i = 0; i < shortopts.length; i++) {
    if (opt === shortopts[i] && opt !== ':') return shortopts.startsWith(':', i + 1);
  }
  throw new GetoptError();
}
