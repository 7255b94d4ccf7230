// Language server entry point: IPC when started by the extension, stdio with --stdio (any LSP editor).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
