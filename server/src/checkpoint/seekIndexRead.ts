/**
 * Reads through a seek index (seekIndex.ts builds it, seekIndexCache.ts stores it): a read inflates only the span
 * from the nearest access point, with Node's native inflate primed with the point's 32 KiB window (a point inside a
 * byte is started through empty deflate blocks of the right bit length: deflatePrime.ts). This module is all a
 * cached-index read loads (no build code, no worker, no crypto), so `gem5-ckpt read` starts little slower than node.
 *
 * Never stale: every access point carries the CRC-32 of the compressed bytes there, checked before it is used, and
 * each span the CRC-32 of its output, checked when the span is inflated whole; any mismatch throws StaleIndexError
 * (callers fall back to a straight read and rebuild).
 */
import { constants as zc, crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { primedFirstBytes } from './deflatePrime';
import { open, stat } from './fsLite';
import type { SeekIndex } from './seekIndex';

const READ_CHUNK = 1024 * 1024;
/** Spans up to this much output are inflated whole (and cached); longer ones (one huge block) are streamed. */
const WHOLE_SPAN_MAX = 32 * 1024 * 1024;
/** Compressed bytes at each access point whose CRC is checked before the point is used. */
export const SAMPLE_BYTES = 4096;

/** The store no longer matches its index (changed on disk): the caller reads straight and rebuilds. */
export class StaleIndexError extends Error {}

const spanCache = new Map<string, Buffer>();
const SPAN_CACHE_ENTRIES = 4;

function spanRange(index: SeekIndex, i: number): { from: number; to: number; outLength: number } {
  const p = index.points[i];
  const next = index.points[i + 1];
  const m = index.members[p.member];
  const sameMember = next && next.member === p.member;
  return { from: p.in - (p.bits ? 1 : 0), to: sameMember ? next.in : m.deflateEnd, outLength: (sameMember ? next.out : m.outEnd) - p.out };
}

/** The span's compressed bytes as native zlib can start them: a block starting inside a byte is primed (deflatePrime). */
function primed(compressed: Buffer, bits: number): Buffer {
  return bits ? Buffer.concat([primedFirstBytes(bits, compressed[0]), compressed.subarray(1)]) : compressed;
}

async function readExactly(file: string, from: number, length: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, from);
    if (bytesRead < length) throw new StaleIndexError(`${file} is shorter than when it was indexed (changed on disk?)`);
    return buf;
  } finally {
    await fh.close();
  }
}

/** The whole output of span `i` (bounded by WHOLE_SPAN_MAX), its compressed bytes checked against the index. */
async function inflateSpan(index: SeekIndex, i: number): Promise<Buffer> {
  const key = `${index.file}:${index.id}:${i}`;
  const hit = spanCache.get(key);
  if (hit) {
    spanCache.delete(key);
    spanCache.set(key, hit);
    return hit;
  }
  const p = index.points[i];
  const { from, to, outLength } = spanRange(index, i);
  const compressed = await readExactly(index.file, from, to - from);
  if (crc32(compressed.subarray(0, SAMPLE_BYTES)) >>> 0 !== p.crc) throw new StaleIndexError(`${index.file} changed since it was indexed (span ${i} differs)`);
  let bytes: Buffer;
  try {
    bytes = inflateRawSync(primed(compressed, p.bits), {
      dictionary: p.window.length ? p.window : undefined,
      finishFlush: zc.Z_SYNC_FLUSH,
      // The span's whole output in one buffer: the default 16 KiB chunks cost a copy and ~3x the time per MiB.
      chunkSize: Math.max(64, outLength),
    });
  } catch (e) {
    throw new StaleIndexError(`${index.file}: span ${i} does not inflate from its access point (${(e as Error).message})`);
  }
  if (bytes.length < outLength) throw new StaleIndexError(`${index.file}: span ${i} inflates to ${bytes.length} bytes, the index says ${outLength}`);
  if (bytes.length > outLength) bytes = bytes.subarray(0, outLength);
  if (crc32(bytes) >>> 0 !== p.outCrc) throw new StaleIndexError(`${index.file}: span ${i} inflates to other bytes than when it was indexed`);
  spanCache.set(key, bytes);
  while (spanCache.size > SPAN_CACHE_ENTRIES) spanCache.delete(spanCache.keys().next().value as string);
  return bytes;
}

