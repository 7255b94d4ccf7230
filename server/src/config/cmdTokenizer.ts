/**
 * gem5Component's `cmd` handling (ext/sst/util.hh `tokenizeString`, gem5.cc `splitCommandArgs`): every space,
 * single quote, double quote and backslash is a delimiter and empty tokens are dropped, so quoting never groups.
 * Then the tokens are split like gem5's own command line: gem5 options, the script, the script's options.
 */

const DELIMITERS = new Set([' ', "'", '"', '\\']);

/** Tokenizes exactly like gem5Component. */
export function tokenizeCmd(text: string): string[] {
  return tokenizeWithOffsets(text).map((t) => t.text);
}

/** Tokens with their [start, end) offsets in `text`. */
export function tokenizeWithOffsets(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const delim = i === text.length || DELIMITERS.has(text[i]);
    if (delim) {
      if (start >= 0) out.push({ text: text.slice(start, i), start, end: i });
      start = -1;
    } else if (start < 0) start = i;
  }
  return out;
}

/**
 * Whether `cmd` separates its arguments with ';' rather than spaces. darchr's gem5 at 5ea99fcf (2023) builds a
 * gem5Component that splits cmd on ';' alone (`tokenizeString(cmd, {';'})`, spaces stay inside an argument), the other
 * builds split on spaces, quotes and backslashes. A space-separated token holding ';' followed by an option or a
 * script path (`-re;--outdir=m5out_0;node.py`) was written for the former; a ';' inside an argument's value
 * (`--command=ls;numastat`) is not. Which build runs the script is not in it, so such a cmd cannot be split.
 */
export function separatesWithSemicolons(text: string): boolean {
  for (const t of tokenizeCmd(text)) {
    const parts = t.split(';');
    if (parts.length < 2) continue;
    if (parts.slice(1).some((p) => p.startsWith('-')) || parts.slice(0, -1).some((p) => /\.py$/.test(p))) return true;
  }
  return false;
}

/**
 * gem5's own options (src/python/m5/main.py) and whether each takes a separate value. gem5 parses them with
 * optparse semantics: `--opt=value` or `--opt value`, clustered short flags (`-re`), unique long prefixes.
 */
export const GEM5_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ['-h', false], ['--help', false], ['-B', false], ['--build-info', false], ['-C', false], ['--copyright', false],
  ['-R', false], ['--readme', false], ['-d', true], ['--outdir', true], ['-r', false], ['--redirect-stdout', false],
  ['-e', false], ['--redirect-stderr', false], ['--silent-redirect', false], ['--stdout-file', true],
  ['--stderr-file', true], ['--listener-mode', true], ['--allow-remote-connections', false], ['-i', false],
  ['--interactive', false], ['--pdb', false], ['-p', true], ['--path', true], ['-q', false], ['--quiet', false],
  ['-v', false], ['--verbose', false], ['-m', true], ['-c', true], ['-P', false], ['-s', false],
  ['--stats-file', true], ['--stats-help', false], ['--dump-config', true], ['--json-config', true],
  ['--dot-config', true], ['--dot-dvfs-config', true], ['--debug-break', true], ['--debug-help', false],
  ['--debug-flags', true], ['--debug-start', true], ['--debug-end', true], ['--debug-file', true],
  ['--debug-activate', true], ['--debug-ignore', true], ['--remote-gdb-port', true], ['--wait-gdb', false],
  ['--list-sim-objects', false],
]);

/** Resolves a gem5 long option by exact name or unique prefix (optparse); null when unknown or ambiguous. */
export function resolveGem5LongOption(name: string): string | null {
  if (GEM5_OPTIONS.has(name)) return name;
  const matches = [...GEM5_OPTIONS.keys()].filter((k) => k.startsWith('--') && k.startsWith(name));
  return matches.length === 1 ? matches[0] : null;
}

export interface Gem5CmdSplit<T> {
  gem5Options: T[];
  script: T | null;
  scriptArgs: T[];
  /** gem5 options that gem5 does not know (gem5 would stop with a usage error). */
  unknownOptions: T[];
}

/**
 * Splits tokens into gem5 options, the script (the first argument after gem5's options, normally `*.py`) and
 * the script's options. Works on any token type through `textOf`.
 */
export function splitGem5Cmd<T>(tokens: readonly T[], textOf: (t: T) => string): Gem5CmdSplit<T>;
export function splitGem5Cmd(tokens: readonly string[]): Gem5CmdSplit<string>;
export function splitGem5Cmd<T>(tokens: readonly T[], textOf: (t: T) => string = (t) => String(t)): Gem5CmdSplit<T> {
  const out: Gem5CmdSplit<T> = { gem5Options: [], script: null, scriptArgs: [], unknownOptions: [] };
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = textOf(tokens[i]);
    if (t === '--') {
      out.gem5Options.push(tokens[i]);
      i++;
      break;
    }
    if (!t.startsWith('-') || t === '-') break;
    out.gem5Options.push(tokens[i]);
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = resolveGem5LongOption(eq >= 0 ? t.slice(0, eq) : t);
      if (!name) {
        out.unknownOptions.push(tokens[i]);
        continue;
      }
      if (GEM5_OPTIONS.get(name) && eq < 0 && i + 1 < tokens.length) out.gem5Options.push(tokens[++i]);
      continue;
    }
    // Short options, possibly clustered (-re) or with an attached value (-dout).
    for (let k = 1; k < t.length; k++) {
      const flag = '-' + t[k];
      if (!GEM5_OPTIONS.has(flag)) {
        out.unknownOptions.push(tokens[i]);
        break;
      }
      if (GEM5_OPTIONS.get(flag)) {
        if (k === t.length - 1 && i + 1 < tokens.length) out.gem5Options.push(tokens[++i]);
        break;
      }
    }
  }
  if (i < tokens.length) {
    out.script = tokens[i];
    out.scriptArgs = tokens.slice(i + 1);
  }
  return out;
}
