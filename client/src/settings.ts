/** Executable settings (machine-overridable) and their validation with a clear message and "Open Settings". */
import * as vscode from 'vscode';
import type { ExecutableSettings } from './tasks/commandLine';
import { findExecutable } from './tasks/executables';

export { findExecutable };

export function executableSettings(scope?: vscode.ConfigurationScope): ExecutableSettings {
  const c = vscode.workspace.getConfiguration('gem5sst', scope);
  const strings = (k: string) => (c.get<unknown[]>(k) ?? []).filter((x): x is string => typeof x === 'string');
  return {
    gem5Path: c.get<string>('gem5.path') ?? '',
    sstPath: c.get<string>('sst.path') || 'sst',
    mpirunPath: c.get<string>('mpirun.path') || 'mpirun',
    srunPath: c.get<string>('srun.path') || 'srun',
    gem5ExtraArgs: strings('gem5.extraArgs'),
    sstExtraArgs: strings('sst.extraArgs'),
    defaultRanks: Math.max(1, Math.floor(c.get<number>('defaultRanks') ?? 1)),
  };
}

const CHECKED: [string, string][] = [['gem5.path', 'gem5'], ['sst.path', 'sst'], ['mpirun.path', 'mpirun'], ['srun.path', 'srun']];

/** Warns once per changed setting whose executable cannot be found. */
export function validateExecutables(changed: (key: string) => boolean): void {
  const c = vscode.workspace.getConfiguration('gem5sst');
  for (const [key, name] of CHECKED) {
    if (!changed(`gem5sst.${key}`)) continue;
    const value = c.get<string>(key);
    if (!value || findExecutable(value)) continue;
    void vscode.window.showWarningMessage(`gem5 + SST: the ${name} executable "${value}" (gem5sst.${key}) was not found or is not executable.`, 'Open Settings')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', `gem5sst.${key}`));
  }
}
