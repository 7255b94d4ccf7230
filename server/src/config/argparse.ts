/**
 * What Python's argparse would do with an argv, given the options a script defines (domain-spec §3; rules GS103–106).
 * Python 3 semantics: `--opt=value` and `--opt value`, unique-prefix abbreviations (allow_abbrev), exact match before
 * prefix, short options with attached values, store_true/store_false/count/append/store_const, nargs ?,*,+,N, `type`
 * conversion with Python's int()/float() rules, `choices` checked after conversion, string defaults converted by
 * `type`, required options; the parser's `add_help` (`-h`/`--help` print the help and exit 0 before the errors that
 * come at the end: unrecognized arguments, missing required options), `allow_abbrev=False` (no prefixes) and
 * mutually exclusive groups ("not allowed with argument", "one of the arguments … is required"). Errors carry the token
 * index so a diagnostic can point at the exact `cmd` token.
 */
import type { ArgOption, ParserSettings, PyValue } from './types';

export type { ParserSettings } from './types';
import { pythonFloat, pythonIntBase10 } from './units';

export type ArgErrorKind = 'unknown' | 'ambiguous' | 'choice' | 'type' | 'required' | 'missing-value' | 'conflict';

export interface ArgError {
  kind: ArgErrorKind;
  /** Index in argv of the offending token; null for a missing required option. */
  tokenIndex: number | null;
  option: ArgOption | null;
  message: string;
  /** For unknown/ambiguous options: the candidates argparse names, or the closest option. */
  candidates?: string[];
}

/** Where an option's value came from, as argparse read it: the rules point diagnostics and fixes here. */
export interface ArgSource {
  option: ArgOption;
  /** argv index of the token naming the option (`--opt`, `--opt=v`, a unique prefix, `-o`, `-ov`). */
  flagIndex: number;
  /** argv index of the token holding the value (the flag token itself when attached); null when none was taken. */
  valueIndex: number | null;
  /** Offset of the value inside that token: after `=`, after a short flag's two characters, else 0. */
  valueStart: number;
  /** The raw value text (first item for nargs lists); null for flags that take no value. */
  value: string | null;
}

