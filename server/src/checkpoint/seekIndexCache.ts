/**
 * The seek-index cache on disk: one file <cacheDir>/v5-<hash of the path>.idx = 4-byte JSON length, JSON, deflated
 * windows; written to a unique temp name and renamed, so a reader sees a whole index or none. Keyed by path, size and
 * mtime and by content (CRC-32s of the gzip header and of the last trailer, itself the CRC and length of the data):
 * an index of other bytes is never returned. Loading needs only fs and zlib: no build code, no node:crypto (whose
 * loading alone cost a cached-index `gem5-ckpt read` several ms), so such a read starts little slower than node.
 */
import * as fs from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { open, stat } from './fsLite';
import type { SeekIndex, SeekIndexOptions, SeekMember, SeekPoint } from './seekIndex';
import { StaleIndexError } from './seekIndexRead';

/**
 * Bumped whenever what is stored changes meaning: an index of another version is ignored (rebuilt), never misread.
 * 5: CRC-32 content key and file name (4 used sha256 for both, under <sha256(path)>.idx).
 */
const INDEX_VERSION = 5;
const WINDOW = 32 * 1024;
const HEAD_HASH_BYTES = 4096;

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gem5-sst-checkpoints', 'seek-index');
}

/** Windows inside zero pages are all zero; one shared buffer keeps a zero-heavy image's index small in memory. */
export const ZERO_WINDOW = Buffer.alloc(WINDOW);
export function shareIfZero(window: Buffer): Buffer {
  return window.length === WINDOW && window.equals(ZERO_WINDOW) ? ZERO_WINDOW : window;
}