/**
 * `length` bytes at `skip` into span `i`, streaming: for a span far longer than the configured one (a single huge
 * deflate block) memory stays at one chunk. The compressed bytes at the point are checked before inflating.
 */
async function streamSpan(index: SeekIndex, i: number, skip: number, length: number): Promise<Buffer> {
  const p = index.points[i];
  const { from, to } = spanRange(index, i);
  const fh = await open(index.file, 'r');
  const parts: Buffer[] = [];
  let got = 0;
  let seen = 0;
  const inflater = createInflateRaw({ dictionary: p.window.length ? p.window : undefined, finishFlush: zc.Z_SYNC_FLUSH, chunkSize: 256 * 1024 });
  const failed = new Promise<never>((_r, reject) => inflater.on('error', (e) => reject(new StaleIndexError(`${index.file}: span ${i} does not inflate (${e.message})`))));
  failed.catch(() => undefined);
  inflater.on('data', (chunk: Buffer) => {
    const a = Math.max(0, skip - seen);
    const b = Math.min(chunk.length, skip + length - seen);
    if (b > a && got < length) {
      parts.push(Buffer.from(chunk.subarray(a, b)));
      got += b - a;
    }
    seen += chunk.length;
  });
  try {
    const buf = Buffer.alloc(READ_CHUNK);
    let first = true;
    for (let at = from; at < to; ) {
      const want = Math.min(READ_CHUNK, to - at);
      const { bytesRead } = await fh.read(buf, 0, want, at);
      if (bytesRead < want) throw new StaleIndexError(`${index.file} is shorter than when it was indexed (changed on disk?)`);
      const raw = buf.subarray(0, bytesRead);
      if (first && crc32(raw.subarray(0, SAMPLE_BYTES)) >>> 0 !== p.crc) throw new StaleIndexError(`${index.file} changed since it was indexed (span ${i} differs)`);
      at += bytesRead;
      if (got >= length) break;
      {
        const piece = first ? primed(Buffer.from(raw), p.bits) : Buffer.from(raw);
        first = false;
        if (!inflater.write(piece)) await Promise.race([new Promise((r) => inflater.once('drain', r)), failed]);
        await Promise.race([new Promise((r) => setImmediate(r)), failed]);
      }
    }
    if (got < length) {
      inflater.end();
      await Promise.race([new Promise((r) => inflater.once('end', r)), failed]);
    }
  } finally {
    inflater.destroy();
    await fh.close();
  }
  return Buffer.concat(parts);
}

/**
 * Reads `length` bytes at uncompressed `offset` (fewer when the stream ends first). Throws StaleIndexError when the
 * file no longer matches the index; never returns bytes from a stale index.
 */
export async function readWithIndex(index: SeekIndex, offset: number, length: number, opts: { wholeSpanMax?: number } = {}): Promise<Buffer> {
  if (!index.points.length) throw new Error('the seek index has no access points');
  // A negative offset would index a span from its end (Buffer.subarray) and return the wrong bytes.
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`invalid offset ${offset}: expected a non-negative integer`);
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`invalid length ${length}: expected a non-negative integer`);
  const st = await stat(index.file).catch(() => null);
  if (!st || st.size !== index.size || st.mtimeMs !== index.mtimeMs) throw new StaleIndexError(`${index.file} changed since it was indexed`);
  const parts: Buffer[] = [];
  let pos = offset;
  let left = length;
  while (left > 0 && pos < index.totalOut) {
    let lo = 0;
    let hi = index.points.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (index.points[mid].out <= pos) lo = mid;
      else hi = mid - 1;
    }
    const from = pos - index.points[lo].out;
    const { outLength } = spanRange(index, lo);
    const take = Math.min(left, outLength - from);
    if (take <= 0) break;
    const piece = outLength <= (opts.wholeSpanMax ?? WHOLE_SPAN_MAX)
      ? (await inflateSpan(index, lo)).subarray(from, from + take)
      : await streamSpan(index, lo, from, take);
    if (piece.length !== take) throw new StaleIndexError(`${index.file}: span ${lo} is shorter than indexed`);
    parts.push(piece);
    pos += piece.length;
    left -= piece.length;
  }
  return Buffer.concat(parts);
}
