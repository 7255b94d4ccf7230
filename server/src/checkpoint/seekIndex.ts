/**
 * A zran-style seek index for one `.pmem` gzip stream, so random reads do not inflate from the start every time
 * (domain-spec §2; perf-baselines "Random access and seek index"). One pass with pako's low-level inflate stopping
 * at every deflate block boundary (Z_BLOCK) records byte-aligned access points — compressed offset, uncompressed
 * offset and the 32 KiB window before it — every `span` bytes of output. A read then inflates only from the nearest
 * point with Node's native `inflateRawSync` primed with that window. The index is cached outside the checkpoint
 * (the OS cache directory), keyed by path + size + mtime, with the windows deflated.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { constants as zc, deflateRawSync, inflateRawSync } from 'node:zlib';
// pako's zlib port exposes what Node's zlib does not: Z_BLOCK and data_type (block boundaries and bit position).
import * as zinflate from 'pako/lib/zlib/inflate.js';
import ZStream from 'pako/lib/zlib/zstream.js';

const WINDOW = 32 * 1024;
const INDEX_VERSION = 1;
const READ_CHUNK = 1024 * 1024;
const OUT_CHUNK = 256 * 1024;

export interface SeekPoint {
  /** Uncompressed offset. */
  out: number;
  /** Offset in the file of the first byte of the next deflate block (byte-aligned). */
  in: number;
  /** The 32 KiB (or fewer, near the start) of output before `out`. */
  window: Buffer;
}

export interface SeekIndex {
  file: string;
  size: number;
  mtimeMs: number;
  /** Bytes of output the stream produced. */
  totalOut: number;
  /** Offset in the file where the gzip trailer starts (end of deflate data). */
  deflateEnd: number;
  points: SeekPoint[];
}

export interface SeekIndexOptions {
  spanBytes?: number;
  signal?: AbortSignal;
  onProgress?(inflatedBytes: number): void;
  cacheDir?: string;
}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gem5-sst-checkpoints', 'seek-index');
}

/**
 * Bytes of output between access points: reads inflate half a span on average (about 2 ms per MiB), and each point
 * keeps a 32 KiB window, so bigger stores get wider spans to bound the index's memory.
 */
export function defaultSpan(compressedSize: number): number {
  const MiB = 1024 * 1024;
  if (compressedSize <= 256 * MiB) return MiB;
  if (compressedSize <= 8 * 1024 * MiB) return 4 * MiB;
  return 16 * MiB;
}

/**
 * The span to use once `inflated` bytes have come out. A mostly-zero 32 GiB store compresses small, so the compressed
 * size alone would give it 1 MiB spans and tens of thousands of windows; past 1 GiB of output the span widens to
 * 8 MiB (ISIZE cannot tell the size up front: it is modulo 4 GiB and not trusted).
 */
export function spanAt(base: number, inflated: number): number {
  return inflated >= 1024 * 1024 * 1024 ? Math.max(base, 8 * 1024 * 1024) : base;
}

/** Windows inside zero pages are all zero; one shared buffer keeps a zero-heavy image's index small in memory. */
const ZERO_WINDOW = Buffer.alloc(WINDOW);
function shareIfZero(window: Buffer): Buffer {
  return window.length === WINDOW && window.equals(ZERO_WINDOW) ? ZERO_WINDOW : window;
}

/** Length of the gzip member header (RFC 1952), or an error for something that is not gzip. */
export function gzipHeaderLength(head: Buffer): number {
  if (head.length < 10 || head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 8) throw new Error('not a gzip stream');
  const flags = head[3];
  let p = 10;
  if (flags & 4) p += 2 + head.readUInt16LE(p);
  if (flags & 8) p = head.indexOf(0, p) + 1;
  if (flags & 16) p = head.indexOf(0, p) + 1;
  if (flags & 2) p += 2;
  if (p <= 0 || p > head.length) throw new Error('gzip header is truncated or malformed');
  return p;
}

