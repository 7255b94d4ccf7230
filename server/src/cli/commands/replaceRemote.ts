/**
 * `gem5-ckpt replace-remote TARGET_DIR --from SOURCE_DIR` / `gem5-ckpt replace-remote TARGET_DIR --undo`: the
 * extension's Replace Remote Memory Image, same code path, for clusters without an editor. Exit 0 done, 1 refused
 * (reason on stderr), 2 usage or internal error.
 */
import { ReplaceRefused, replaceRemoteImage, undoReplaceRemoteImage } from '../../checkpoint/replaceImage';
import { StoreReadError } from '../../checkpoint/pmemStream';
import { EXIT_OK, EXIT_PROBLEMS, formatSize, json, oneDirectory, oneOf, parseCommandArgs, UsageError, type Command } from '../common';

const USAGE = 'usage: gem5-ckpt replace-remote TARGET_DIR (--from SOURCE_DIR | --undo) [--format text|json]';

export const replaceRemoteCommand: Command = {
  name: 'replace-remote',
  summary: "replace a KVM checkpoint's remote store with an atomic checkpoint's (backup kept), or undo",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { from: { type: 'string' }, undo: { type: 'boolean' }, format: { type: 'string' } }, USAGE);
    const target = oneDirectory(positionals, USAGE);
    const format = oneOf(values.format as string | undefined, ['text', 'json'] as const, 'text', 'format');
    const from = values.from as string | undefined;
    if ((from === undefined) === !values.undo) throw new UsageError(`give exactly one of --from SOURCE_DIR and --undo\n${USAGE}`);
    if (from === '') throw new UsageError(`--from needs a checkpoint directory\n${USAGE}`);
    try {
      if (values.undo) {
        const r = await undoReplaceRemoteImage(target);
        for (const note of r.recovered) io.err(`gem5-ckpt replace-remote: ${note}\n`);
        if (format === 'json') io.out(json({ undone: true, target: r.target, recovered: r.recovered }));
        else io.out(`restored ${r.target} from its backup\n`);
        return EXIT_OK;
      }
      const r = await replaceRemoteImage(target, from as string, { signal: io.signal });
      for (const note of r.recovered) io.err(`gem5-ckpt replace-remote: ${note}\n`);
      if (format === 'json') io.out(json(r));
      else io.out(`replaced store${r.store} ${r.targetFile} (${formatSize(BigInt(r.targetBytes))} compressed, range_size ${r.rangeSize}) with ${r.sourceFile}; the original is kept as ${r.backup}\n`);
      return EXIT_OK;
    } catch (e) {
      if (e instanceof ReplaceRefused || (e instanceof StoreReadError && e.kind !== 'aborted')) {
        io.err(`gem5-ckpt replace-remote: refused: ${e.message}\n`);
        return EXIT_PROBLEMS;
      }
      throw e;
    }
  },
};
