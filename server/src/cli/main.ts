// gem5-ckpt: the checkpoint engine and the rule engine on the command line. Each command lives in commands/<name>.ts
// and is loaded only when it runs, so `--help` or `inspect` never pays for the rule engine or the LSP framework.
import { EXIT_USAGE, UsageError, type Command, type Io } from './common';
import { createStdoutWriter, EXIT_BROKEN_PIPE } from './output/stdoutWriter';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWithCodeCache } from '../lsp/codeCache';

interface CommandEntry {
  name: string;
  /** Kept here (and checked against the command module by a test) so listing commands loads none of them. */
  summary: string;
  load(): Promise<Command>;
}

// require, not import(): a dynamic import would start Node's ES module loader (tens of ms) for a CommonJS bundle.
// The literal paths let the bundler keep each command in its own file (see esbuild.mjs); from the bundle, a
// command's file runs through a V8 code cache instead (`command` below), except inspect's: naming the cache hashes the
// file with zlib, which a small inspect would load for that alone (it inflates nothing).
/* eslint-disable @typescript-eslint/no-require-imports */
export const COMMANDS: CommandEntry[] = [
  { name: 'inspect', summary: 'summarise a checkpoint directory (stores, roles, CPUs, caches, disks, problems)', load: async () => (require('./commands/inspect') as typeof import('./commands/inspect')).inspectCommand },
  { name: 'read', summary: 'read bytes from a memory store by physical address or store offset', load: async () => command<typeof import('./commands/read')>('read', () => require('./commands/read')).readCommand },
  { name: 'verify', summary: 'inflate every memory store and check it is intact and range_size long', load: async () => command<typeof import('./commands/verify')>('verify', () => require('./commands/verify')).verifyCommand },
  { name: 'check', summary: 'run the rules over workspace folders or files (text, json or SARIF)', load: async () => command<typeof import('./commands/check')>('check', () => require('./commands/check')).checkCommand },
  { name: 'graph', summary: 'the SST graph the model sees in a script (like sst --output-json; unknown values are null)', load: async () => command<typeof import('./commands/graph')>('graph', () => require('./commands/graph')).graphCommand },
  { name: 'retarget', summary: 'the edits that point an SST restore script at a checkpoint (unified diff; --write applies them)', load: async () => command<typeof import('./commands/retarget')>('retarget', () => require('./commands/retarget')).retargetCommand },
  { name: 'replace-remote', summary: "replace a KVM checkpoint's remote store with an atomic checkpoint's (backup kept), or undo", load: async () => command<typeof import('./commands/replaceRemote')>('replaceRemote', () => require('./commands/replaceRemote')).replaceRemoteCommand },
  { name: 'lsp', summary: 'run the language server over stdio (for editors other than VS Code)', load: async () => command<typeof import('./commands/lsp')>('lsp', () => require('./commands/lsp')).lspCommand },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A command's module. From the bundle (out/cli/gem5-ckpt.js), commands/<file>.js runs through the V8 code cache
 * (lsp/codeCache.ts): its functions come compiled from the last run (a cached-index `read` executes about a quarter
 * fewer instructions beyond node's own start-up). From the sources (tests), or with GEM5SST_CODE_CACHE=off, a plain
 * require. The module is registered as require would, so it shares common.js (one UsageError) with this one.
 */
function command<T>(file: string, viaRequire: () => unknown): T {
  const bundle = join(__dirname, 'commands', `${file}.js`);
  if (!__filename.endsWith('.js') || process.env.GEM5SST_CODE_CACHE === 'off' || !existsSync(bundle)) return viaRequire() as T;
  return loadWithCodeCache(bundle, { cacheDir: process.env.GEM5SST_CODE_CACHE_DIR || undefined }).exports as T;
}

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
