/**
 * A zran-style seek index for one `.pmem` gzip file, so random reads do not inflate from the start every time
 * (domain-spec §2). One pass with pako's low-level inflate stopping at every deflate block boundary (Z_BLOCK) records
 * access points bit-exactly, as zlib's examples/zran.c does: the compressed byte and bit where a block starts, the
 * uncompressed offset and the 32 KiB window before it, one point per `span` bytes of output. A read inflates only
 * from the nearest point, with Node's native inflate primed with that window (a point inside a byte is started
 * through empty deflate blocks of the right bit length: deflatePrime.ts).
 *
 * Never stale: the index is keyed by path, size and mtime and by content (a hash of the gzip header and the last
 * trailer), and every access point carries the CRC-32 of the compressed bytes there, checked before it is used; any
 * mismatch throws StaleIndexError (callers fall back to a straight read and rebuild). Spans also carry the CRC-32 of
 * their output, checked when a span is inflated whole. Several gzip members are
 * indexed one after another; zero padding after the last member is ignored (as Node's gunzip does), anything else
 * there is an error, as in a straight read and in verify.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { constants as zc, crc32, createInflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
// pako's zlib port exposes what Node's zlib does not: Z_BLOCK and data_type (block boundaries and bit position).
import * as zinflate from 'pako/lib/zlib/inflate.js';
import ZStream from 'pako/lib/zlib/zstream.js';
import { acquireLockFile, LockBusy } from './checkpointLock';
import { primedFirstBytes } from './deflatePrime';
import { buildSeekIndexNative, nativeBuildAvailable } from './seekIndexNative';

const WINDOW = 32 * 1024;
const INDEX_VERSION = 4;
const READ_CHUNK = 1024 * 1024;
const OUT_CHUNK = 256 * 1024;
/** Spans up to this much output are inflated whole (and cached); longer ones (one huge block) are streamed. */
const WHOLE_SPAN_MAX = 32 * 1024 * 1024;
const HEAD_HASH_BYTES = 4096;
/** Compressed bytes at each access point whose CRC is checked before the point is used. */
const SAMPLE_BYTES = 4096;

export interface SeekPoint {
  /** Uncompressed offset. */
  out: number;
  /** Bytes of the file consumed when the block starts: the block begins `bits` bits before this byte offset. */
  in: number;
  /** 0..7: bits of the byte at `in - 1` that belong to the block (its high bits). */
  bits: number;
  /** The 32 KiB (or fewer, near a member's start) of output before `out`. */
  window: Buffer;
  /** Which gzip member the point is in. */
  member: number;
  /** CRC-32 of the first SAMPLE_BYTES of the span's compressed bytes (from in - (bits ? 1 : 0)), checked before use. */
  crc: number;
  /** CRC-32 of the span's output, checked when a span is inflated whole. */
  outCrc: number;
}

export interface SeekMember {
  /** File offset of the member's deflate data, and just past it (where its 8-byte trailer starts). */
  in: number;
  deflateEnd: number;
  /** Uncompressed offsets where the member's output starts and ends. */
  out: number;
  outEnd: number;
}

export interface SeekIndex {
  file: string;
  size: number;
  mtimeMs: number;
  /** sha256 of the first 4 KiB and of the last 8 bytes (the last trailer): content, not just metadata. */
  contentKey: string;
  /** Bytes of output the members produced. */
  totalOut: number;
  members: SeekMember[];
  points: SeekPoint[];
  /** Distinguishes builds in the span cache. */
  id: string;
}

export interface SeekIndexOptions {
  spanBytes?: number;
  signal?: AbortSignal;
  onProgress?(inflatedBytes: number): void;
  cacheDir?: string;
  /** Which inflate builds the index (default: native when available). */
  engine?: 'native' | 'pako';
}

