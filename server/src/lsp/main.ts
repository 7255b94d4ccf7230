// Language server entry point: IPC when started by the extension, stdio with --stdio (any LSP editor).
import { createServerConnection } from './connection';
import { startServer } from './server';

startServer(createServerConnection());
