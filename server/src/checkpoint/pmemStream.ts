/**
 * Streaming access to one `.pmem` backing store (domain-spec §2): a single gzip member whose inflated bytes are the
 * store's image, exactly `range_size` long. Everything here streams with Node's native zlib in 1 MiB chunks (the
 * fastest measured; never gunzipSync) and is bounded by `range_size`, so a zip bomb or a 32 GiB image never fills memory.
 */
import { createReadStream } from 'node:fs';
import { open } from './fsLite';
import { createGunzip, constants as zc } from 'node:zlib';

export const CHUNK_BYTES = 1024 * 1024;
export const PAGE_BYTES = 4096;

export type StoreFormat = { kind: 'gzip' } | { kind: 'unsupported'; description: string };

/** Identifies the store's format from its first bytes: gzip is what gem5 writes; anything else is named, not inflated. */
export async function detectStoreFormat(path: string): Promise<StoreFormat> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return { kind: 'gzip' };
    if (bytesRead === 0) return { kind: 'unsupported', description: 'empty file (a gzip stream has at least 20 bytes)' };
    if (head.readUInt32BE(0) === 0x28b52ffd) return { kind: 'unsupported', description: 'zstd stream (gem5 writes gzip)' };
    if (bytesRead >= 3 && head.subarray(0, 3).toString('latin1') === 'BZh') {
      return { kind: 'unsupported', description: 'bzip2 stream (gem5 writes gzip)' };
    }
    const hex = head.subarray(0, bytesRead).toString('hex').replace(/(..)/g, '$1 ').trim();
    return { kind: 'unsupported', description: `not a gzip stream (starts with ${hex}; gem5 writes gzip)` };
  } finally {
    await fh.close();
  }
}

export class StoreReadError extends Error {
  constructor(message: string, readonly kind: 'corrupt' | 'short' | 'format' | 'io' | 'aborted') {
    super(message);
  }
}

/**
 * Calls `onData(chunk, chunkOffset)` for every inflated chunk from the start of the store, until `onData` returns
 * false, the stream ends, or `limit` inflated bytes were produced (the store's `range_size`, plus one byte when the
 * caller wants to detect overlong streams). Resolves with the number of inflated bytes seen.
 */
export function inflateStore(
  path: string,
  limit: bigint,
  onData: (chunk: Buffer, offset: bigint) => boolean,
  signal?: AbortSignal,
): Promise<bigint> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES, finishFlush: zc.Z_SYNC_FLUSH });
    let seen = 0n;
    let settled = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      input.destroy();
      gunzip.destroy();
      if (err) reject(err);
      else resolve(seen);
    };
    const onAbort = () => finish(new StoreReadError('cancelled', 'aborted'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    input.on('error', (e) => finish(new StoreReadError(`cannot read ${path}: ${e.message}`, 'io')));
    gunzip.on('error', (e) => finish(new StoreReadError(/incorrect header check|unknown compression method/.test(e.message)
      // Node's gunzip reads member after member; bytes that start no member (other than zero padding) end here.
      ? `corrupt gzip stream: trailing data after the last gzip member (or not gzip at all): ${e.message}`
      : `corrupt gzip stream after ${seen} inflated bytes: ${e.message}`, 'corrupt')));
    gunzip.on('data', (chunk: Buffer) => {
      if (settled) return;
      let piece = chunk;
      if (seen + BigInt(piece.length) > limit) piece = piece.subarray(0, Number(limit - seen));
      const offset = seen;
      seen += BigInt(piece.length);
      const more = piece.length ? onData(piece, offset) : true;
      if (!more || seen >= limit) finish(null);
    });
    gunzip.on('end', () => finish(null));
    input.pipe(gunzip);
  });
}

/**
 * Reads `length` bytes at store offset `offset` by inflating from the start (time O(offset), memory O(chunk)).
 * Throws StoreReadError when the range is outside [0, rangeSize) or the stream is corrupt. Bytes past the end of a
 * short stream read as zero, as gem5's own reader leaves them.
 */
