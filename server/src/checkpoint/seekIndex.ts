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
import { readSync } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { constants as zc, crc32 } from 'node:zlib';
// pako's zlib port exposes what Node's zlib does not: Z_BLOCK and data_type (block boundaries and bit position).
import * as zinflate from 'pako/lib/zlib/inflate.js';
import ZStream from 'pako/lib/zlib/zstream.js';
import { acquireLockFile, LockBusy } from './checkpointLock';
import { cacheName, cachedSeekIndex, contentKeyOf, defaultCacheDir, newIndexId, saveIndex, shareIfZero, ZERO_WINDOW } from './seekIndexCache';
import { buildSeekIndexNative, nativeBuildAvailable } from './seekIndexNative';
import { SAMPLE_BYTES } from './seekIndexRead';

// Reads and the cache live in their own modules (a cached-index read loads neither the build nor pako); re-exported
// so callers keep one entry point.
export { readWithIndex, StaleIndexError } from './seekIndexRead';
export { cachedSeekIndex, defaultCacheDir, forgetSeekIndex, saveIndex } from './seekIndexCache';

const WINDOW = 32 * 1024;
const READ_CHUNK = 1024 * 1024;
const OUT_CHUNK = 256 * 1024;

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
  /** CRC-32s of the first 4 KiB and of the last 8 bytes (the last trailer): content, not just metadata. */
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
    return { file, size: st.size, mtimeMs: st.mtimeMs, contentKey, totalOut, members, points, id: newIndexId() };
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
