/**
 * The seek-index cache on disk: one file <cacheDir>/<sha256(path)>.idx = 4-byte JSON length, JSON, deflated windows;
 * written to a unique temp name and renamed, so a reader sees a whole index or none. Keyed by path, size and mtime
 * and by content (a hash of the gzip header and the last trailer): an index of other bytes is never returned.
 * Loading needs only fs and zlib (the build code stays out of a cached-index read: seekIndexRead.ts).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { open, readFile, stat } from './fsLite';
import type { SeekIndex, SeekIndexOptions, SeekMember, SeekPoint } from './seekIndex';
import { StaleIndexError } from './seekIndexRead';

/** Bumped whenever what is stored changes meaning: an index of another version is ignored (rebuilt), never misread. */
const INDEX_VERSION = 4;
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
  return createHash('sha256').update(head).update(tail).digest('hex');
}

let builds = 0;
/** Tells builds (and loads) apart in the span cache of seekIndexRead.ts; unique across threads of one process too. */
export function newIndexId(): string {
  return `${process.pid}.${++builds}.${Math.random().toString(36).slice(2, 10)}`;
}

export function cacheName(file: string, cacheDir: string): string {
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
    return { file, size: meta.size, mtimeMs: meta.mtimeMs, contentKey: meta.contentKey, totalOut: meta.totalOut, members: meta.members, points, id: newIndexId() };
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
  await fs.promises.unlink(cacheName(file, opts.cacheDir ?? defaultCacheDir()) + '.idx').catch(() => undefined);
}
