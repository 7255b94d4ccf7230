/**
 * Restore plan panels: one per SST script (revealed if already open), opened from the CodeLens at the top of an SST
 * script, the palette, or a checkpoint in the Checkpoints view ("Restore plan with…": the plan of the script as it is,
 * plus what Point Restore at Checkpoint… would change for that checkpoint, with a button to run it). The panel asks
 * again after edits of the script pause, and when its diagnostics change to something the plan does not show (one
 * request per edit: PlanSession). A window reload restores the panel with its script and checkpoint (the webview's
 * saved state, checked by restoredPlan). Strict CSP, resources limited to the bundle.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { PlanRetarget } from '../../../server/src/protocol/planWebview';
import { RestorePlanRequest, type RestorePlanReply } from '../../../server/src/protocol/restorePlan';
import { RetargetRequest } from '../../../server/src/protocol/lsp';
import type { Span } from '../../../server/src/protocol/span';
import { makeNonce } from '../explorer/html';
import type { ServerController } from '../languageClient';
import { CheckpointTree } from '../tree/checkpointTree';
import { restorePlanCodeLens } from './planCodeLens';
import { planHtml } from './planHtml';
import { diagnosticsSignature } from './diagnosticsSignature';
import { PlanSession, type PlanSessionOptions } from './planSession';
import { restoredPlan } from './planState';
import { pickSstScript, RETARGET_COMMAND } from './retargetCommand';

export const PLAN_VIEW_TYPE = 'gem5sst.restorePlan';
export const OPEN_PLAN_COMMAND = 'gem5sst.openRestorePlan';
export const OPEN_PLAN_WITH_COMMAND = 'gem5sst.openRestorePlanWith';

const panelTitle = (script: string) => `Restore plan — ${basename(script)}`;

/** An AbortSignal as the cancellation token of an LSP request. */
function tokenOf(signal: AbortSignal | undefined): vscode.CancellationToken | undefined {
  if (!signal) return undefined;
  const source = new vscode.CancellationTokenSource();
  if (signal.aborted) source.cancel();
  else signal.addEventListener('abort', () => source.cancel(), { once: true });
  return source.token;
}

interface OpenPanel {
  panel: vscode.WebviewPanel;
  session: PlanSession;
  subscriptions: vscode.Disposable[];
}

async function openAt(file: string, span: Span): Promise<void> {
  const uri = vscode.Uri.file(file);
  const range = new vscode.Range(span.start.line, span.start.character, span.end.line, span.end.character);
  // The editor already showing the script keeps its column; otherwise the file opens beside the plan.
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(uri, { selection: range, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerRestorePlan(context: vscode.ExtensionContext, server: ServerController, log: vscode.LogOutputChannel): { open(script: string, checkpoint?: string | null): void } {
  const panels = new Map<string, OpenPanel>();
  const bundle = vscode.Uri.joinPath(context.extensionUri, 'out', 'webview');

  const requestPlan = async (script: string, signal?: AbortSignal): Promise<RestorePlanReply> => {
    const client = server.languageClient;
    if (!client) throw new Error('the language server is not running');
    return client.sendRequest(RestorePlanRequest, { script }, tokenOf(signal));
  };
  const requestRetarget = async (script: string, checkpoint: string, signal?: AbortSignal): Promise<PlanRetarget> => {
    const client = server.languageClient;
    if (!client) throw new Error('the language server is not running');
    const r = await client.sendRequest(RetargetRequest, { script, checkpoint }, tokenOf(signal));
    return { checkpoint, changes: r.changes, blockers: r.blockers, error: r.error };
  };

  const attach = (panel: vscode.WebviewPanel, script: string, checkpoint: string | null, opts: PlanSessionOptions = {}) => {
    if (!opts.failure) panels.get(script)?.subscriptions.forEach((d) => d.dispose());
    panel.webview.options = { enableScripts: true, localResourceRoots: [bundle] };
    panel.webview.html = planHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'restorePlan.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'restorePlan.css')).toString(),
      nonce: makeNonce(),
      title: script ? panelTitle(script) : 'Restore plan',
    });
    const scriptUri = vscode.Uri.file(script).toString();
    const session = new PlanSession(script, panel.webview, {
      requestPlan, requestRetarget,
      diagnosticsSignature: () => diagnosticsSignature(vscode.languages.getDiagnostics(vscode.Uri.parse(scriptUri))),
      open: (file, span) => void openAt(file, span).catch((e) => log.warn(`restore plan: cannot open ${file}: ${String(e)}`)),
      retarget: (s, c) => void vscode.commands.executeCommand(RETARGET_COMMAND, s, c),
      log: (m) => log.info(m),
    }, checkpoint, opts);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((m) => session.handle(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === scriptUri && e.contentChanges.length) session.edited();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === scriptUri)) session.diagnosticsChanged();
      }),
      { dispose: () => session.dispose() },
    ];
    const entry = { panel, session, subscriptions };
    // A panel that cannot show a plan is not reused for its script (which may come back).
    if (!opts.failure) panels.set(script, entry);
    subscriptions.push(panel.onDidDispose(() => {
      entry.subscriptions.forEach((d) => d.dispose());
      if (panels.get(script) === entry) panels.delete(script);
    }));
  };

  const open = (script: string, checkpoint: string | null = null) => {
    const existing = panels.get(script);
    if (existing) {
      // Another checkpoint for the same script: the same panel, now showing that checkpoint.
      if (checkpoint && checkpoint !== existing.session.checkpoint) attach(existing.panel, script, checkpoint);
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PLAN_VIEW_TYPE, panelTitle(script), vscode.ViewColumn.Beside, {
      enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [bundle],
    });
    attach(panel, script, checkpoint);
  };

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PLAN_VIEW_TYPE, {
      // The state is the webview's own (untrusted): a missing script or checkpoint is said in the panel.
      async deserializeWebviewPanel(panel, state: unknown) {
        const r = restoredPlan(state);
        if (r.ok) {
          panel.title = panelTitle(r.script);
          attach(panel, r.script, r.checkpoint, { notice: r.notice });
          return;
        }
        log.warn(`restore plan: not restored: ${r.message}`);
        attach(panel, r.script ?? '', null, { failure: r.message });
      },
    }),
    vscode.commands.registerCommand(OPEN_PLAN_COMMAND, async (arg?: unknown) => {
      const script = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : await pickSstScript('SST script to show the restore plan of');
      if (script) open(script);
    }),
    vscode.commands.registerCommand(OPEN_PLAN_WITH_COMMAND, async (node?: unknown, scriptArg?: unknown) => {
      const checkpoint = CheckpointTree.dirOf(node);
      if (!checkpoint) return;
      const script = typeof scriptArg === 'string' ? scriptArg : await pickSstScript(`SST script to restore ${vscode.workspace.asRelativePath(checkpoint)} with`, false);
      if (script) open(script, checkpoint);
    }),
    restorePlanCodeLens(),
    { dispose: () => [...panels.values()].forEach((p) => p.panel.dispose()) },
  );
  return { open };
}
