/**
 * Language status items for the active file: what the server understood of it (kind, gem5 nodes resolved and not
 * followed, each node's gem5 script and checkpoint) with "Open graph output", and where SST runs with the rule that
 * chose it, with "Set…". Refreshed on editor switch and whenever diagnostics change (that is, after each check pass).
 */
import { relative } from 'node:path';
import * as vscode from 'vscode';
import { StatusRequest } from '../../../server/src/protocol/lsp';
import type { FileStatus } from '../../../server/src/protocol/status';
import type { ServerController } from '../languageClient';
import { statusDocument, summarize, workingDirectorySummary } from './describe';

const SELECTOR: vscode.DocumentSelector = [{ language: 'python' }, { language: 'm5cpt' }, { pattern: '**/tasks.json' }];
const GRAPH_SCHEME = 'gem5sst-graph';

function relativeTo(path: string): (p: string) => string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path));
  return (p) => (folder ? relative(folder.uri.fsPath, p) || '.' : p);
}

export class FileStatusItems implements vscode.Disposable {
  private readonly file: vscode.LanguageStatusItem;
  private readonly workdir: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly graphChanged = new vscode.EventEmitter<vscode.Uri>();
  private timer: NodeJS.Timeout | null = null;
  private last: FileStatus | null = null;

  constructor(private readonly server: ServerController, private readonly log: vscode.LogOutputChannel) {
    this.file = vscode.languages.createLanguageStatusItem('gem5sst.file', SELECTOR);
    this.file.name = 'gem5 + SST: this file';
    this.workdir = vscode.languages.createLanguageStatusItem('gem5sst.workingDirectory', { language: 'python' });
    this.workdir.name = 'gem5 + SST: SST working directory';
    this.disposables.push(this.file, this.workdir, this.graphChanged,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(50)),
      vscode.languages.onDidChangeDiagnostics(() => this.schedule(300)),
      vscode.workspace.registerTextDocumentContentProvider(GRAPH_SCHEME, {
        onDidChange: this.graphChanged.event,
        provideTextDocumentContent: async (uri) => {
          const s = await this.request(uri.query ? decodeURIComponent(uri.query) : '');
          return s ? statusDocument(s, relativeTo(s.path)) : 'The language server is not running.\n';
        },
      }),
      vscode.commands.registerCommand('gem5sst.openGraphOutput', () => this.openGraph()),
    );
    this.showIdle('starting');
    this.schedule(0);
  }

  /** Refresh soon (coalesced). */
  schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, ms);
  }

  private async request(path: string): Promise<FileStatus | null> {
    const client = this.server.languageClient;
    if (!path || !client?.isRunning()) return null;
    try {
      return await client.sendRequest(StatusRequest, { path });
    } catch (e) {
      this.log.warn(`status of ${path}: ${String(e)}`);
      return null;
    }
  }

  private showIdle(text: string): void {
    this.file.text = `gem5 + SST: ${text}`;
    this.file.detail = undefined;
    this.file.severity = vscode.LanguageStatusSeverity.Information;
    this.file.command = { title: 'Show logs', command: 'gem5sst.showLogs' };
    this.workdir.text = '';
    this.workdir.detail = undefined;
    this.workdir.command = undefined;
  }

  private async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'file') return;
    const s = await this.request(doc.uri.fsPath);
    if (vscode.window.activeTextEditor?.document !== doc) return; // the user moved on
    if (!s) {
      this.showIdle('not running');
      return;
    }
    this.last = s;
    const rel = relativeTo(s.path);
    const sum = summarize(s, rel);
    this.file.text = sum.text;
    this.file.detail = sum.detail;
    this.file.severity = sum.warn ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.file.command = s.kind === 'other'
      ? { title: 'Show logs', command: 'gem5sst.showLogs' }
      : { title: 'Open graph output', command: 'gem5sst.openGraphOutput' };
    const wd = workingDirectorySummary(s, rel);
    this.workdir.text = wd?.text ?? '';
    this.workdir.detail = wd?.detail;
    this.workdir.command = wd ? { title: 'Set…', command: 'gem5sst.setSstWorkingDirectory', arguments: [{ script: s.path, fromTask: s.workingDirectory?.source === 'task' }] } : undefined;
    this.workdir.severity = vscode.LanguageStatusSeverity.Information;
    this.graphChanged.fire(this.graphUri(s.path));
  }

  private graphUri(path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: GRAPH_SCHEME, path: `/${relativeTo(path)(path)}.md`, query: encodeURIComponent(path) });
  }

  private async openGraph(): Promise<void> {
    const path = vscode.window.activeTextEditor?.document.uri.scheme === 'file' ? vscode.window.activeTextEditor.document.uri.fsPath : this.last?.path;
    if (!path) return;
    const doc = await vscode.workspace.openTextDocument(this.graphUri(path));
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
