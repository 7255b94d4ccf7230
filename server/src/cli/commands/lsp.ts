/** `gem5-ckpt lsp --stdio`: the same language server for Neovim, Emacs, Helix and other LSP clients. */
import { createServerConnection } from '../../lsp/connection';
import { startServer } from '../../lsp/server';
import { UsageError, type Command } from '../common';

const USAGE = 'usage: gem5-ckpt lsp --stdio';

export const lspCommand: Command = {
  name: 'lsp',
  summary: 'run the language server over stdio (for editors other than VS Code)',
  usage: USAGE,
  run(args) {
    if (!args.includes('--stdio')) throw new UsageError(`only --stdio is supported\n${USAGE}`);
    startServer(createServerConnection());
    // The connection keeps the process alive until the client sends exit.
    return new Promise<number>(() => undefined);
  },
};
