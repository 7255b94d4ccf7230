/**
 * The Checkpoints view: workspace folders → checkpoint directories (found by the search globs, kept current by file
 * watchers) → stores, CPUs, disks, problems. Children are computed lazily; a checkpoint is inspected (fast path, no
 * inflate) only when its node is expanded or described.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { inspectCheckpoint } from '../../../server/src/checkpoint';
import type { CheckpointSummary } from '../../../server/src/protocol/checkpoint';
import { checkpointDirsOfFolder } from './checkpointSearch';
import { checkpointChildren, checkpointDescription, type NodeData } from './checkpointNodes';

type Node =
  | { kind: 'folder'; folder: vscode.WorkspaceFolder }
  | { kind: 'checkpoint'; dir: string; folder: vscode.WorkspaceFolder }
  | { kind: 'data'; data: NodeData };

export class CheckpointTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly summaries = new Map<string, Promise<CheckpointSummary>>();
  private readonly watchers: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{m5.cpt,*.pmem,config.ini}');
    const onChange = (uri: vscode.Uri) => {
      const dir = uri.path.endsWith('config.ini') ? `${dirname(uri.fsPath)}/checkpoint` : dirname(uri.fsPath);
      this.summaries.delete(dir);
      this.refresh();
    };
    watcher.onDidCreate(onChange, null, this.watchers);
    watcher.onDidChange(onChange, null, this.watchers);
    watcher.onDidDelete(onChange, null, this.watchers);
    this.watchers.push(watcher, vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  summary(dir: string): Promise<CheckpointSummary> {
    let s = this.summaries.get(dir);
    if (!s) this.summaries.set(dir, (s = inspectCheckpoint(dir)));
    return s;
  }

  /** The language server finds the same checkpoints with the same search (checkpoint discovery). */
  checkpointDirs(folder: vscode.WorkspaceFolder): Promise<string[]> {
    return checkpointDirsOfFolder(folder.uri, vscode.workspace.getConfiguration('gem5sst', folder).get('checkpoints.searchGlobs'));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const folders = vscode.workspace.workspaceFolders ?? [];
      if (folders.length === 1) return this.getChildren({ kind: 'folder', folder: folders[0] });
      return folders.map((folder) => ({ kind: 'folder', folder }));
    }
    if (node.kind === 'folder') return (await this.checkpointDirs(node.folder)).map((dir) => ({ kind: 'checkpoint', dir, folder: node.folder }));
    if (node.kind === 'checkpoint') return checkpointChildren(await this.summary(node.dir)).map((data) => ({ kind: 'data', data }));
    return (node.data.children ?? []).map((data) => ({ kind: 'data', data }));
  }

  async getTreeItem(node: Node): Promise<vscode.TreeItem> {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = vscode.ThemeIcon.Folder;
      return item;
    }
    if (node.kind === 'checkpoint') {
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.dir, false), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.dir;
      item.contextValue = 'checkpoint';
      item.resourceUri = vscode.Uri.file(node.dir);
      try {
        const s = await this.summary(node.dir);
        item.description = checkpointDescription(s);
        item.tooltip = `${node.dir}\n${s.stores.length} stores, ${s.cpus.length} CPUs${s.generated ? `\ngenerated ${s.generated}` : ''}`;
        item.iconPath = new vscode.ThemeIcon(s.problems.some((p) => p.severity === 'error') ? 'warning' : 'archive');
      } catch (e) {
        item.description = `cannot read: ${String(e)}`;
      }
      item.command = { title: 'Open Checkpoint Explorer', command: 'gem5sst.openExplorer', arguments: [node.dir] };
      return item;
    }
    const d = node.data;
    const item = new vscode.TreeItem(d.label, d.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = d.id;
    item.description = d.description;
    item.tooltip = d.tooltip;
    item.contextValue = d.contextValue;
    item.iconPath = new vscode.ThemeIcon(d.icon);
    if (d.open) {
      const line = Math.max(0, (d.open.line ?? 1) - 1);
      item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.file(d.open.file), { selection: new vscode.Range(line, 0, line, 0) }] };
    }
    return item;
  }

  /** The checkpoint a tree argument stands for (the node itself or a path). */
  static dirOf(arg: unknown): string | null {
    if (typeof arg === 'string') return arg;
    if (arg instanceof vscode.Uri) return arg.fsPath;
    if (arg && typeof arg === 'object' && (arg as Node).kind === 'checkpoint') return (arg as { dir: string }).dir;
    return null;
  }

  dispose(): void {
    this.changed.dispose();
    for (const w of this.watchers) w.dispose();
  }
}
