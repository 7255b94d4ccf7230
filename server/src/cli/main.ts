// gem5-ckpt: the checkpoint engine and the rule engine on the command line. Each command lives in commands/<name>.ts.
import { EXIT_USAGE, UsageError, type Command, type Io } from './common';
import { inspectCommand } from './commands/inspect';
import { readCommand } from './commands/read';
import { verifyCommand } from './commands/verify';
import { checkCommand } from './commands/check';
import { lspCommand } from './commands/lsp';
import { graphCommand } from './commands/graph';
import { retargetCommand } from './commands/retarget';

const COMMANDS: Command[] = [inspectCommand, readCommand, verifyCommand, checkCommand, graphCommand, retargetCommand, lspCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return 'usage: gem5-ckpt <command> [options]\n\ncommands:\n' +
    COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n') +
    "\n\nRun 'gem5-ckpt <command> --help' for a command's options.\n";
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version') {
    io.out(`${process.env.GEM5_CKPT_VERSION ?? 'dev'}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`gem5-ckpt: unknown command '${name}'\n${usage()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) io.err(`gem5-ckpt ${name}: ${e.message}\n`);
    else io.err(`gem5-ckpt ${name}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
}

const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
const io: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  signal: controller.signal,
};
main(process.argv.slice(2), io).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`gem5-ckpt: internal error: ${String(e)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
