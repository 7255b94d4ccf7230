// Extension entry point. Wiring only: each feature lives in its own module.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ServerController } from './languageClient';
import { validateExecutables } from './settings';
import { SimTaskProvider, TaskSuggestions } from './tasks/taskProvider';
import { SIM_TASK_TYPES } from './tasks/taskTypes';
import { CheckpointTree } from './tree/checkpointTree';
import { registerExplorer } from './explorer/explorerHost';
import { FileStatusItems } from './status/fileStatusItems';
import { setSstWorkingDirectory } from './workingDirectory';
import { registerRetargetCommand } from './restorePlan/retargetCommand';
import { registerRestorePlan } from './restorePlan/planPanel';
import { stopSeekIndexBuilds } from '../../server/src/checkpoint';

let server: ServerController | null = null;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('gem5 + SST', { log: true });
  context.subscriptions.push(log);
  server = new ServerController(context, log);
  context.subscriptions.push(server);
  const tasks = new TaskSuggestions(server, log);
  // One provider per type: VS Code reports an error when a provider returns a task of another type.
  for (const type of SIM_TASK_TYPES) context.subscriptions.push(vscode.tasks.registerTaskProvider(type, new SimTaskProvider(type, tasks)));
  const fileStatus = new FileStatusItems(server, log);
  context.subscriptions.push(fileStatus, vscode.commands.registerCommand('gem5sst.setSstWorkingDirectory', setSstWorkingDirectory));
  const tree = new CheckpointTree();
  context.subscriptions.push(tree, vscode.window.registerTreeDataProvider('gem5sst.checkpoints', tree));
  const explorer = registerExplorer(context, log, async () => (await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => tree.checkpointDirs(f)))).flat());
  registerCommands({ context, server, tasks, tree, log, openExplorer: (dir) => explorer.open(dir) });
  registerRetargetCommand(context, server, tree, log);
  registerRestorePlan(context, server, log);
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    validateExecutables((key) => e.affectsConfiguration(key));
    if (e.affectsConfiguration('gem5sst.trace.server')) void server?.restart();
    if (e.affectsConfiguration('gem5sst.checkpoints.searchGlobs')) tree.refresh();
  }));
  context.subscriptions.push(vscode.tasks.onDidEndTaskProcess((e) => {
    if (e.execution.task.definition.type === 'gem5' || e.execution.task.definition.type === 'sst') tree.refresh();
  }));
  await server.start();
  fileStatus.schedule(0);
}

export async function deactivate(): Promise<void> {
  // Seek-index builds run in worker threads of the extension host: stop them so none holds the cache lock.
  await Promise.all([server?.dispose(), stopSeekIndexBuilds()]);
  server = null;
}
