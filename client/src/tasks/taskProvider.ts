/**
 * Task types `gem5` and `sst`: tasks from tasks.json are resolved into ProcessExecutions (argument arrays, the right
 * working directory, a per-run `--outdir`), and ready-made take/restore tasks are offered for the scripts the
 * language server knows. Nothing is launched from an untrusted workspace.
 */
import * as vscode from 'vscode';
import { SuggestedTasksRequest, type SuggestedTask } from '../../../server/src/protocol/lsp';
import type { ServerController } from '../languageClient';
import { executableSettings } from '../settings';
import { processFor, validateDefinition, type SimTaskDefinition } from './commandLine';
import { missingExecutableRun, missingFor } from './launchCheck';
import { suggestionsOfType, type SimTaskType } from './taskTypes';

const MATCHERS: Record<'gem5' | 'sst', string[]> = {
  gem5: ['$gem5-fatal', '$gem5-warn', '$gem5-checkpoint', '$gem5-argparse'],
  sst: ['$gem5-fatal', '$gem5-warn', '$gem5-checkpoint', '$gem5-argparse'],
};

export function runStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '_');
}

export function buildTask(def: SimTaskDefinition, folder: vscode.WorkspaceFolder, name: string): vscode.Task {
  const spec = processFor(def, folder.uri.fsPath, executableSettings(folder), runStamp());
  const missing = missingFor(def, folder);
  const execution = missing ? missingExecutableRun(missing, folder) : new vscode.ProcessExecution(spec.command, spec.args, { cwd: spec.cwd });
  const task = new vscode.Task(def as unknown as vscode.TaskDefinition, folder, name, def.type, execution, MATCHERS[def.type]);
  task.group = def.action === 'take' ? vscode.TaskGroup.Build : undefined;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  return task;
}

/** The ready-made tasks the language server derives from the workspace's scripts (shared by both providers). */
export class TaskSuggestions {
  constructor(private readonly server: ServerController, private readonly log: vscode.LogOutputChannel) {}

  async suggested(folder: vscode.WorkspaceFolder): Promise<SuggestedTask[]> {
    const client = this.server.languageClient;
    if (!client) return [];
    try {
      return await client.sendRequest(SuggestedTasksRequest, { folder: folder.uri.fsPath });
    } catch (e) {
      this.log.warn(`suggested tasks: ${String(e)}`);
      return [];
    }
  }
}

/** The provider of one task type: it returns and resolves only tasks of that type. */
export class SimTaskProvider implements vscode.TaskProvider {
  constructor(readonly type: SimTaskType, private readonly suggestions: TaskSuggestions) {}

  async provideTasks(): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const s of suggestionsOfType(this.type, await this.suggestions.suggested(folder))) {
        const t = buildTask(s.definition as unknown as SimTaskDefinition, folder, s.label);
        t.detail = s.detail;
        tasks.push(t);
      }
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (task.definition.type !== this.type) return undefined;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('gem5 + SST: trust this workspace to run gem5 or SST tasks.');
      return undefined;
    }
    const problem = validateDefinition(task.definition);
    if (problem) {
      void vscode.window.showErrorMessage(`gem5 + SST task "${task.name}": ${problem}`);
      return undefined;
    }
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    return buildTask(task.definition as unknown as SimTaskDefinition, folder, task.name);
  }
}