export async function readStoreStraight(
  path: string,
  rangeSize: bigint,
  offset: bigint,
  length: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  checkBounds(rangeSize, offset, length);
  const out = Buffer.alloc(length);
  const end = offset + BigInt(length);
  await inflateStore(path, end, (chunk, at) => {
    const chunkEnd = at + BigInt(chunk.length);
    if (chunkEnd <= offset) return true;
    const from = at < offset ? Number(offset - at) : 0;
    const to = chunkEnd > end ? Number(end - at) : chunk.length;
    chunk.copy(out, Number(at + BigInt(from) - offset), from, to);
    return chunkEnd < end;
  }, signal);
  return out;
}

export function checkBounds(rangeSize: bigint, offset: bigint, length: number): void {
  if (offset < 0n || length < 0) throw new StoreReadError('offset and length must not be negative', 'format');
  if (offset + BigInt(length) > rangeSize) {
    throw new StoreReadError(
      `read of ${length} bytes at offset 0x${offset.toString(16)} goes past the end of the store (range_size ${rangeSize} = 0x${rangeSize.toString(16)})`,
      'format',
    );
  }
}

export interface StoreCheck {
  inflated: bigint;
  problem: string | null;
}

/**
 * Inflates the whole store once: gzip integrity (CRC and length are checked by zlib at the trailer) and inflated
 * length == range_size. Bounded: inflation stops one byte past range_size.
 */
export async function checkStore(
  path: string,
  rangeSize: bigint,
  onProgress?: (done: bigint) => void,
  signal?: AbortSignal,
): Promise<StoreCheck> {
  const format = await detectStoreFormat(path);
  if (format.kind !== 'gzip') return { inflated: 0n, problem: format.description };
  let lastReport = 0n;
  const step = 64n * BigInt(CHUNK_BYTES);
  try {
    const inflated = await inflateStore(path, rangeSize + 1n, (_chunk, at) => {
      if (onProgress && at - lastReport >= step) {
        lastReport = at;
        onProgress(at);
      }
      return true;
    }, signal);
    onProgress?.(inflated);
    if (inflated > rangeSize) return { inflated, problem: `inflates to more than range_size (${rangeSize} bytes)` };
    if (inflated < rangeSize) {
      return { inflated, problem: `inflates to ${inflated} bytes, short of range_size ${rangeSize} (truncated stream)` };
    }
    return { inflated, problem: null };
  } catch (e) {
    if (e instanceof StoreReadError && e.kind === 'aborted') throw e;
    return { inflated: 0n, problem: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Offset of the first 4 KiB page at or after `offset` that holds a non-zero byte, or null when the rest of the store
 * is zero. Streams from the start (callers with a seek index can start nearer).
 */
export async function nextNonZeroPageStraight(
  path: string,
  rangeSize: bigint,
  offset: bigint,
  signal?: AbortSignal,
): Promise<bigint | null> {
  const pageStart = offset - (offset % BigInt(PAGE_BYTES));
  let found: bigint | null = null;
  await inflateStore(path, rangeSize, (chunk, at) => {
    const chunkEnd = at + BigInt(chunk.length);
    if (chunkEnd <= pageStart) return true;
    const from = at < pageStart ? Number(pageStart - at) : 0;
    const hit = firstNonZero(chunk, from);
    if (hit < 0) return true;
    const abs = at + BigInt(hit);
    found = abs - (abs % BigInt(PAGE_BYTES));
    return false;
  }, signal);
  return found;
}

/** Index of the first non-zero byte at or after `from`, or -1 (word-at-a-time for speed on zero-heavy images). */
export function firstNonZero(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length && (buf.byteOffset + i) % 4 !== 0) {
    if (buf[i] !== 0) return i;
    i++;
  }
  const words = new Uint32Array(buf.buffer, buf.byteOffset + i, Math.floor((buf.length - i) / 4));
  for (let w = 0; w < words.length; w++) {
    if (words[w] !== 0) {
      i += w * 4;
      while (buf[i] === 0) i++;
      return i;
    }
  }
  i += words.length * 4;
  for (; i < buf.length; i++) if (buf[i] !== 0) return i;
  return -1;
}