/** What can read a range of the store: a FileHandle or fsLite's handle. */
interface RangeReader {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

/** What identifies the store's content cheaply: its first 4 KiB and its last trailer. */
export async function contentKeyOf(fh: RangeReader, size: number): Promise<string> {
  const head = Buffer.alloc(Math.min(size, HEAD_HASH_BYTES));
  await fh.read(head, 0, head.length, 0);
  const tail = Buffer.alloc(Math.min(size, 8));
  await fh.read(tail, 0, tail.length, size - tail.length);
  return `crc32:${hex32(crc32(head))}:${hex32(crc32(tail))}`;
}

let builds = 0;
/** Tells builds (and loads) apart in the span cache of seekIndexRead.ts; unique across threads of one process too. */
export function newIndexId(): string {
  return `${process.pid}.${++builds}.${Math.random().toString(36).slice(2, 10)}`;
}

const hex32 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

/**
 * The cache entry's path without extension: two CRC-32s of the store's path (64 bits). Two stores whose paths
 * collided would only take turns in one entry: the entry records its store's path, and a load checks it.
 */
export function cacheName(file: string, cacheDir: string): string {
  const path = Buffer.from(file);
  return join(cacheDir, `v${INDEX_VERSION}-${hex32(crc32(path))}${hex32(crc32(path, 0x9e3779b9))}`);
}

/** Where index version 4 cached this store (sha256 of the path): removed when a newer index is saved. */
function legacyCacheFile(file: string, cacheDir: string): string {
  // Only a build saves, and builds run in a worker: node:crypto stays off the cached-read path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return join(cacheDir, createHash('sha256').update(file).digest('hex').slice(0, 32) + '.idx');
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
  await fs.promises.mkdir(cacheDir, { recursive: true });
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
  const temp = `${base}.idx.${process.pid}-${newIndexId()}.tmp`;
  // fs.promises only here: a cached-index read never writes, so it never loads node:fs/promises.
  const fh = await fs.promises.open(temp, 'w');
  try {
    await fh.writeFile(Buffer.concat([len, json, ...chunks]));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(temp, base + '.idx');
  await fs.promises.unlink(legacyCacheFile(index.file, cacheDir)).catch(() => undefined);
}

/** How much of an index file is read first: the JSON of a store of a few GiB fits (its windows are read on use). */
const HEAD_READ = 64 * 1024;

/** The cache file a cached index was loaded from, so a window read later comes from that very file or none. */
interface CacheFileIdentity {
  path: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  /** File offset where the deflated windows start. */
  windowsAt: number;
}

/**
 * The cached index for this file if it is current (same size, mtime and content key); never builds. Only the JSON
 * is read now: each window is read from the cache file when a read first uses it (a read needs one or two of the
 * thousands of a big store, so a cached-index read costs little more than starting node, in time and memory).
 */
export async function cachedSeekIndex(file: string, opts: SeekIndexOptions = {}): Promise<SeekIndex | null> {
  const path = cacheName(file, opts.cacheDir ?? defaultCacheDir()) + '.idx';
  try {
    const [st, idx] = await Promise.all([stat(file), open(path, 'r')]);
    let meta: StoredIndex;
    let cacheFile: CacheFileIdentity;
    try {
      const ist = await idx.stat();
      const head = Buffer.alloc(Math.min(ist.size, HEAD_READ));
      if ((await idx.read(head, 0, head.length, 0)).bytesRead < head.length || head.length < 4) return null;
      const jsonLength = head.readUInt32LE(0);
      let json = head.subarray(4, 4 + jsonLength);
      if (json.length < jsonLength) {
        json = Buffer.alloc(jsonLength);
        if ((await idx.read(json, 0, jsonLength, 4)).bytesRead < jsonLength) return null;
      }
      meta = JSON.parse(json.toString('utf8')) as StoredIndex;
      cacheFile = { path, dev: ist.dev, ino: ist.ino, size: ist.size, mtimeMs: ist.mtimeMs, windowsAt: 4 + jsonLength };
    } finally {
      await idx.close();
    }
    if (meta.version !== INDEX_VERSION || meta.file !== file || meta.size !== st.size || meta.mtimeMs !== st.mtimeMs) return null;
    const fh = await open(file, 'r');
    let key: string;
    try {
      key = await contentKeyOf(fh, st.size);
    } finally {
      await fh.close();
    }
    if (key !== meta.contentKey) return null;
    const windowBytes = cacheFile.size - cacheFile.windowsAt;
    const points = meta.points.map((p) => {
      if (p.at + p.length > windowBytes) throw new Error('truncated index file');
      return storedPoint(p, cacheFile, file);
    });
    return { file, size: meta.size, mtimeMs: meta.mtimeMs, contentKey: meta.contentKey, totalOut: meta.totalOut, members: meta.members, points, id: newIndexId() };
  } catch {
    return null;
  }
}

/**
 * The deflated window at `at` in the cache file, read synchronously (32 KiB at most, page-cached: microseconds) so
 * a point's window stays a plain property. A cache file replaced since the index was loaded (a rebuild renamed a
 * new one over it) is another index's: stale, never read.
 */
function readStoredWindow(cacheFile: CacheFileIdentity, at: number, length: number, file: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(cacheFile.path, 'r');
  } catch (e) {
    throw new StaleIndexError(`${file}: the cached index is gone (${(e as Error).message})`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.dev !== cacheFile.dev || st.ino !== cacheFile.ino || st.size !== cacheFile.size || st.mtimeMs !== cacheFile.mtimeMs) {
      throw new StaleIndexError(`${file}: the cached index was replaced since it was loaded`);
    }
    const buf = Buffer.alloc(length);
    if (fs.readSync(fd, buf, 0, length, cacheFile.windowsAt + at) < length) throw new StaleIndexError(`${file}: the cached index is truncated`);
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A point of a cached index whose window is read and inflated when a read first uses it. A window that does not
 * inflate makes the index stale (the caller reads straight and rebuilds).
 */
function storedPoint(p: StoredIndex['points'][number], cacheFile: CacheFileIdentity, file: string): SeekPoint {
  let window: Buffer | null = p.length ? null : Buffer.alloc(0);
  return {
    out: p.out, in: p.in, bits: p.bits, member: p.member, crc: p.crc, outCrc: p.outCrc,
    get window(): Buffer {
      if (!window) {
        const deflated = readStoredWindow(cacheFile, p.at, p.length, file);
        try {
          window = shareIfZero(inflateRawSync(deflated));
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
  await fs.promises.unlink(cacheName(file, opts.cacheDir ?? defaultCacheDir()) + '.idx').catch(() => undefined);
}