/** The store no longer matches its index (changed on disk): the caller reads straight and rebuilds. */
export class StaleIndexError extends Error {}

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
  if (flags & 4) p = head.length >= 12 ? p + 2 + head.readUInt16LE(p) : -1;
  if (p > 0 && flags & 8) p = head.indexOf(0, p) + 1;
  if (p > 0 && flags & 16) p = head.indexOf(0, p) + 1;
  if (p > 0 && flags & 2) p += 2;
  if (p <= 0 || p > head.length) throw new Error('gzip header is truncated or malformed');
  return p;
}

/** What identifies the store's content cheaply: its first 4 KiB and its last trailer. */
async function contentKeyOf(fh: import('node:fs/promises').FileHandle, size: number): Promise<string> {
  const head = Buffer.alloc(Math.min(size, HEAD_HASH_BYTES));
  await fh.read(head, 0, head.length, 0);
  const tail = Buffer.alloc(Math.min(size, 8));
  await fh.read(tail, 0, tail.length, size - tail.length);
  return createHash('sha256').update(head).update(tail).digest('hex');
}

const abortError = () => Object.assign(new Error('cancelled'), { name: 'AbortError' });

/**
 * Builds the index in one pass over the file: with native zlib when Node's handle allows it (seekIndexNative.ts),
 * else with pako. Memory: one input chunk, one output chunk, the windows kept.
 */
export async function buildSeekIndex(file: string, opts: SeekIndexOptions = {}): Promise<SeekIndex> {
  if (opts.engine !== 'pako' && nativeBuildAvailable()) {
    return buildSeekIndexNative(file, opts, {
      gzipHeaderLength, contentKeyOf, shareIfZero, allZero, sampleSpanCrcs,
      span: (size, inflated) => spanAt(defaultSpan(size), inflated),
    });
  }
  return buildSeekIndexPako(file, opts);
}

