/**
 * Writes a gem5-style `.pmem` (one gzip member) for a store of any size without materialising it: the image is cut
 * into 1 MiB chunks, each deflated on its own and ended with a full flush (byte-aligned, no back-references across
 * chunks), so an all-zero chunk's compressed bytes can be reused verbatim. The CRC of zero runs is advanced with the
 * GF(2) "append zeros" operator, so a 32 GiB sparse store takes well under a second to write and `gzip -t` accepts it.
 */
import { createWriteStream } from 'node:fs';
import { constants as zc, crc32, deflateRawSync } from 'node:zlib';

export const CHUNK = 1024 * 1024;

/** A file written as a stream, honouring back-pressure, with errors surfacing on the next write or on close. */
export function streamWriter(path: string): { write(data: Buffer | string): Promise<void>; close(): Promise<void> } {
  const out = createWriteStream(path);
  let failure: Error | null = null;
  out.on('error', (e) => (failure = e));
  return {
    async write(data) {
      if (failure) throw failure;
      if (!out.write(data)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    },
    close: () => new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err || failure ? reject(err ?? failure) : resolve()))),
  };
}

export interface StoreWrite {
  offset: bigint;
  bytes: Buffer;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

type Gf2Matrix = Uint32Array<ArrayBuffer>;
function applyMatrix(m: Gf2Matrix, v: number): number {
  let r = 0;
  for (let i = 0; v !== 0; i++, v >>>= 1) if (v & 1) r ^= m[i];
  return r >>> 0;
}
function squareMatrix(m: Gf2Matrix): Gf2Matrix {
  const out = new Uint32Array(32);
  for (let i = 0; i < 32; i++) out[i] = applyMatrix(m, m[i]);
  return out;
}
/** The CRC register operator for `2^log2Bytes` zero bytes. */
function zeroRunOperator(log2Bytes: number): Gf2Matrix {
  let m = new Uint32Array(32);
  for (let i = 0; i < 32; i++) {
    const r = (1 << i) >>> 0;
    m[i] = ((r >>> 8) ^ CRC_TABLE[r & 0xff]) >>> 0;
  }
  for (let i = 0; i < log2Bytes; i++) m = squareMatrix(m);
  return m;
}
const ZERO_CHUNK_OP = zeroRunOperator(Math.log2(CHUNK));
/** crc32 of (data whose crc is `crc`) followed by one CHUNK of zero bytes. */
function crcAppendZeroChunk(crc: number): number {
  return ~applyMatrix(ZERO_CHUNK_OP, ~crc >>> 0) >>> 0;
}

const deflated = new Map<string, Buffer>();
function deflateChunk(chunk: Buffer, level: number): Buffer {
  return deflateRawSync(chunk, { level, finishFlush: zc.Z_FULL_FLUSH });
}
function zeroChunkDeflated(length: number, level: number): Buffer {
  const key = `${length}/${level}`;
  let d = deflated.get(key);
  if (!d) deflated.set(key, (d = deflateChunk(Buffer.alloc(length), level)));
  return d;
}

/** gzip member header: magic, deflate, no flags, mtime 0, OS unix (as zlib's gzopen writes). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
/** A final empty fixed-Huffman block: ends the deflate stream after the full-flushed chunks. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * Writes `rangeSize` bytes of image (zero except `writes`) as one gzip stream to `path`. `fill` makes every chunk
 * hold pseudo-random bytes instead of zeros (for benchmarks that need inflate to do real work).
 */
export async function writeGzipStore(
  path: string,
  rangeSize: bigint,
  writes: readonly StoreWrite[] = [],
  opts: { level?: number; fill?: (chunkIndex: bigint, chunk: Buffer) => boolean } = {},
): Promise<void> {
  const level = opts.level ?? 6;
  const out = streamWriter(path);
  const write = out.write;
  const sorted = [...writes].sort((a, b) => (a.offset < b.offset ? -1 : 1));
  let crc = 0;
  await write(GZIP_HEADER);
  const chunk = Buffer.alloc(CHUNK);
  let w = 0;
  for (let at = 0n, index = 0n; at < rangeSize; at += BigInt(CHUNK), index++) {
    const len = Number(rangeSize - at < BigInt(CHUNK) ? rangeSize - at : BigInt(CHUNK));
    const end = at + BigInt(len);
    while (w < sorted.length && sorted[w].offset + BigInt(sorted[w].bytes.length) <= at) w++;
    const touching = sorted.slice(w).filter((x) => x.offset < end && x.offset + BigInt(x.bytes.length) > at);
    const view = chunk.subarray(0, len);
    view.fill(0);
    let dirty = opts.fill ? opts.fill(index, view) : false;
    for (const x of touching) {
      const from = x.offset > at ? Number(x.offset - at) : 0;
      const srcFrom = x.offset < at ? Number(at - x.offset) : 0;
      x.bytes.copy(view, from, srcFrom, srcFrom + Math.min(x.bytes.length - srcFrom, len - from));
      dirty = true;
    }
    if (dirty) {
      await write(deflateChunk(view, level));
      crc = crc32(view, crc);
    } else {
      await write(zeroChunkDeflated(len, level));
      crc = len === CHUNK ? crcAppendZeroChunk(crc) : crc32(view, crc);
    }
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(Number(rangeSize & 0xffffffffn), 4);
  await write(Buffer.concat([FINAL_BLOCK, trailer]));
  await out.close();
}
