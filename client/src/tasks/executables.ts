/**
 * Which executables a take/restore run starts (gem5, or sst with mpirun/srun in front) and whether the OS would find
 * them, so a missing one is reported before launch instead of as VS Code's raw "Path to shell executable … does not
 * exist". Pure: no `vscode` import, so it is unit-tested directly.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { expandWorkspaceFolder, type ExecutableSettings, type ProcessSpec, type SimTaskDefinition } from './commandLine';

export type Tool = 'gem5' | 'sst' | 'mpirun' | 'srun';

export interface ExecutableUse {
  tool: Tool;
  /** As written (setting or task field), `${workspaceFolder}` expanded. */
  command: string;
  /** The setting that names it, e.g. `gem5sst.sst.path`. */
  setting: string;
  /** The task's own field (`gem5`/`sst`) names it, which wins over the setting. */
  fromTask: boolean;
}

export const SETTING_OF: Record<Tool, string> = {
  gem5: 'gem5sst.gem5.path', sst: 'gem5sst.sst.path', mpirun: 'gem5sst.mpirun.path', srun: 'gem5sst.srun.path',
};

/** Finds an executable as the OS would (a path, relative to `cwd` when it has a slash, or on PATH); null if absent. */
export function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  if (!command) return null;
  const candidates = isAbsolute(command) ? [command]
    : command.includes('/') ? [resolve(cwd, command)]
      : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, command));
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) {
        accessSync(c, constants.X_OK);
        return c;
      }
    } catch {
      // not this one
    }
  }
  return null;
}

/** The executables `spec` (built by processFor from `def`) starts, in launch order. */
export function executablesOf(def: SimTaskDefinition, spec: ProcessSpec, folder: string, settings: ExecutableSettings): ExecutableUse[] {
  if (def.type === 'gem5') {
    return [{ tool: 'gem5', command: spec.command, setting: SETTING_OF.gem5, fromTask: Boolean(def.gem5) }];
  }
  const sst: ExecutableUse = { tool: 'sst', command: expandWorkspaceFolder(def.sst || settings.sstPath || 'sst', folder), setting: SETTING_OF.sst, fromTask: Boolean(def.sst) };
  if (spec.command === sst.command) return [sst];
  const launcher: Tool = def.launcher === 'srun' ? 'srun' : 'mpirun';
  return [{ tool: launcher, command: spec.command, setting: SETTING_OF[launcher], fromTask: false }, sst];
}

/** The first executable of the run the OS would not find, or null when all are there. */
export function missingExecutable(uses: readonly ExecutableUse[], cwd: string, env: NodeJS.ProcessEnv = process.env): ExecutableUse | null {
  return uses.find((u) => findExecutable(u.command, env, cwd) === null) ?? null;
}

/** One line for the user: what is missing and where its name came from. */
export function missingMessage(use: ExecutableUse): string {
  const where = use.fromTask ? `the task's "${use.tool}" field in tasks.json` : `setting ${use.setting}`;
  const how = use.command.includes('/') ? 'does not exist or is not executable' : 'is not on PATH';
  return `gem5 + SST: cannot start the run — the ${use.tool} executable "${use.command}" (${where}) ${how}.`;
}