/** Builds the index in one pass over the file. Memory: one input chunk, one output chunk, the windows kept. */
export async function buildSeekIndex(file: string, opts: SeekIndexOptions = {}): Promise<SeekIndex> {
  const st = await stat(file);
  const span = (inflated: number) => opts.spanBytes ?? spanAt(defaultSpan(st.size), inflated);
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(st.size, 64 * 1024));
    await fh.read(head, 0, head.length, 0);
    const start = gzipHeaderLength(head);
    const strm = new ZStream();
    if (zinflate.inflateInit2(strm, -15) !== zc.Z_OK) throw new Error('inflate init failed');
    const output = new Uint8Array(OUT_CHUNK);
    strm.output = output;
    strm.next_out = 0;
    strm.avail_out = OUT_CHUNK;
    const window = Buffer.alloc(WINDOW);
    let windowFill = 0;
    // The start of the deflate data is always an access point (byte-aligned, empty window).
    const points: SeekPoint[] = [{ out: 0, in: start, window: Buffer.alloc(0) }];
    let totalOut = 0;
    let filePos = start;
    let lastPointOut = 0;
    const input = Buffer.alloc(READ_CHUNK);
    let consumedBase = start; // file offset of strm.input[0]
    let ended = false;
    let lastProgress = 0;

    const takeOutput = () => {
      const n = strm.next_out;
      if (n === 0) return;
      const fresh = Buffer.from(output.buffer, output.byteOffset, n);
      if (n >= WINDOW) {
        fresh.copy(window, 0, n - WINDOW, n);
        windowFill = WINDOW;
      } else {
        const keep = Math.min(windowFill, WINDOW - n);
        window.copy(window, 0, windowFill - keep, windowFill);
        fresh.copy(window, keep, 0, n);
        windowFill = keep + n;
      }
      totalOut += n;
      strm.next_out = 0;
      strm.avail_out = OUT_CHUNK;
    };

    while (!ended) {
      if (opts.signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      if (strm.avail_in === 0) {
        const { bytesRead } = await fh.read(input, 0, READ_CHUNK, filePos);
        if (bytesRead === 0) throw new Error(`truncated gzip stream: input ended after ${totalOut + strm.next_out} inflated bytes`);
        consumedBase = filePos;
        filePos += bytesRead;
        strm.input = input.subarray(0, bytesRead);
        strm.next_in = 0;
        strm.avail_in = bytesRead;
      }
      const ret = zinflate.inflate(strm, zc.Z_BLOCK);
      if (ret === zc.Z_STREAM_END) ended = true;
      else if (ret !== zc.Z_OK && ret !== zc.Z_BUF_ERROR) throw new Error(`corrupt gzip stream after ${totalOut + strm.next_out} inflated bytes: ${strm.msg || ret}`);
      // data_type = bits held + 64 (last block) + 128 (at a block boundary); the held bits may include whole bytes
      // already taken from the input, so the next block starts `bits / 8` bytes before next_in.
      const heldBits = strm.data_type & 63;
      const atBoundary = (strm.data_type & 128) !== 0 && (strm.data_type & 64) === 0 && heldBits % 8 === 0;
      if (atBoundary || strm.avail_out === 0 || ended) takeOutput();
      if (atBoundary && !ended && totalOut - lastPointOut >= span(totalOut)) {
        const kept = shareIfZero(window.subarray(0, windowFill));
        points.push({ out: totalOut, in: consumedBase + strm.next_in - heldBits / 8, window: kept === ZERO_WINDOW ? kept : Buffer.from(kept) });
        lastPointOut = totalOut;
      }
      if (opts.onProgress && totalOut - lastProgress >= 64 * 1024 * 1024) {
        lastProgress = totalOut;
        opts.onProgress(totalOut);
      }
    }
    const deflateEnd = consumedBase + strm.next_in;
    zinflate.inflateEnd(strm);
    opts.onProgress?.(totalOut);
    return { file, size: st.size, mtimeMs: st.mtimeMs, totalOut, deflateEnd, points };
  } finally {
    await fh.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// reads

interface Inflated {
  point: SeekPoint;
  bytes: Buffer;
}
const spanCache = new Map<string, Inflated>();
const SPAN_CACHE_ENTRIES = 4;

/** Inflates the span that starts at point `i` (up to the next point, or the end of the stream). */
async function inflateSpan(index: SeekIndex, i: number): Promise<Buffer> {
  const key = `${index.file}:${index.mtimeMs}:${i}`;
  const hit = spanCache.get(key);
  if (hit) {
    spanCache.delete(key);
    spanCache.set(key, hit);
    return hit.bytes;
  }
  const p = index.points[i];
  const next = index.points[i + 1];
  const end = next ? next.in : index.deflateEnd;
  const fh = await open(index.file, 'r');
  let compressed: Buffer;
  try {
    compressed = Buffer.alloc(end - p.in);
    const { bytesRead } = await fh.read(compressed, 0, compressed.length, p.in);
    if (bytesRead < compressed.length) throw new Error(`${index.file} is shorter than when it was indexed (changed on disk?)`);
  } finally {
    await fh.close();
  }
  const expected = (next ? next.out : index.totalOut) - p.out;
  const bytes = inflateRawSync(compressed, {
    dictionary: p.window.length ? p.window : undefined,
    finishFlush: zc.Z_SYNC_FLUSH,
    maxOutputLength: Math.max(1, expected),
  });
  spanCache.set(key, { point: p, bytes });
  while (spanCache.size > SPAN_CACHE_ENTRIES) spanCache.delete(spanCache.keys().next().value as string);
  return bytes;
}

/** Reads `length` bytes at uncompressed `offset` (fewer when the stream ends first). */
export async function readWithIndex(index: SeekIndex, offset: number, length: number): Promise<Buffer> {
  if (!index.points.length) throw new Error('the seek index has no access points');
  // A negative offset would index a span from its end (Buffer.subarray) and return the wrong bytes.
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`invalid offset ${offset}: expected a non-negative integer`);
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`invalid length ${length}: expected a non-negative integer`);
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
    const span = await inflateSpan(index, lo);
    const from = pos - index.points[lo].out;
    const piece = span.subarray(from, Math.min(span.length, from + left));
    if (!piece.length) break;
    parts.push(piece);
    pos += piece.length;
    left -= piece.length;
  }
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------------------------------
// cache on disk: <cacheDir>/<sha256(path)>.json (metadata) + .win (deflated windows, concatenated)

