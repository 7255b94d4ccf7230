/**
 * Starts the built language server over stdio and talks LSP to it, as an editor would (vscode-languageserver-protocol).
 * Answers the server's workspace/configuration requests with settings the test controls, and counts
 * workspace/diagnostic/refresh requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { ensureBuilt, REPO } from './cli';
import { join } from 'node:path';

export const SERVER = join(REPO, 'out', 'server', 'server.js');

export interface LspSession {
  connection: ProtocolConnection;
  process: ChildProcess;
  settings: Record<string, unknown>;
  /** Settings of one workspace folder (by folder URI), answered instead of `settings` for requests scoped to it. */
  folderSettings: Map<string, Record<string, unknown>>;
  /** workspace/configuration requests the server sent. */
  configurationRequests: number;
  refreshes: number;
  uri(path: string): string;
  open(path: string, text?: string): Promise<void>;
  dispose(): Promise<void>;
}

/** `folders`: the workspace folders (default: `root` alone), for multi-root workspaces. */
export async function startLsp(root: string, opts: { command?: string[]; pull?: boolean; folders?: string[] } = {}): Promise<LspSession> {
  ensureBuilt();
  const args = opts.command ?? [SERVER, '--stdio'];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const session: LspSession = {
    connection,
    process: child,
    settings: {},
    folderSettings: new Map(),
    configurationRequests: 0,
    refreshes: 0,
    uri: (p) => URI.file(p).toString(),
    async open(path, text) {
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: session.uri(path), languageId: 'python', version: 1, text: text ?? readFileSync(path, 'utf8') },
      });
    },
    async dispose() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      child.kill();
    },
  };
  connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) => {
    session.configurationRequests++;
    return params.items.map((item) => (item.scopeUri && session.folderSettings.get(item.scopeUri)) || session.settings);
  });
  connection.onRequest('workspace/diagnostic/refresh', () => {
    session.refreshes++;
    return null;
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: session.uri(root),
    workspaceFolders: (opts.folders ?? [root]).map((f, i) => ({ uri: session.uri(f), name: `ws${i}` })),
    capabilities: {
      textDocument: { diagnostic: opts.pull === false ? undefined : { dynamicRegistration: false }, synchronization: {} },
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    },
  });
  await connection.sendNotification('initialized', {});
  return session;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
