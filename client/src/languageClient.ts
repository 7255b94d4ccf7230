/**
 * Starts the bundled language server over IPC and keeps it healthy: a language status item (indexing / ok / errors,
 * with Open Logs and Restart), merged restarts, and a clear message with the log when it cannot start.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | null = null;
  private restarting: Promise<void> | null = null;
  readonly status: vscode.LanguageStatusItem;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.status = vscode.languages.createLanguageStatusItem('gem5sst.status', [{ language: 'python' }, { language: 'm5cpt' }, { pattern: '**/tasks.json' }]);
    this.status.name = 'gem5 + SST';
    this.status.command = { title: 'Open Logs', command: 'gem5sst.showLogs' };
  }

  get languageClient(): LanguageClient | null {
    return this.client;
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('out/server/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'python' },
        { scheme: 'file', language: 'm5cpt' },
        { scheme: 'file', pattern: '**/.vscode/tasks.json' },
      ],
      outputChannel: this.log,
      traceOutputChannel: vscode.window.createOutputChannel('gem5 + SST (LSP trace)'),
      initializationFailedHandler: (error) => {
        this.log.error(`language server failed to initialize: ${String(error)}`);
        this.setStatus('error', 'failed to start');
        void vscode.window.showErrorMessage('gem5 + SST: the language server could not start.', 'Open Logs').then((c) => c && this.log.show());
        return false;
      },
    };
    this.log.info(`starting language server: ${process.execPath} ${module} --node-ipc (VS Code ${vscode.version}, extension ${this.context.extension.packageJSON.version})`);
    this.log.info(`settings: ${JSON.stringify(vscode.workspace.getConfiguration('gem5sst'))}`);
    this.setStatus('busy', 'starting');
    const client = new LanguageClient('gem5sst', 'gem5 + SST', serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.setStatus('ok', 'ready');
      else if (e.newState === State.Stopped) this.setStatus('error', 'stopped');
    });
    this.client = client;
    try {
      await client.start();
    } catch (e) {
      this.log.error(`language server did not start: ${String(e)}`);
      this.setStatus('error', 'failed to start');
    }
  }

  /** Overlapping restart requests share one restart. */
  restart(): Promise<void> {
    this.restarting ??= (async () => {
      try {
        this.log.info('restarting the language server');
        await this.client?.stop().catch((e) => this.log.warn(`stop: ${String(e)}`));
        await this.start();
      } finally {
        this.restarting = null;
      }
    })();
    return this.restarting;
  }

  private setStatus(state: 'busy' | 'ok' | 'error', text: string): void {
    this.status.busy = state === 'busy';
    this.status.severity = state === 'error' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    this.status.text = `gem5 + SST: ${text}`;
    this.status.command = state === 'error'
      ? { title: 'Restart', command: 'gem5sst.restartServer' }
      : { title: 'Open Logs', command: 'gem5sst.showLogs' };
  }

  async dispose(): Promise<void> {
    this.status.dispose();
    await this.client?.stop();
  }
}
