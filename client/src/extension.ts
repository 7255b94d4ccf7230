// Extension entry point. Wiring only: each feature lives in its own module.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ServerController } from './languageClient';
import { validateExecutables } from './settings';
import { SimTaskProvider } from './tasks/taskProvider';
import { CheckpointTree } from './tree/checkpointTree';
import { registerExplorer } from './explorer/explorerHost';
import { registerRetargetCommand } from './restorePlan/retargetCommand';

let server: ServerController | null = null;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('gem5 + SST', { log: true });
  context.subscriptions.push(log);
  server = new ServerController(context, log);
  context.subscriptions.push(server);
  const tasks = new SimTaskProvider(server, log);
  context.subscriptions.push(vscode.tasks.registerTaskProvider('gem5', tasks), vscode.tasks.registerTaskProvider('sst', tasks));
  const tree = new CheckpointTree();
  context.subscriptions.push(tree, vscode.window.registerTreeDataProvider('gem5sst.checkpoints', tree));
  const explorer = registerExplorer(context, log);
  registerCommands({ context, server, tasks, tree, log, openExplorer: (dir) => explorer.open(dir) });
  registerRetargetCommand(context, server, tree, log);
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    validateExecutables((key) => e.affectsConfiguration(key));
    if (e.affectsConfiguration('gem5sst.trace.server')) void server?.restart();
  }));
  context.subscriptions.push(vscode.tasks.onDidEndTaskProcess((e) => {
    if (e.execution.task.definition.type === 'gem5' || e.execution.task.definition.type === 'sst') tree.refresh();
  }));
  await server.start();
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = null;
}
