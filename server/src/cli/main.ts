// gem5-ckpt: the checkpoint engine and the rule engine on the command line.
const USAGE = `usage: gem5-ckpt <command> [options]

commands:
  inspect DIR            summarise a checkpoint
  read DIR               read bytes from a memory store
  verify DIR             inflate and check every memory store
  check PATH...          run the rules over a workspace folder or files
`;

function main(argv: string[]): number {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  process.stderr.write(`gem5-ckpt: unknown command '${command}'\n${USAGE}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