export interface ArgparseResult {
  values: Map<string, PyValue>;
  /** dest → argv index of the token that set it (absent when the default applies). */
  givenAt: Map<string, number>;
  /** dest → where the kept (last) occurrence came from; present exactly when `givenAt` has the dest. */
  sources: Map<string, ArgSource>;
  errors: ArgError[];
  /**
   * argparse reaches `-h`/`--help` before any error it raises at once: it prints the help and exits 0, so the script
   * goes no further (values are all unknown, errors empty).
   */
  helpExit?: boolean;
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

function isOptionToken(t: string): boolean {
  return t.startsWith('-') && t !== '-' && !NEGATIVE_NUMBER.test(t);
}

/** A positional argument: its one name does not start with '-'. */
export const isPositional = (o: ArgOption) => o.flags.length === 1 && !o.flags[0].startsWith('-');

/** `action=argparse.BooleanOptionalAction` (Python 3.9+): `--x` sets True, the added `--no-x` sets False. */
const isBooleanOptional = (o: ArgOption) => /(?:^|\.)BooleanOptionalAction$/.test(o.action ?? '');

/** The option strings argparse matches: BooleanOptionalAction adds `--no-x` for every `--x`. */
function optionStrings(o: ArgOption): string[] {
  return isBooleanOptional(o) ? o.flags.flatMap((f) => (f.startsWith('--') ? [f, '--no-' + f.slice(2)] : [f])) : o.flags;
}

/** An option string resolved: the option and the flag matched, or none and the long options a prefix could mean. */
type Resolved = { option: ArgOption; flag: string } | { option: null; ambiguous: string[] };

/**
 * Resolves an option string as argparse does: exact, then unique prefix of a long option. `name` starts with '-',
 * which a positional's name never does: only options can match.
 */
function resolveOption(name: string, options: readonly ArgOption[], allowAbbrev: boolean): Resolved {
  for (const o of options) if (optionStrings(o).includes(name)) return { option: o, flag: name };
  if (!name.startsWith('--') || !allowAbbrev) return { option: null, ambiguous: [] };
  const matches = options.flatMap((o) => optionStrings(o).filter((f) => f.startsWith(name)).map((f) => ({ o, f })));
  // Python 3.11 counts `--x` and `--no-x` of one option as two matches of a prefix like `--`: ambiguous either way.
  if (matches.length === 1) return { option: matches[0].o, flag: matches[0].f };
  return { option: null, ambiguous: matches.map((m) => m.f) };
}

/** Converts a string as `type=` would; null when Python would raise. */
export function convertArgType(option: ArgOption, raw: string): PyValue | null {
  if (option.type === 'opaque') return { kind: 'unknown' };
  if (option.type === 'int') {
    const v = pythonIntBase10(raw);
    return v === null ? null : { kind: 'int', value: v };
  }
  if (option.type === 'float') {
    const v = pythonFloat(raw);
    return v === null ? null : { kind: 'float', value: v };
  }
  return { kind: 'str', value: raw };
}

/** `value in choices` after conversion: ints by value, int against float numerically, strings exactly (converted values are never bool). */
function sameValue(a: PyValue, b: PyValue): boolean {
  if (a.kind === 'int' && b.kind === 'int') return a.value === b.value;
  if ((a.kind === 'float' || a.kind === 'int') && (b.kind === 'float' || b.kind === 'int')) return Number(a.value) === Number(b.value);
  if (a.kind === 'str' && b.kind === 'str') return a.value === b.value;
  return false;
}

/** Python's repr of a choice, as argparse prints it. */
function showValue(v: PyValue): string {
  switch (v.kind) {
    case 'str': return `'${v.value}'`;
    case 'int': case 'float': return String(v.value);
    case 'bool': return v.value ? 'True' : 'False';
    case 'none': return 'None';
    default: return '…';
  }
}

const takesNoValue = (o: ArgOption) =>
  isBooleanOptional(o) || o.action === 'store_true' || o.action === 'store_false' || o.action === 'count' || o.action === 'store_const'
  || o.action === 'append_const' || o.action === 'help' || o.action === 'version';

/** The option add_help=True adds (its value is never stored: default=SUPPRESS). */
const HELP_OPTION: ArgOption = {
  flags: ['-h', '--help'], flagSpans: [], dest: 'help', type: null, choices: null, default: { kind: 'none' }, required: false,
  action: 'help', nargs: null, help: 'show this help message and exit', span: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
};

type ClusterFlag = { option: ArgOption; flag: string };

/**
 * A flag that takes no value given characters after it (`-vq`, `-v=q`, `--verbose=1`), as CPython 3.11's
 * consume_optional reads it: after a short flag each character is the next short flag, found by its exact option
 * string; the first that takes a value gets the rest of the token (`-vn4`), or the next tokens when nothing is left
 * (`-vn 4`). A long flag, an empty rest (`-v=`) or a character that is no flag: "ignored explicit argument".
 */
function shortCluster(option: ArgOption, flag: string, attached: string, options: readonly ArgOption[]): { error: string; option: ArgOption } | { flags: ClusterFlag[]; last: ClusterFlag & { attached: string | null } } {
  const flags: ClusterFlag[] = [];
  let current: ClusterFlag = { option, flag };
  let rest: string | null = attached;
  while (rest !== null && takesNoValue(current.option)) {
    const ignored = { error: `argument ${optionStrings(current.option).join('/')}: ignored explicit argument '${rest}'`, option: current.option };
    if (current.flag.startsWith('--') || rest === '') return ignored;
    flags.push(current);
    const next = '-' + rest[0];
    const found = options.find((o) => optionStrings(o).includes(next));
    if (!found) return ignored;
    current = { option: found, flag: next };
    rest = rest.slice(1) || null;
  }
  // The last flag: one that takes a value with the rest (null: the next tokens), or one that takes none.
  return { flags, last: { ...current, attached: rest } };
}

/**
 * The help option add_help=True adds, less the flags the script declares itself: conflict_handler="resolve" takes
 * them from the help action (the default handler makes that add_argument raise, which the model does not follow).
 */
function helpOptionFor(declared: readonly ArgOption[]): ArgOption | null {
  const flags = HELP_OPTION.flags.filter((f) => !declared.some((o) => o.flags.includes(f)));
  return flags.length ? { ...HELP_OPTION, flags } : null;
}

export function emulateArgparse(declared: readonly ArgOption[], argv: readonly string[], settings: ParserSettings = {}): ArgparseResult {
  const allowAbbrev = settings.allowAbbrev ?? true;
  const helpOption = (settings.addHelp ?? true) ? helpOptionFor(declared) : null;
  const options = helpOption ? [...declared, helpOption] : declared;
  let helpAt: number | null = null;
  const values = new Map<string, PyValue>();
  const givenAt = new Map<string, number>();
  const sources = new Map<string, ArgSource>();
  const errors: ArgError[] = [];

  const store = (o: ArgOption, raw: string, index: number) => {
    const v = convertArgType(o, raw);
    if (!v) {
      errors.push({ kind: 'type', tokenIndex: index, option: o, message: `argument ${o.flags.join('/')}: invalid ${o.type} value: '${raw}'` });
      return;
    }
    if (o.choices && !o.choices.some((c) => sameValue(c, v))) {
      errors.push({
        kind: 'choice', tokenIndex: index, option: o,
        message: `argument ${o.flags.join('/')}: invalid choice: ${showValue(v)} (choose from ${o.choices.map(showValue).join(', ')})`,
      });
      return;
    }
    if (o.action === 'append') addItems(o, [v]);
    // extend iterates its one value: a string gives its characters; an int or float raises TypeError (unknown).
    else if (o.action === 'extend') addItems(o, v.kind === 'str' ? [...v.value].map((c): PyValue => ({ kind: 'str', value: c })) : null);
    else values.set(o.dest, v);
  };
  /** append/extend add to a copy of what the dest holds: an earlier occurrence's list, else a list default; null items: unknown. */
  const addItems = (o: ArgOption, items: PyValue[] | null) => {
    const before = values.get(o.dest) ?? (o.default.kind === 'none' ? { kind: 'list', items: [] } : o.default);
    values.set(o.dest, items && before.kind === 'list' ? { kind: 'list', items: [...before.items, ...items] } : { kind: 'unknown' });
  };

  /** An option met at argv[index]: where a mutually exclusive conflict is raised, and its last occurrence. */
  const given = (o: ArgOption, index: number) => {
    if (!firstAt.has(o.dest)) firstAt.set(o.dest, index);
    givenAt.set(o.dest, index);
  };
  /** A flag that takes no value acts: help and version end the parse there, the others store their value. */
  const noValueFlag = (o: ArgOption, f: string, index: number) => {
    if (o.action === 'help' || o.action === 'version') {
      helpAt ??= index;
      return;
    }
    given(o, index);
    sources.set(o.dest, { option: o, flagIndex: index, valueIndex: null, valueStart: 0, value: null });
    if (isBooleanOptional(o)) values.set(o.dest, { kind: 'bool', value: !f.startsWith('--no-') });
    else if (o.action === 'store_true') values.set(o.dest, { kind: 'bool', value: true });
    else if (o.action === 'store_false') values.set(o.dest, { kind: 'bool', value: false });
    else if (o.action === 'count') {
      const prev = values.get(o.dest);
      values.set(o.dest, { kind: 'int', value: (prev?.kind === 'int' ? prev.value : 0n) + 1n });
    } else values.set(o.dest, { kind: 'unknown' });
  };

  const positionals = options.filter(isPositional);
  /** Tokens no option took, in runs between options (argparse gives them to the positionals). */
  const free: { index: number; token: string; run: number }[] = [];
  let run = 0;
  /** dest → argv index of its first occurrence (where a mutually exclusive conflict is raised). */
  const firstAt = new Map<string, number>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      // run -1 marks the separator (even when nothing follows, argparse's handling of it differs across versions);
      // what follows it is never assigned by the model (assignPositionals), so its run does not matter.
      free.push({ index: i, token, run: -1 });
      for (let j = i + 1; j < argv.length; j++) free.push({ index: j, token: argv[j], run });
      break;
    }
    if (!isOptionToken(token)) {
      free.push({ index: i, token, run });
      continue;
    }
    run++;
    // `--opt=v` and `-o=v` alike: argparse splits at the first '=' when the part before it is an option string.
    // (An option token starts with '-': '=' is never its first character.)
    const eq = token.indexOf('=');
    const name = eq >= 0 ? token.slice(0, eq) : token;
    let attached: string | null = eq >= 0 ? token.slice(eq + 1) : null;
    let resolved = resolveOption(name, options, allowAbbrev);
    if (!resolved.option && !token.startsWith('--') && token.length > 2) {
      // `-n4`: a short option with its value attached. (A single-dash name has no prefix matches: when this fails
      // too, the error is the same.)
      resolved = resolveOption(token.slice(0, 2), options, allowAbbrev);
      attached = token.slice(2);
    }
    if (!resolved.option) {
      const { ambiguous } = resolved;
      if (ambiguous.length) {
        errors.push({ kind: 'ambiguous', tokenIndex: i, option: null, message: `ambiguous option: ${name} could match ${ambiguous.join(', ')}`, candidates: ambiguous });
      } else {
        const close = closestOption(name, declared);
        errors.push({ kind: 'unknown', tokenIndex: i, option: null, message: `unrecognized arguments: ${token}`, candidates: close ? [close] : [] });
      }
      continue;
    }
    let { option, flag } = resolved;
    if (attached !== null && takesNoValue(option)) {
      // `-vq`, `-vn4`: short flags in one token, checked whole before any of them acts.
      const cluster = shortCluster(option, flag, attached, options);
      if ('error' in cluster) {
        errors.push({ kind: 'missing-value', tokenIndex: i, option: cluster.option, message: cluster.error });
        continue;
      }
      for (const m of cluster.flags) noValueFlag(m.option, m.flag, i);
      ({ option, flag } = cluster.last);
      attached = cluster.last.attached;
    }
    if (takesNoValue(option)) {
      noValueFlag(option, flag, i);
      continue;
    }
    given(option, i);
    const chosen = option;
    const flagIndex = i;
    // Only an attached value starts inside the flag token; a value of its own starts at 0.
    const valueStart = attached === null ? 0 : token.length - attached.length;
    const source = (valueIndex: number | null, value: string | null) =>
      sources.set(chosen.dest, { option: chosen, flagIndex, valueIndex, valueStart, value });
    source(null, null);
    const nargs = option.nargs;
    if (nargs === '*' || nargs === '+' || typeof nargs === 'number') {
      const items: string[] = attached !== null ? [attached] : [];
      while (i + 1 < argv.length && !isOptionToken(argv[i + 1]) && (typeof nargs !== 'number' || items.length < nargs)) items.push(argv[++i]);
      if (items.length) source(attached !== null ? flagIndex : flagIndex + 1, items[0]);
      if ((nargs === '+' && items.length === 0) || (typeof nargs === 'number' && items.length !== nargs)) {
        errors.push({ kind: 'missing-value', tokenIndex: i, option, message: `argument ${option.flags.join('/')}: expected ${nargs === '+' ? 'at least one argument' : nargs === 1 ? '1 argument' : `${nargs} arguments`}` });
        continue;
      }
      const converted = items.map((raw) => convertArgType(option, raw));
      if (converted.some((c) => c === null)) {
        errors.push({ kind: 'type', tokenIndex: i, option, message: `argument ${option.flags.join('/')}: invalid ${option.type} value` });
        continue;
      }
      const list: PyValue = { kind: 'list', items: converted as PyValue[] };
      // append keeps each occurrence's list as one item; extend concatenates them; plain store keeps the last.
      if (option.action === 'append') addItems(option, [list]);
      else if (option.action === 'extend') addItems(option, list.items);
      else values.set(option.dest, list);
      continue;
    }
    if (attached !== null) {
      source(i, attached);
      store(option, attached, i);
      continue;
    }
    if (i + 1 < argv.length && !isOptionToken(argv[i + 1])) {
      source(i + 1, argv[i + 1]);
      store(option, argv[++i], i);
      continue;
    }
    if (nargs === '?') {
      values.set(option.dest, { kind: 'unknown' }); // const= is not modelled
      continue;
    }
    errors.push({ kind: 'missing-value', tokenIndex: i, option, message: `argument ${option.flags.join('/')}: expected one argument` });
  }

  exclusiveConflicts(settings.exclusiveGroups ?? [], declared, firstAt, errors);
  const help = helpOutcome(helpAt, errors, free, positionals.length > 0);
  if (help !== 'no') {
    // The script stops at parse_args (help) or the model cannot say where: nothing it would read is known.
    const unknown = new Map<string, PyValue>(declared.map((o) => [o.dest, { kind: 'unknown' }]));
    return { values: unknown, givenAt, sources, errors: [], helpExit: help === 'exit' };
  }
  assignPositionals(positionals, free, values, givenAt, errors);
  for (const g of settings.exclusiveGroups ?? []) {
    if (!g.required || g.dests.some((d) => givenAt.has(d))) continue;
    const members = declared.filter((o) => g.dests.includes(o.dest));
    if (!members.length) continue;
    errors.push({ kind: 'required', tokenIndex: null, option: members[0],
      message: `one of the arguments ${members.map((o) => o.flags.join('/')).join(' ')} is required` });
  }
  const missing = options.filter((o) => o.required && !givenAt.has(o.dest) && !isPositional(o));
  for (const o of missing) {
    errors.push({ kind: 'required', tokenIndex: null, option: o, message: `the following arguments are required: ${o.flags.join('/')}` });
  }
  for (const o of declared) {
    // help and version default to SUPPRESS: the namespace has no such attribute.
    if (values.has(o.dest) || givenAt.has(o.dest) || o.action === 'help' || o.action === 'version') continue;
    values.set(o.dest, defaultValue(o));
  }
  // A lone "--" without positionals: Python 3.11 calls it unrecognized, later versions drop it — not decided here.
  // (Without positionals any other free token is an error by now.)
  if (!positionals.length && !errors.length && free.length === 1) {
    for (const o of declared) values.set(o.dest, { kind: 'unknown' });
  }
  return { values, givenAt, sources, errors };
}

