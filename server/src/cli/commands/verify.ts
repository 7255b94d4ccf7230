/** `gem5-ckpt verify DIR [--format text|json]`: inflate every store, check gzip integrity and length (exit 1 if broken). */
import { verifyCheckpoint } from '../../checkpoint';
import { oneDirectory, EXIT_OK, EXIT_PROBLEMS, formatSize, json, oneOf, parseCommandArgs, type Command } from '../common';

const USAGE = 'usage: gem5-ckpt verify DIR [--format text|json] [--quiet]';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'inflate every memory store and check it is intact and range_size long',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } }, USAGE);
    const dir = oneDirectory(positionals, USAGE);
    const format = oneOf(values.format as string | undefined, ['text', 'json'] as const, 'text', 'format');
    const showProgress = format === 'text' && !values.quiet && process.stderr.isTTY;
    let lastPercent = -1;
    const results = await verifyCheckpoint(dir, {
      signal: io.signal,
      onProgress(done, total, store) {
        if (!showProgress || total === 0n) return;
        const percent = Number((done * 100n) / total);
        if (percent !== lastPercent) io.err(`\rstore${store}: ${percent}%`);
        lastPercent = percent;
      },
    });
    if (showProgress) io.err('\r\x1b[K');
    if (format === 'json') io.out(json({ path: dir, stores: results }));
    else {
      for (const r of results) {
        const size = /^\d+$/.test(r.rangeSize) ? formatSize(BigInt(r.rangeSize)) : r.rangeSize;
        io.out(`store${r.id}  ${r.file}  ${size}  ${r.ok ? 'ok' : 'BROKEN'}\n`);
        for (const p of r.problems) io.out(`  ${p.severity} ${p.code}: ${p.message}\n`);
      }
      const broken = results.filter((r) => !r.ok).length;
      io.out(`${results.length} stores verified, ${broken} broken\n`);
    }
    return results.some((r) => !r.ok) ? EXIT_PROBLEMS : EXIT_OK;
  },
};
