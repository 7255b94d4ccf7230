// gem5-ckpt: the checkpoint engine and the rule engine on the command line. Each command lives in commands/<name>.ts
// and is loaded only when it runs, so `--help` or `inspect` never pays for the rule engine or the LSP framework.
import { EXIT_USAGE, UsageError, type Command, type Io } from './common';
import { createStdoutWriter, EXIT_BROKEN_PIPE } from './output/stdoutWriter';

interface CommandEntry {
  name: string;
  /** Kept here (and checked against the command module by a test) so listing commands loads none of them. */
  summary: string;
  load(): Promise<Command>;
}

// require, not import(): a dynamic import would start Node's ES module loader (tens of ms) for a CommonJS bundle.
// The literal paths let the bundler keep each command in its own file (see esbuild.mjs).
/* eslint-disable @typescript-eslint/no-require-imports */
export const COMMANDS: CommandEntry[] = [
  { name: 'inspect', summary: 'summarise a checkpoint directory (stores, roles, CPUs, caches, disks, problems)', load: async () => (require('./commands/inspect') as typeof import('./commands/inspect')).inspectCommand },
  { name: 'read', summary: 'read bytes from a memory store by physical address or store offset', load: async () => (require('./commands/read') as typeof import('./commands/read')).readCommand },
  { name: 'verify', summary: 'inflate every memory store and check it is intact and range_size long', load: async () => (require('./commands/verify') as typeof import('./commands/verify')).verifyCommand },
  { name: 'check', summary: 'run the rules over workspace folders or files (text, json or SARIF)', load: async () => (require('./commands/check') as typeof import('./commands/check')).checkCommand },
  { name: 'graph', summary: 'the SST graph the model sees in a script (like sst --output-json; unknown values are null)', load: async () => (require('./commands/graph') as typeof import('./commands/graph')).graphCommand },
  { name: 'retarget', summary: 'the edits that point an SST restore script at a checkpoint (unified diff; --write applies them)', load: async () => (require('./commands/retarget') as typeof import('./commands/retarget')).retargetCommand },
  { name: 'replace-remote', summary: "replace a KVM checkpoint's remote store with an atomic checkpoint's (backup kept), or undo", load: async () => (require('./commands/replaceRemote') as typeof import('./commands/replaceRemote')).replaceRemoteCommand },
  { name: 'lsp', summary: 'run the language server over stdio (for editors other than VS Code)', load: async () => (require('./commands/lsp') as typeof import('./commands/lsp')).lspCommand },
];
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return 'usage: gem5-ckpt <command> [options]\n\ncommands:\n' +
    COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n') +
    "\n\nRun 'gem5-ckpt <command> --help' for a command's options.\n";
}

/** `asProgram`: the process is this one command (not a test calling main): see Command.asProgram. */
export async function main(argv: string[], io: Io, opts: { asProgram?: boolean } = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version') {
    io.out(`${process.env.GEM5_CKPT_VERSION ?? 'dev'}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`gem5-ckpt: unknown command '${name}'\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    const command = await entry.load();
    if (opts.asProgram) command.asProgram?.();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(command.usage + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) io.err(`gem5-ckpt ${name}: ${e.message}\n`);
    else io.err(`gem5-ckpt ${name}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
}

// Run only as the program itself, so a test can import COMMANDS without starting the CLI.
if (require.main === module) {
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  // `gem5-ckpt verify DIR | head -1`: the reader closed the pipe; stop quietly instead of an EPIPE stack trace.
  const stdout = createStdoutWriter(() => {
    controller.abort();
    process.exit(EXIT_BROKEN_PIPE);
  });
  const io: Io = {
    out: (t) => stdout.write(t),
    err: (t) => process.stderr.write(t),
    signal: controller.signal,
  };
  main(process.argv.slice(2), io, { asProgram: true }).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`gem5-ckpt: internal error: ${String(e)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
