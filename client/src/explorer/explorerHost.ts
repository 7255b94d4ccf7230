/**
 * Checkpoint explorer panels: one per checkpoint directory (revealed if already open), `retainContextWhenHidden` off
 * with state restored through a serializer, strict CSP, resources limited to the webview bundle.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { ViewAction } from '../../../server/src/protocol/webview';
import { inspectCheckpoint } from '../../../server/src/checkpoint';
import { comparePickItems } from './comparePick';
import { explorerHtml, makeNonce } from './html';
import { ExplorerSession } from './explorerSession';

export const VIEW_TYPE = 'gem5sst.explorer';

/** "Checkpoint take_0/checkpoint": the directory and its parent, since checkpoints are often all called `checkpoint`. */
const panelTitle = (dir: string) => `Checkpoint ${basename(dirname(dir))}/${basename(dir)}`;

const ACTION_COMMANDS: Record<ViewAction, string> = {
  restoreInSst: 'gem5sst.restoreInSst', restoreGem5: 'gem5sst.restoreGem5', verify: 'gem5sst.verifyCheckpoint', replaceRemote: 'gem5sst.replaceRemoteImage',
};

/** Lets the user pick the checkpoint to compare `dir` with: the known ones (tick, size), or Browse…. */
async function pickOther(dir: string, knownCheckpoints: () => Promise<string[]>): Promise<string | undefined> {
  const known = await Promise.all((await knownCheckpoints()).map(async (d) => ({ dir: d, summary: await inspectCheckpoint(d).catch(() => null) })));
  const items = comparePickItems(dir, known, (d) => vscode.workspace.asRelativePath(d));
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { placeHolder: `Compare ${panelTitle(dir)} with…`, matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.dir) return picked.dir;
  const browsed = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Compare with this checkpoint' });
  return browsed?.[0]?.fsPath;
}

export function registerExplorer(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, knownCheckpoints: () => Promise<string[]> = async () => []): { open(dir: string): void } {
  const panels = new Map<string, vscode.WebviewPanel>();
  const bundle = vscode.Uri.joinPath(context.extensionUri, 'out', 'webview');

  const attach = (panel: vscode.WebviewPanel, dir: string) => {
    panels.set(dir, panel);
    panel.webview.options = { enableScripts: true, localResourceRoots: [bundle] };
    panel.webview.html = explorerHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'main.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'main.css')).toString(),
      nonce: makeNonce(),
      title: panelTitle(dir),
    });
    const session = new ExplorerSession(dir, panel.webview, {
      openLine: (file, line) => void vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(line - 1, 0, line - 1, 0), viewColumn: vscode.ViewColumn.Beside }),
      pickOther: () => pickOther(dir, knownCheckpoints),
      runAction: (action, d) => void vscode.commands.executeCommand(ACTION_COMMANDS[action], d),
      gem5TreeTags: async () => {
        const upgraders = await vscode.workspace.findFiles('**/util/cpt_upgraders/*.py', '**/node_modules/**', 2000);
        if (!upgraders.length) return null;
        const dir = dirname(upgraders[0].fsPath);
        const tags = upgraders.filter((u) => dirname(u.fsPath) === dir).map((u) => basename(u.fsPath, '.py')).sort();
        return { root: dirname(dirname(dir)), tags };
      },
      log: (m) => log.info(m),
    });
    const sub = panel.webview.onDidReceiveMessage((m) => session.handle(m));
    panel.onDidDispose(() => {
      sub.dispose();
      session.dispose();
      panels.delete(dir);
    });
  };

  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    async deserializeWebviewPanel(panel, state: unknown) {
      const dir = state && typeof state === 'object' && typeof (state as { dir?: unknown }).dir === 'string' ? (state as { dir: string }).dir : null;
      if (!dir) {
        panel.dispose();
        return;
      }
      attach(panel, dir);
    },
  }));

  return {
    open(dir: string) {
      const existing = panels.get(dir);
      if (existing) {
        existing.reveal();
        return;
      }
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, panelTitle(dir), vscode.ViewColumn.Active, {
        enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [bundle],
      });
      attach(panel, dir);
    },
  };
}
