/** Where, in a run's arguments, an option's value came from: so a diagnostic points at the token the user wrote. */
import type { ArgOption, Expr, Gem5ScriptModel, PyValue } from '../config/types';
import type { Span } from '../protocol/span';
import type { ResolvedRun, RunArg } from '../workspace/types';

export interface ArgSite {
  option: ArgOption;
  /** The token holding the value (`--opt=value`, or the token after `--opt`). */
  valueArg: RunArg;
  /** The token naming the option. */
  flagArg: RunArg;
  value: string;
}

function resolveFlag(name: string, model: Gem5ScriptModel): ArgOption | null {
  const exact = model.options.find((o) => o.flags.includes(name));
  if (exact) return exact;
  if (!name.startsWith('--')) return null;
  const hits = model.options.filter((o) => o.flags.some((f) => f.startsWith(name)));
  return hits.length === 1 ? hits[0] : null;
}

/** The last place `dest` is given in the run's argv (argparse keeps the last), or null when not given. */
export function argSite(run: ResolvedRun, dest: string): ArgSite | null {
  if (!run.gem5Model) return null;
  let found: ArgSite | null = null;
  for (let i = 0; i < run.argv.length; i++) {
    const t = run.argv[i].text;
    if (!t.startsWith('-')) continue;
    const eq = t.indexOf('=');
    const option = resolveFlag(eq >= 0 ? t.slice(0, eq) : t, run.gem5Model);
    if (option?.dest !== dest) continue;
    if (eq >= 0) found = { option, flagArg: run.argv[i], valueArg: run.argv[i], value: t.slice(eq + 1) };
    else if (run.argv[i + 1]) found = { option, flagArg: run.argv[i], valueArg: run.argv[i + 1], value: run.argv[i + 1].text };
  }
  return found;
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
  return site.valueArg === site.flagArg ? `${site.flagArg.text.slice(0, site.flagArg.text.indexOf('=') + 1)}${value}` : value;
}

/** Where the run is described, for related information. */
export function runLabel(run: ResolvedRun): string {
  return run.kind === 'sst-node' ? `node ${run.node ?? '?'}` : 'the gem5 task';
}
