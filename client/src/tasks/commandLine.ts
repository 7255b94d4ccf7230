/**
 * Turns a `gem5`/`sst` task definition (rules.md schema) into the exact process to start: an executable, an argument
 * array and a working directory. No shell is ever involved, so spaces, quotes, `;` or `$()` in arguments reach the
 * process verbatim. Pure: no `vscode` import, so it is unit-tested directly.
 */
import { isAbsolute, join, resolve } from 'node:path';

export interface Gem5TaskDefinition {
  type: 'gem5';
  action?: 'take' | 'restore';
  gem5?: string;
  script: string;
  args?: string[];
  gem5Args?: string[];
  cwd?: string;
}

export interface SstTaskDefinition {
  type: 'sst';
  action?: 'restore';
  sst?: string;
  script: string;
  cwd?: string;
  ranks?: number;
  sstArgs?: string[];
  launcher?: 'mpirun' | 'srun';
}

export type SimTaskDefinition = Gem5TaskDefinition | SstTaskDefinition;

export interface ExecutableSettings {
  gem5Path: string;
  sstPath: string;
  mpirunPath: string;
  srunPath: string;
  gem5ExtraArgs: string[];
  sstExtraArgs: string[];
  defaultRanks: number;
}

export interface ProcessSpec {
  command: string;
  args: string[];
  cwd: string;
}

export function expandWorkspaceFolder(text: string, folder: string): string {
  return text.replace(/\$\{workspaceFolder\}/g, folder).replace(/\$\{workspaceRoot\}/g, folder);
}

function cwdOf(def: { cwd?: string }, folder: string): string {
  if (!def.cwd) return folder;
  const c = expandWorkspaceFolder(def.cwd, folder);
  return isAbsolute(c) ? c : resolve(folder, c);
}

const hasOutdir = (args: readonly string[]) => args.some((a) => a === '-d' || a === '--outdir' || a.startsWith('--outdir=') || (a.startsWith('-d') && !a.startsWith('--')));

/** A per-run output directory name, so two runs never overwrite each other's stats and checkpoints. */
export function defaultOutdir(def: Gem5TaskDefinition, stamp: string): string {
  return join('m5out', `${def.action ?? 'run'}_${stamp}`);
}

export function gem5Process(def: Gem5TaskDefinition, folder: string, settings: ExecutableSettings, stamp: string): ProcessSpec {
  const x = (s: string) => expandWorkspaceFolder(s, folder);
  const gem5Args = [...settings.gem5ExtraArgs, ...(def.gem5Args ?? []).map(x)];
  if (!hasOutdir(gem5Args)) gem5Args.push(`--outdir=${defaultOutdir(def, stamp)}`);
  return {
    command: x(def.gem5 || settings.gem5Path || 'gem5.opt'),
    args: [...gem5Args, x(def.script), ...(def.args ?? []).map(x)],
    cwd: cwdOf(def, folder),
  };
}

export function sstProcess(def: SstTaskDefinition, folder: string, settings: ExecutableSettings): ProcessSpec {
  const x = (s: string) => expandWorkspaceFolder(s, folder);
  const ranks = def.ranks ?? settings.defaultRanks;
  const sst = x(def.sst || settings.sstPath || 'sst');
  const sstArgs = [...settings.sstExtraArgs, ...(def.sstArgs ?? []).map(x), x(def.script)];
  const cwd = cwdOf(def, folder);
  if (ranks <= 1) return { command: sst, args: sstArgs, cwd };
  if (def.launcher === 'srun') return { command: settings.srunPath || 'srun', args: ['-n', String(ranks), sst, ...sstArgs], cwd };
  return { command: settings.mpirunPath || 'mpirun', args: ['-np', String(ranks), '--', sst, ...sstArgs], cwd };
}

export function processFor(def: SimTaskDefinition, folder: string, settings: ExecutableSettings, stamp: string): ProcessSpec {
  return def.type === 'gem5' ? gem5Process(def, folder, settings, stamp) : sstProcess(def, folder, settings);
}

/** Checks a definition read from tasks.json (untrusted JSON); returns a message for the first problem, or null. */
export function validateDefinition(def: unknown): string | null {
  if (!def || typeof def !== 'object') return 'task definition is not an object';
  const d = def as Record<string, unknown>;
  if (d.type !== 'gem5' && d.type !== 'sst') return `unknown task type ${String(d.type)}`;
  if (typeof d.script !== 'string' || !d.script) return 'the task needs a "script"';
  for (const key of ['args', 'gem5Args', 'sstArgs']) {
    if (d[key] !== undefined && (!Array.isArray(d[key]) || !(d[key] as unknown[]).every((a) => typeof a === 'string'))) return `"${key}" must be an array of strings`;
  }
  if (d.ranks !== undefined && (!Number.isInteger(d.ranks) || (d.ranks as number) < 1)) return '"ranks" must be a positive integer';
  return null;
}
