/**
 * `gem5-ckpt read DIR (--addr A | --store N --offset X) --length L [--format hex|json|raw]`: bytes from a memory
 * store, by physical address (store start from the take run's config.ini) or by store and offset.
 */
// The modules themselves, not the checkpoint barrel, so a read loads no more than it uses (no verify, no discovery).
import { openCheckpoint, type ReadTarget } from '../../checkpoint/openCheckpoint';
import { StoreReadError } from '../../checkpoint/pmemStream';
import { useSyncFileCalls } from '../../checkpoint/fsLite';
import { oneDirectory, EXIT_OK, EXIT_PROBLEMS, hex, json, oneOf, parseCommandArgs, parseU64, UsageError, type Command } from '../common';

const USAGE = 'usage: gem5-ckpt read DIR (--addr A | --store N --offset X) --length L [--format hex|json|raw] [--index]';
/** A terminal tool, not a dumper: larger reads should stream through `raw` into a file. */
const MAX_LENGTH = 64 * 1024 * 1024;

export const readCommand: Command = {
  name: 'read',
  summary: 'read bytes from a memory store by physical address or store offset',
  usage: USAGE,
  asProgram: () => useSyncFileCalls(),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      addr: { type: 'string' }, store: { type: 'string' }, offset: { type: 'string' },
      length: { type: 'string' }, format: { type: 'string' }, index: { type: 'boolean' },
    }, USAGE);
    const dir = oneDirectory(positionals, USAGE);
    const format = oneOf(values.format as string | undefined, ['hex', 'json', 'raw'] as const, 'hex', 'format');
    const target = readTarget(values as Record<string, string | undefined>);
    if (values.length === undefined) throw new UsageError(`--length is required\n${USAGE}`);
    const length = parseU64(values.length as string, 'length');
    if (length > BigInt(MAX_LENGTH)) throw new UsageError(`--length is limited to ${MAX_LENGTH} bytes`);
    // --index: without a cached seek index, the read is answered by a straight inflate while a worker builds the index
    // (cached outside the checkpoint) that makes later random reads fast; the command waits for it after printing.
    const cpt = await openCheckpoint(dir, { signal: io.signal, seekIndex: values.index ? 'build' : 'cached' });
    let resolved;
    let bytes: Buffer;
    try {
      resolved = cpt.resolveTarget(target);
      bytes = await cpt.readBytes(target, Number(length), io.signal);
    } catch (e) {
      if (e instanceof StoreReadError && e.kind !== 'aborted') {
        io.err(`gem5-ckpt read: ${e.message}\n`);
        return EXIT_PROBLEMS;
      }
      throw e;
    }
    const start = resolved.store.start ? BigInt(resolved.store.start) + resolved.offset : null;
    if (format === 'raw') io.out(bytes);
    else if (format === 'json') {
      io.out(json({ store: resolved.store.id, file: resolved.store.file, offset: hex(resolved.offset),
        addr: start === null ? null : hex(start), length: bytes.length, hex: bytes.toString('hex') }));
    } else io.out(hexDump(bytes, start ?? resolved.offset));
    // In-process worker rather than a detached process: the index is written (or its failure reported) before the
    // command exits, and nothing outlives it holding the cache lock.
    for (const failed of await cpt.indexBuildsSettled()) io.err(`gem5-ckpt read: ${failed.error}\n`);
    return EXIT_OK;
  },
};

function readTarget(v: Record<string, string | undefined>): ReadTarget {
  if (v.addr !== undefined) {
    if (v.store !== undefined || v.offset !== undefined) throw new UsageError(`give either --addr or --store/--offset\n${USAGE}`);
    return { addr: parseU64(v.addr, 'addr') };
  }
  if (v.store === undefined || v.offset === undefined) throw new UsageError(`give --addr, or both --store and --offset\n${USAGE}`);
  return { store: Number(parseU64(v.store, 'store')), offset: parseU64(v.offset, 'offset') };
}

/** xxd-style: address, 16 bytes in hex, printable ASCII. */
export function hexDump(bytes: Buffer, base: bigint): string {
  const rows: string[] = [];
  const width = Math.max(8, (base + BigInt(bytes.length)).toString(16).length);
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.subarray(i, i + 16);
    const hexPart = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ').padEnd(47);
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    rows.push(`${(base + BigInt(i)).toString(16).padStart(width, '0')}  ${hexPart}  ${ascii}`);
  }
  return rows.join('\n') + '\n';
}
