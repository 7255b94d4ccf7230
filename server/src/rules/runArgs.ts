/** Where, in a run's arguments, an option's value came from: so a diagnostic points at the token the user wrote. */
import { emulateArgparse, type ArgparseResult } from '../config/argparse';
import type { ArgOption, Expr, PyValue } from '../config/types';
import type { Span } from '../protocol/span';
import type { ResolvedRun, RunArg } from '../workspace/types';
import { activeUses } from '../workspace/runs';

export interface ArgSite {
  option: ArgOption;
  /** The token holding the value (`--opt=value`, or the token after `--opt`). */
  valueArg: RunArg;
  /** The token naming the option. */
  flagArg: RunArg;
  /** Where the value starts inside `valueArg` (after `=` or a short flag; 0 for a token of its own). */
  valueStart: number;
  value: string;
}

// The one argparse emulation decides which token gave a value (prefixes, `=`, short options, last one wins); the
// rules only read its answer. Cached per run: every rule asks about the same argv.
const parses = new WeakMap<ResolvedRun, ArgparseResult | null>();
function parseOf(run: ResolvedRun): ArgparseResult | null {
  if (!parses.has(run)) parses.set(run, run.gem5Model ? emulateArgparse(run.gem5Model.options, run.argv.map((a) => a.text), run.gem5Model.parserSettings) : null);
  return parses.get(run) ?? null;
}

/** Where argparse took `dest`'s value from in the run's argv (the last occurrence), or null when it was not given a value. */
export function argSite(run: ResolvedRun, dest: string): ArgSite | null {
  const src = parseOf(run)?.sources.get(dest);
  if (!src || src.valueIndex === null || src.value === null) return null;
  // The emulation parsed this very argv: its indices name tokens that exist.
  return { option: src.option, flagArg: run.argv[src.flagIndex], valueArg: run.argv[src.valueIndex], valueStart: src.valueStart, value: src.value };
}

/** Best place to report a problem with an expression's value: the token giving the option it reads, else the script. */
export function siteOfExpr(run: ResolvedRun, expr: Expr): { file: string; span: Span; site: ArgSite | null } {
  for (const dest of expr.reads) {
    const site = argSite(run, dest);
    if (site) return { file: run.definedIn, span: site.valueArg.span, site };
  }
  return { file: run.gem5Script ?? run.definedIn, span: expr.span, site: null };
}

export function str(v: PyValue | undefined | null): string | null {
  return v?.kind === 'str' ? v.value : null;
}

/** The text to put in place of an argument token so that the option gets `value` (keeps `--opt=` vs `--opt v` form). */
export function replaceValueText(site: ArgSite, value: string): string {
  return `${site.valueArg.text.slice(0, site.valueStart)}${value}`;
}

/** Where the run is described, for related information. */
/**
 * Whether the run restores a checkpoint: false for a take or a cold boot (no restore on its path, or
 * `m5.instantiate("")`), null when the model cannot tell (no gem5 script, or a checkpoint call under a condition it
 * cannot decide). An unknown path counts as a restore.
 */
export function restoresCheckpoint(run: ResolvedRun): boolean | null {
  if (run.mode === 'restore') return run.checkpointDirText !== '';
  if (run.mode === 'take') return false;
  if (!run.gem5Model) return null;
  return activeUses(run.gem5Model, run.args).undecided ? null : false;
}

export function runLabel(run: ResolvedRun): string {
  if (run.kind === 'sst-node') {
    if (run.node !== null) return `node ${run.node}`;
    // A gem5Component created outside a loop has no node index: its SST name tells it apart.
    const c = run.cmd ? run.sstModel?.components.find((x) => x.order === run.cmd!.component) : undefined;
    return c?.name.kind === 'str' ? `gem5 node ${c.name.value}` : 'the gem5 node';
  }
  return run.taskLabel ? `the gem5 task "${run.taskLabel}"` : 'the gem5 task';
}
