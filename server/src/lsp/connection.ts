/**
 * The server's connection (IPC or --stdio, from the process arguments). A request the client cancels while it still
 * waits in the queue (a pull superseded during a burst of edits) is answered "cancelled" at once instead of being
 * computed: vscode-jsonrpc's default runs it anyway.
 */
import { createConnection, LSPErrorCodes, ProposedFeatures, type Connection } from 'vscode-languageserver/node';

export function createServerConnection(): Connection {
  return createConnection(ProposedFeatures.all, {
    cancelUndispatched: (message) => ({
      jsonrpc: '2.0',
      id: 'id' in message ? (message.id as number | string | null) : null,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled before it started' },
    }),
  });
}