/** Errors argparse raises as it meets them (before a later -h): option values it rejects, an ambiguous prefix anywhere. */
const IMMEDIATE: ReadonlySet<ArgErrorKind> = new Set(['ambiguous', 'choice', 'type', 'missing-value', 'conflict']);

/**
 * Whether the parse ends at `-h` (or a version action): 'exit' when argparse gets to it (no error it raises at once
 * comes first: an ambiguous prefix anywhere — argparse classifies every token before acting — or a rejected value
 * before it), 'unknown' when the model cannot tell (free tokens before it that positionals may take and reject; an
 * error of a flag clustered with it, `-vh`, whose order the model does not keep), else 'no'.
 */
function helpOutcome(helpAt: number | null, errors: readonly ArgError[], free: readonly { index: number }[], hasPositionals: boolean): 'exit' | 'unknown' | 'no' {
  if (helpAt === null) return 'no';
  if (errors.some((e) => IMMEDIATE.has(e.kind) && (e.kind === 'ambiguous' || (e.tokenIndex ?? Infinity) < helpAt))) return 'no';
  if (errors.some((e) => e.tokenIndex === helpAt)) return 'unknown';
  if (hasPositionals && free.some((f) => f.index < helpAt)) return 'unknown';
  return 'exit';
}

/**
 * A second option of a mutually exclusive group: "argument B: not allowed with argument A", at B's first token
 * (argparse raises when it meets B). Given = present in argv (argparse counts values other than the default; a given
 * value is a new object, so it always counts).
 */