/** The reference build: pako's inflate reports data_type, so every boundary's bit position is known directly. */
export async function buildSeekIndexPako(file: string, opts: SeekIndexOptions = {}): Promise<SeekIndex> {
  const st = await stat(file);
  const span = (inflated: number) => opts.spanBytes ?? spanAt(defaultSpan(st.size), inflated);
  const fh = await open(file, 'r');
  try {
    const contentKey = await contentKeyOf(fh, st.size);
    const input = Buffer.alloc(READ_CHUNK);
    const output = new Uint8Array(OUT_CHUNK);
    const window = Buffer.alloc(WINDOW);
    const points: SeekPoint[] = [];
    const members: SeekMember[] = [];
    let totalOut = 0;
    let lastProgress = 0;
    let memberStart = 0; // file offset of the member's gzip header

    while (true) {
      // ---- one gzip member
      const head = Buffer.alloc(Math.min(st.size - memberStart, 64 * 1024));
      await fh.read(head, 0, head.length, memberStart);
      let start: number;
      try {
        start = memberStart + gzipHeaderLength(head);
      } catch (e) {
        throw members.length ? new Error(`gzip member ${members.length + 1} at byte ${memberStart}: ${(e as Error).message}`) : e;
      }
      const strm = new ZStream();
      if (zinflate.inflateInit2(strm, -15) !== zc.Z_OK) throw new Error('inflate init failed');
      strm.output = output;
      strm.next_out = 0;
      strm.avail_out = OUT_CHUNK;
      let windowFill = 0;
      const memberOut = totalOut;
      let memberCrc = 0;
      let lastPointOut = totalOut;
      let filePos = start;
      let consumedBase = start; // file offset of strm.input[0]
      let chunkLength = 0;
      // CRC of the current span's compressed bytes, folded up to file offset `hashedTo`.
      let spanCrc = 0;
      let hashedTo = start;
      let lastByteOfPreviousChunk = 0;
      const member = members.length;
      let spanOutCrc = 0;
      points.push({ out: totalOut, in: start, bits: 0, window: Buffer.alloc(0), member, crc: 0, outCrc: 0 });
      const fold = (to: number) => {
        if (to > hashedTo) spanCrc = crc32(input.subarray(hashedTo - consumedBase, to - consumedBase), spanCrc);
        hashedTo = Math.max(hashedTo, to);
      };
      const takeOutput = () => {
        const n = strm.next_out;
        if (n === 0) return;
        const fresh = Buffer.from(output.buffer, output.byteOffset, n);
        memberCrc = crc32(fresh, memberCrc);
        spanOutCrc = crc32(fresh, spanOutCrc);
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
      let ended = false;
      while (!ended) {
        if (opts.signal?.aborted) throw abortError();
        if (strm.avail_in === 0) {
          fold(consumedBase + chunkLength);
          if (chunkLength) lastByteOfPreviousChunk = input[chunkLength - 1];
          const { bytesRead } = await fh.read(input, 0, READ_CHUNK, filePos);
          if (bytesRead === 0) throw new Error(`truncated gzip stream: input ended after ${totalOut + strm.next_out} inflated bytes`);
          consumedBase = filePos;
          chunkLength = bytesRead;
          filePos += bytesRead;
          strm.input = input.subarray(0, bytesRead);
          strm.next_in = 0;
          strm.avail_in = bytesRead;
        }
        const ret = zinflate.inflate(strm, zc.Z_BLOCK);
        if (ret === zc.Z_STREAM_END) ended = true;
        else if (ret !== zc.Z_OK && ret !== zc.Z_BUF_ERROR) throw new Error(`corrupt gzip stream after ${totalOut + strm.next_out} inflated bytes: ${strm.msg || ret}`);
        // data_type = bits held + 64 (last block seen) + 128 (at a block boundary). Held bits past 7 are whole
        // bytes taken early, so the block starts `held` bits before next_in (zran: in = next_in, bits = held).
        const held = strm.data_type & 63;
        const atBoundary = (strm.data_type & 128) !== 0 && (strm.data_type & 64) === 0;
        if (atBoundary || strm.avail_out === 0 || ended) takeOutput();
        if (atBoundary && !ended && totalOut - lastPointOut >= span(totalOut)) {
          const pIn = consumedBase + strm.next_in - (held >> 3);
          const bits = held & 7;
          if (pIn >= hashedTo && pIn - (bits ? 1 : 0) >= consumedBase - 1) {
            fold(pIn);
            points[points.length - 1].crc = spanCrc >>> 0;
            points[points.length - 1].outCrc = spanOutCrc >>> 0;
            spanOutCrc = 0;
            const first = bits ? (pIn - 1 >= consumedBase ? input[pIn - 1 - consumedBase] : lastByteOfPreviousChunk) : null;
            spanCrc = first === null ? 0 : crc32(Buffer.of(first));
            const kept = shareIfZero(window.subarray(0, windowFill));
            points.push({ out: totalOut, in: pIn, bits, window: kept === ZERO_WINDOW ? kept : Buffer.from(kept), member, crc: 0, outCrc: 0 });
            lastPointOut = totalOut;
          }
        }
        if (opts.onProgress && totalOut - lastProgress >= 64 * 1024 * 1024) {
          lastProgress = totalOut;
          opts.onProgress(totalOut);
        }
      }
      const held = strm.data_type & 63;
      const deflateEnd = consumedBase + strm.next_in - (held >> 3);
      fold(deflateEnd);
      points[points.length - 1].crc = spanCrc >>> 0;
      points[points.length - 1].outCrc = spanOutCrc >>> 0;
      zinflate.inflateEnd(strm);
      const trailer = Buffer.alloc(8);
      const { bytesRead } = await fh.read(trailer, 0, 8, deflateEnd);
      if (bytesRead < 8) throw new Error(`truncated gzip stream: the trailer of member ${member + 1} is missing`);
      if (trailer.readUInt32LE(0) !== memberCrc >>> 0) throw new Error(`corrupt gzip stream: CRC mismatch in member ${member + 1}`);
      if (trailer.readUInt32LE(4) !== (totalOut - memberOut) % 2 ** 32) throw new Error(`corrupt gzip stream: length mismatch in member ${member + 1}`);
      members.push({ in: start, deflateEnd, out: memberOut, outEnd: totalOut });
      memberStart = deflateEnd + 8;
      if (memberStart >= st.size) break;
      const next = Buffer.alloc(2);
      await fh.read(next, 0, 2, memberStart);
      if (next[0] === 0x1f && (st.size - memberStart < 2 || next[1] === 0x8b)) continue;
      if (await allZero(fh, memberStart, st.size)) break;
      throw new Error(`corrupt gzip stream: ${st.size - memberStart} bytes of trailing data after the last gzip member (at byte ${memberStart}) are not a gzip member`);
    }
    sampleSpanCrcs(fh.fd, points, members);
    opts.onProgress?.(totalOut);
    return { file, size: st.size, mtimeMs: st.mtimeMs, contentKey, totalOut, members, points, id: randomBytes(6).toString('hex') };
  } finally {
    await fh.close();
  }
}

/** Fills each point's `crc`: the CRC-32 of the compressed bytes at the point (page-cached right after a build). */
function sampleSpanCrcs(fd: number, points: SeekPoint[], members: SeekMember[]): void {
  const buf = Buffer.alloc(SAMPLE_BYTES);
  points.forEach((p, i) => {
    const next = points[i + 1];
    const from = p.in - (p.bits ? 1 : 0);
    const to = next && next.member === p.member ? next.in : members[p.member].deflateEnd;
    const n = readSync(fd, buf, 0, Math.min(SAMPLE_BYTES, to - from), from);
    p.crc = crc32(buf.subarray(0, n)) >>> 0;
  });
}

async function allZero(fh: import('node:fs/promises').FileHandle, from: number, to: number): Promise<boolean> {
  const buf = Buffer.alloc(64 * 1024);
  for (let at = from; at < to; ) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, to - at), at);
    if (!bytesRead) return true;
    for (let i = 0; i < bytesRead; i++) if (buf[i] !== 0) return false;
    at += bytesRead;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// reads

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

