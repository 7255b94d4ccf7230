/**
 * Cheap checks of a `.pmem` that read a few bytes, so `check`/inspect find a truncated or foreign store without
 * inflating it: the gzip header, the trailer's ISIZE against range_size mod 2^32, and a compressed size too small to
 * inflate to range_size even at deflate's maximum ratio. A full inflate (verify) stays the authority.
 */
import { open } from './fsLite';
import { detectStoreFormat } from './pmemStream';

/** Header (10) + the smallest deflate stream (2) + trailer (8). */
const MIN_GZIP_BYTES = 20;
/** A deflate length-258/distance-1 pair coded in 1+1 bits gives 258 bytes per 2 bits: 1032:1 at best. */
const MAX_DEFLATE_RATIO = 1032n;
const GZIP_OVERHEAD = 18n;

/** The problem found, or null when the cheap checks pass (which does not prove the store intact). */
export async function quickCheckStore(path: string, rangeSize: bigint): Promise<string | null> {
  const format = await detectStoreFormat(path);
  if (format.kind !== 'gzip') return format.description;
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < MIN_GZIP_BYTES) return `is ${size} bytes, shorter than any gzip stream (${MIN_GZIP_BYTES}): truncated`;
    const head = Buffer.alloc(10);
    await fh.read(head, 0, 10, 0);
    if (head[3] & 0xe0) return `gzip header has reserved flag bits set (0x${head[3].toString(16)}): not a gzip stream gem5 wrote`;
    const floor = (BigInt(size) - GZIP_OVERHEAD) * MAX_DEFLATE_RATIO;
    if (floor < rangeSize) {
      return `${size} compressed bytes cannot inflate to range_size ${rangeSize} even at deflate's maximum ratio (1032:1): truncated`;
    }
    const trailer = Buffer.alloc(4);
    await fh.read(trailer, 0, 4, size - 4);
    const isize = BigInt(trailer.readUInt32LE(0));
    const expected = rangeSize & 0xffffffffn;
    if (isize !== expected) {
      return `gzip trailer records ${isize} bytes (ISIZE, mod 2^32) but range_size ${rangeSize} gives ${expected}: ` +
        'the file is truncated or belongs to another store (or holds several gzip members; verify inflates it to be sure)';
    }
    return null;
  } finally {
    await fh.close();
  }
}
