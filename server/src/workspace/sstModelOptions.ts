/**
 * An SST script read as its sst task runs it. SST passes what follows `--` on its command line to the script as
 * sys.argv (domain-spec §6.3: `sst script.py -- --ckpts-dir=… --system-nodes=2`): a script read without them cannot
 * decide its argparse options, so its node loop and checkpoint paths are unknown and every rule is silent. The launch
 * (`mpirun -np N`, `--num-threads`, `--parallel-load`) is what sst.getMPIRankCount()/getThreadCount()/getMyMPIRank()
 * answer. Only when every sst task that runs the script agrees: otherwise no one run is "the" run.
 */
import { modelSstScript } from '../config';
import { fileStamps } from '../config/moduleLoader';
import type { SstRun } from '../config/interp/domains/sst';
import type { SstScriptModel } from '../config/types';
import { splitSstArgs, type SstTask } from './tasks';

export interface SstScriptRun {
  /** sys.argv[1:], or null when the task gives no `--` (the plain model's incomplete sys.argv). */
  options: string[] | null;
  run: SstRun;
  /** SST's working directory (the task's cwd): os.getcwd(), and where open()/os.path.exists resolve. */
  cwd: string;
}

/** The run the sst tasks running `path` agree on; null when none runs it or they differ. */
export function agreedRun(tasks: readonly SstTask[], path: string): SstScriptRun | null {
  const runs = tasks.filter((t) => t.scriptPath === path).map(runOf);
  if (!runs.length) return null;
  const key = JSON.stringify(runs[0]);
  return runs.every((r) => JSON.stringify(r) === key) ? runs[0] : null;
}

function runOf(task: SstTask): SstScriptRun {
  const { sst, model } = splitSstArgs(task);
  const own = sst.map((a) => a.value);
  // A task without ranks runs one SST process, as the rules read it (rules/placement.ts).
  return { options: model?.map((a) => a.value) ?? null, run: { ranks: task.ranks ?? 1, threads: threadsOf(own), parallelLoad: parallelLoadOf(own) }, cwd: task.cwd };
}

/** SST's `-n N` / `--num-threads=N` (getopt_long: the last one wins); 1 when absent, null when unreadable. */
export function threadsOf(args: readonly string[]): number | null {
  let value: string | undefined = '1';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--num-threads') value = args[++i];
    else if (a.startsWith('--num-threads=')) value = a.slice('--num-threads='.length);
    else if (/^-n\d/.test(a)) value = a.slice(2);
  }
  return value !== undefined && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

/** `--parallel-load` (SINGLE when bare) or `--parallel-load=SINGLE|MULTI`; `=NONE` is the serial default. */
export function parallelLoadOf(args: readonly string[]): boolean {
  let on = false;
  for (const a of args) {
    if (a === '--parallel-load') on = true;
    else if (a.startsWith('--parallel-load=')) on = a.slice('--parallel-load='.length).toUpperCase() !== 'NONE';
  }
  return on;
}

/**
 * The script's model read for this run, reused while the plain model (the text), the run and the files the script
 * read (a JSON job list, os.path.exists) are the same.
 */
export class ModelForRun {
  private readonly cache = new WeakMap<SstScriptModel, { key: string; stamps: string; model: SstScriptModel }>();

  of(path: string, plain: SstScriptModel, text: string, run: SstScriptRun): SstScriptModel {
    const key = JSON.stringify(run);
    const hit = this.cache.get(plain);
    if (hit?.key === key && fileStamps(hit.model.dataFiles ?? []) === hit.stamps) return hit.model;
    const model = modelSstScript(path, text, run.options ?? undefined, run.run, run.cwd);
    this.cache.set(plain, { key, stamps: fileStamps(model.dataFiles ?? []), model });
    return model;
  }
}