// ---------------------------------------------------------------------------------------------------------------
// cache on disk: one file <cacheDir>/<sha256(path)>.idx = 4-byte JSON length, JSON, deflated windows; written to a
// unique temp name and renamed, so a reader sees a whole index or none

function cacheName(file: string, cacheDir: string): string {
  return join(cacheDir, createHash('sha256').update(file).digest('hex').slice(0, 32));
}

interface StoredIndex {
  version: number;
  file: string;
  size: number;
  mtimeMs: number;
  contentKey: string;
  totalOut: number;
  members: SeekMember[];
  points: { out: number; in: number; bits: number; member: number; crc: number; outCrc: number; at: number; length: number }[];
}

/** Writes the index to the cache atomically (unique temp file, fsync, rename): a reader sees a whole index or none. */
export async function saveIndex(index: SeekIndex, cacheDir: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const base = cacheName(index.file, cacheDir);
  const chunks: Buffer[] = [];
  let at = 0;
  const points = index.points.map((p) => {
    const d = deflateRawSync(p.window, { level: 1 });
    chunks.push(d);
    const rec = { out: p.out, in: p.in, bits: p.bits, member: p.member, crc: p.crc, outCrc: p.outCrc, at, length: d.length };
    at += d.length;
    return rec;
  });
  const meta: StoredIndex = {
    version: INDEX_VERSION, file: index.file, size: index.size, mtimeMs: index.mtimeMs, contentKey: index.contentKey,
    totalOut: index.totalOut, members: index.members, points,
  };
  const json = Buffer.from(JSON.stringify(meta));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  const temp = `${base}.idx.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const fh = await open(temp, 'w');
  try {
    await fh.writeFile(Buffer.concat([len, json, ...chunks]));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(temp, base + '.idx');
}

/** The cached index for this file if it is current (same size, mtime and content key); never builds. */
export async function cachedSeekIndex(file: string, opts: SeekIndexOptions = {}): Promise<SeekIndex | null> {
  const base = cacheName(file, opts.cacheDir ?? defaultCacheDir());
  try {
    const [st, data] = await Promise.all([stat(file), readFile(base + '.idx')]);
    const jsonLength = data.readUInt32LE(0);
    const meta = JSON.parse(data.subarray(4, 4 + jsonLength).toString('utf8')) as StoredIndex;
    if (meta.version !== INDEX_VERSION || meta.file !== file || meta.size !== st.size || meta.mtimeMs !== st.mtimeMs) return null;
    const fh = await open(file, 'r');
    let key: string;
    try {
      key = await contentKeyOf(fh, st.size);
    } finally {
      await fh.close();
    }
    if (key !== meta.contentKey) return null;
    const windows = data.subarray(4 + jsonLength);
    const points = meta.points.map((p) => {
      if (p.at + p.length > windows.length) throw new Error('truncated index file');
      return storedPoint(p, windows, file);
    });
    return { file, size: meta.size, mtimeMs: meta.mtimeMs, contentKey: meta.contentKey, totalOut: meta.totalOut, members: meta.members, points, id: randomBytes(6).toString('hex') };
  } catch {
    return null;
  }
}

/**
 * A point of a cached index whose window is inflated when a read first uses it: a read needs one or two of the
 * thousands of points of a big store, so loading the index stays cheap in time and memory. A window that does not
 * inflate makes the index stale (the caller reads straight and rebuilds).
 */
function storedPoint(p: StoredIndex['points'][number], windows: Buffer, file: string): SeekPoint {
  let window: Buffer | null = p.length ? null : Buffer.alloc(0);
  return {
    out: p.out, in: p.in, bits: p.bits, member: p.member, crc: p.crc, outCrc: p.outCrc,
    get window(): Buffer {
      if (!window) {
        try {
          window = shareIfZero(inflateRawSync(windows.subarray(p.at, p.at + p.length)));
        } catch (e) {
          throw new StaleIndexError(`${file}: the cached index holds a damaged window (${(e as Error).message})`);
        }
      }
      return window;
    },
  };
}

/** Removes the cached index of `file` (after a StaleIndexError). */
export async function forgetSeekIndex(file: string, opts: SeekIndexOptions = {}): Promise<void> {
  await unlink(cacheName(file, opts.cacheDir ?? defaultCacheDir()) + '.idx').catch(() => undefined);
}

const building = new Map<string, Promise<SeekIndex>>();

/**
 * The cached index, or one built now (one pass) and cached. Concurrent callers share one build: in this process by
 * a shared promise, across processes by a lock file next to the cache entry (the others wait for the result).
 */
export async function loadOrBuildSeekIndex(file: string, opts: SeekIndexOptions = {}): Promise<SeekIndex> {
  const cached = await cachedSeekIndex(file, opts);
  if (cached) return cached;
  let p = building.get(file);
  if (!p) {
    p = buildShared(file, opts);
    building.set(file, p);
    p.finally(() => building.delete(file)).catch(() => undefined);
  }
  return p;
}

/**
 * Builds and caches the index, at most one build per store across threads and processes (lock file next to the
 * cache entry; a waiter takes the winner's cached index). Used in-thread and by the worker (seekIndexWorker.ts).
 */
export async function buildShared(file: string, opts: SeekIndexOptions): Promise<SeekIndex> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const lockPath = cacheName(file, cacheDir) + '.building';
  let lock = null;
  for (let waited = 0; ; waited++) {
    try {
      await mkdir(cacheDir, { recursive: true });
      lock = await acquireLockFile(lockPath, 'seek-index build');
      break;
    } catch (e) {
      if (!(e instanceof LockBusy)) break; // a read-only cache: build without sharing
      if (opts.signal?.aborted) throw abortError();
      await new Promise((r) => setTimeout(r, Math.min(200, 20 + waited * 10)));
      const done = await cachedSeekIndex(file, opts);
      if (done) return done;
    }
  }
  try {
    const done = await cachedSeekIndex(file, opts);
    if (done) return done;
    const index = await buildSeekIndex(file, opts);
    await saveIndex(index, cacheDir).catch(() => undefined); // a read-only cache is not fatal
    return index;
  } finally {
    await lock?.release();
  }
}