function exclusiveConflicts(groups: NonNullable<ParserSettings['exclusiveGroups']>, options: readonly ArgOption[], firstAt: ReadonlyMap<string, number>, errors: ArgError[]): void {
  for (const g of groups) {
    // firstAt holds only dests of declared options (the help option never reaches it).
    const given = g.dests.filter((d) => firstAt.has(d)).map((d) => ({ d, at: firstAt.get(d)!, o: options.find((o) => o.dest === d)! }))
      .sort((a, b) => a.at - b.at);
    for (let k = 1; k < given.length; k++) {
      errors.push({ kind: 'conflict', tokenIndex: given[k].at, option: given[k].o,
        message: `argument ${given[k].o.flags.join('/')}: not allowed with argument ${given[0].o.flags.join('/')}` });
    }
  }
}

/**
 * Free tokens to positionals. Without positionals every free token is "unrecognized". With them, the case whose
 * outcome does not depend on the Python version is modelled: all free tokens in one run (or none), each positional
 * taking its share in order (None: one, '?': at most one, '*'/'+': the rest, N: N); otherwise their values are
 * unknown and nothing is reported.
 */
function assignPositionals(positionals: ArgOption[], free: { index: number; token: string; run: number }[], values: Map<string, PyValue>, givenAt: Map<string, number>, errors: ArgError[]): void {
  // The "--" separator itself is left out (argparse versions differ on it); a later "--" is an argument like any other.
  const separator = free.find((f) => f.run === -1);
  const unrecognized = (from: number) => {
    for (const f of free.slice(from)) if (f !== separator) errors.push({ kind: 'unknown', tokenIndex: f.index, option: null, message: `unrecognized arguments: ${f.token}` });
  };
  if (!positionals.length) return unrecognized(0);
  const unknownAll = () => positionals.forEach((p) => values.set(p.dest, { kind: 'unknown' }));
  // Free tokens in several runs, or after "--" (which argparse strips differently across versions): not modelled.
  if (free.length && new Set(free.map((f) => f.run)).size > 1) return unknownAll();
  if (free.some((f) => f.run === -1)) return unknownAll();
  const need = (p: ArgOption) => (p.nargs === null ? 1 : typeof p.nargs === 'number' ? p.nargs : p.nargs === '+' ? 1 : 0);
  let next = 0;
  const missing: ArgOption[] = [];
  positionals.forEach((p, k) => {
    const minAfter = positionals.slice(k + 1).reduce((n, q) => n + need(q), 0);
    const avail = free.length - next - minAfter;
    const take = p.nargs === '*' || p.nargs === '+' ? Math.max(avail, need(p)) : p.nargs === '?' ? Math.min(1, Math.max(avail, 0)) : need(p);
    // (take is never below need(p): '*'/'+' take at least their need, '?' needs none.)
    if (next + take > free.length) {
      missing.push(p);
      return;
    }
    const mine = free.slice(next, next + take);
    next += take;
    if (mine.length) givenAt.set(p.dest, mine[0].index);
    const converted = mine.map((f) => convertArgType(p, f.token));
    if (converted.some((c) => c === null)) {
      errors.push({ kind: 'type', tokenIndex: mine[0].index, option: p, message: `argument ${p.dest}: invalid ${p.type} value` });
      return;
    }
    const badChoice = p.choices ? converted.findIndex((c) => c!.kind !== 'unknown' && !p.choices!.some((x) => sameValue(x, c!))) : -1;
    if (badChoice >= 0) {
      errors.push({ kind: 'choice', tokenIndex: mine[badChoice].index, option: p, message: `argument ${p.dest}: invalid choice: ${showValue(converted[badChoice]!)} (choose from ${p.choices!.map(showValue).join(', ')})` });
      return;
    }
    const many = p.nargs === '*' || p.nargs === '+' || typeof p.nargs === 'number';
    // Only '*' can take nothing (argparse rejects nargs=0): then its default, unless it has none.
    if (many) values.set(p.dest, mine.length || p.default.kind === 'none' ? { kind: 'list', items: converted as PyValue[] } : defaultValue(p));
    else if (mine.length) values.set(p.dest, converted[0]!);
  });
  if (missing.length) errors.push({ kind: 'required', tokenIndex: null, option: missing[0], message: `the following arguments are required: ${missing.map((p) => p.dest).join(', ')}` });
  unrecognized(next);
}

/** argparse converts a string default through `type`; store_true defaults to False. */
function defaultValue(o: ArgOption): PyValue {
  if (o.default.kind === 'none') {
    if (o.action === 'store_true') return { kind: 'bool', value: false };
    if (o.action === 'store_false') return { kind: 'bool', value: true };
    return o.default;
  }
  if (o.default.kind === 'str') return convertArgType(o, o.default.value) ?? { kind: 'unknown' };
  return o.default;
}

/** The option flag closest to `name` (Damerau–Levenshtein), for "did you mean"; null when nothing is close. */
export function closestOption(name: string, options: readonly ArgOption[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const flag of options.flatMap((o) => o.flags)) {
    const d = editDistance(name, flag);
    if (d < bestDistance) {
      best = flag;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(name.replace(/^-+/, '').length / 3));
  return bestDistance <= limit ? best : null;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  // Row i starts with i; the loop below fills the rest of it.
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