function cacheName(file: string, cacheDir: string): string {
  return join(cacheDir, createHash('sha256').update(file).digest('hex').slice(0, 32));
}

interface StoredIndex {
  version: number;
  file: string;
  size: number;
  mtimeMs: number;
  totalOut: number;
  deflateEnd: number;
  points: { out: number; in: number; at: number; length: number }[];
}

async function saveIndex(index: SeekIndex, cacheDir: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const base = cacheName(index.file, cacheDir);
  const chunks: Buffer[] = [];
  let at = 0;
  const points = index.points.map((p) => {
    const d = deflateRawSync(p.window, { level: 1 });
    chunks.push(d);
    const rec = { out: p.out, in: p.in, at, length: d.length };
    at += d.length;
    return rec;
  });
  const meta: StoredIndex = { version: INDEX_VERSION, file: index.file, size: index.size, mtimeMs: index.mtimeMs, totalOut: index.totalOut, deflateEnd: index.deflateEnd, points };
  // Write to temporary names and rename, so a concurrent reader never sees half an index.
  await writeFile(base + '.win.tmp', Buffer.concat(chunks));
  await writeFile(base + '.json.tmp', JSON.stringify(meta));
  await rename(base + '.win.tmp', base + '.win');
  await rename(base + '.json.tmp', base + '.json');
}

/** The cached index for this file if it is current (same size and mtime); never builds. */
export async function cachedSeekIndex(file: string, opts: SeekIndexOptions = {}): Promise<SeekIndex | null> {
  const base = cacheName(file, opts.cacheDir ?? defaultCacheDir());
  try {
    const [st, metaText] = await Promise.all([stat(file), readFile(base + '.json', 'utf8')]);
    const meta = JSON.parse(metaText) as StoredIndex;
    if (meta.version !== INDEX_VERSION || meta.file !== file || meta.size !== st.size || meta.mtimeMs !== st.mtimeMs) return null;
    const windows = await readFile(base + '.win');
    const points = meta.points.map((p) => ({ out: p.out, in: p.in, window: p.length ? shareIfZero(inflateRawSync(windows.subarray(p.at, p.at + p.length))) : Buffer.alloc(0) }));
    return { file, size: meta.size, mtimeMs: meta.mtimeMs, totalOut: meta.totalOut, deflateEnd: meta.deflateEnd, points };
  } catch {
    return null;
  }
}

const building = new Map<string, Promise<SeekIndex>>();

/** The cached index, or one built now (one pass) and cached. Concurrent callers share one build. */
export async function loadOrBuildSeekIndex(file: string, opts: SeekIndexOptions = {}): Promise<SeekIndex> {
  const cached = await cachedSeekIndex(file, opts);
  if (cached) return cached;
  let p = building.get(file);
  if (!p) {
    p = buildSeekIndex(file, opts).then(async (index) => {
      await saveIndex(index, opts.cacheDir ?? defaultCacheDir()).catch(() => undefined); // a read-only cache is not fatal
      return index;
    });
    building.set(file, p);
    p.finally(() => building.delete(file)).catch(() => undefined);
  }
  return p;
}
