/**
 * The seek-index build at native zlib speed. Node's zlib runs the inflate (Z_NO_FLUSH, and Z_BLOCK once a span is
 * due, so it stops at the next deflate block boundary), but it does not report data_type, the bit position zran
 * reads there. So each candidate boundary is resolved afterwards: of the 8 possible bit offsets, the one whose
 * primed inflate (deflatePrime.ts) reproduces the next 256 KiB the stream really produced is the point; a boundary
 * where none fits is skipped for the next. Each span also records the CRC-32 of its output, and reads
 * check it, so even a wrongly resolved point could never return wrong bytes.
 *
 * Uses Node's zlib handle directly (writeSync with a flush mode, _writeState for what was consumed): not public
 * API, so `nativeBuildAvailable()` checks it and callers fall back to the pako build.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { constants as zc, crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { primedFirstBytes } from './deflatePrime';
import type { SeekIndex, SeekIndexOptions, SeekMember, SeekPoint } from './seekIndex';

const WINDOW = 32 * 1024;
const READ_CHUNK = 1024 * 1024;
const OUT_CHUNK = 1024 * 1024;
/** Bytes of real output a candidate bit offset must reproduce (long enough that zero runs do not fit several). */
const FOLLOW_BYTES = 256 * 1024;

interface ZlibHandle {
  writeSync(flush: number, input: Buffer, inOff: number, inLen: number, out: Buffer, outOff: number, outLen: number): void;
  onerror: (message: string, errno: number) => void;
  close(): void;
}
interface RawInflater {
  _handle: ZlibHandle;
  _writeState: Uint32Array;
  close(): void;
}

export function nativeBuildAvailable(): boolean {
  try {
    const inf = createInflateRaw() as unknown as RawInflater;
    const ok = typeof inf._handle?.writeSync === 'function' && inf._writeState instanceof Uint32Array;
    inf.close();
    return ok;
  } catch {
    return false;
  }
}

interface Helpers {
  gzipHeaderLength(head: Buffer): number;
  contentKeyOf(fh: FileHandle, size: number): Promise<string>;
  span(size: number, inflated: number): number;
  shareIfZero(window: Buffer): Buffer;
  allZero(fh: FileHandle, from: number, to: number): Promise<boolean>;
}

interface Candidate {
  in: number;
  out: number;
  window: Buffer;
  follow: Buffer[];
  followLength: number;
  /** Output CRC of the span up to the candidate, and of what came after it (the next span, if accepted). */
  spanCrcBefore: number;
  crcAfter: number;
}

const abortError = () => Object.assign(new Error('cancelled'), { name: 'AbortError' });

/** Which bit offset (0..7) at `c.in` reproduces the real output that followed, or null unless exactly one does. */
async function resolveBits(fh: FileHandle, c: Candidate, limit: number): Promise<number | null> {
  const follow = Buffer.concat(c.follow).subarray(0, FOLLOW_BYTES);
  if (!follow.length) return null;
  let matched: number | null = null;
  for (let slice = 16 * 1024; ; slice *= 4) {
    const length = Math.min(slice, limit - (c.in - 1));
    const raw = Buffer.alloc(length);
    const { bytesRead } = await fh.read(raw, 0, length, c.in - 1);
    let tooShort = false;
    matched = null;
    let count = 0;
    for (let bits = 0; bits < 8; bits++) {
      const input = bits ? Buffer.concat([primedFirstBytes(bits, raw[0]), raw.subarray(1, bytesRead)]) : raw.subarray(1, bytesRead);
      let out: Buffer;
      try {
        out = inflateRawSync(input, { dictionary: c.window.length ? c.window : undefined, finishFlush: zc.Z_SYNC_FLUSH });
      } catch {
        continue;
      }
      if (out.length < follow.length) {
        if (out.equals(follow.subarray(0, out.length))) tooShort = true;
        continue;
      }
      if (out.subarray(0, follow.length).equals(follow)) {
        if (matched === null) matched = bits;
        count++;
      }
    }
    // Several offsets can fit when their decodes meet at a stored block (which realigns to the byte): from there on
    // they are the same decode, so any of them is a valid point (and reads check each span's output CRC anyway).
    if (count >= 1 || !tooShort || length >= limit - (c.in - 1)) return count >= 1 ? matched : null;
  }
}

export async function buildSeekIndexNative(file: string, opts: SeekIndexOptions, h: Helpers): Promise<SeekIndex> {
  const st = await stat(file);
  const span = (inflated: number) => opts.spanBytes ?? h.span(st.size, inflated);
  const fh = await open(file, 'r');
  try {
    const contentKey = await h.contentKeyOf(fh, st.size);
    const input = Buffer.alloc(READ_CHUNK);
    const out = Buffer.alloc(OUT_CHUNK);
    const window = Buffer.alloc(WINDOW);
    const points: SeekPoint[] = [];
    const members: SeekMember[] = [];
    let totalOut = 0;
    let lastProgress = 0;
    let memberStart = 0;
    while (true) {
      const head = Buffer.alloc(Math.min(st.size - memberStart, 64 * 1024));
      await fh.read(head, 0, head.length, memberStart);
      let start: number;
      try {
        start = memberStart + h.gzipHeaderLength(head);
      } catch (e) {
        throw members.length ? new Error(`gzip member ${members.length + 1} at byte ${memberStart}: ${(e as Error).message}`) : e;
      }
      const member = members.length;
      const memberOut = totalOut;
      let memberCrc = 0;
      let windowFill = 0;
      let lastPointOut = totalOut;
      let spanOutCrc = 0;
      points.push({ out: totalOut, in: start, bits: 0, window: Buffer.alloc(0), member, crc: 0, outCrc: 0 });
      let pending: Candidate | null = null;

      const inflater = createInflateRaw() as unknown as RawInflater;
      const handle = inflater._handle;
      let zError: string | null = null;
      handle.onerror = (message) => { zError = message; };
      let filePos = start;
      let inOff = 0;
      let inLen = 0;
      let consumedBase = start;
      let ended = false;
      try {
        while (!ended) {
          if (opts.signal?.aborted) throw abortError();
          if (inOff >= inLen) {
            const { bytesRead } = await fh.read(input, 0, READ_CHUNK, filePos);
            if (bytesRead === 0) throw new Error(`truncated gzip stream: input ended after ${totalOut} inflated bytes`);
            consumedBase = filePos;
            filePos += bytesRead;
            inOff = 0;
            inLen = bytesRead;
          }
          const due = lastPointOut + span(totalOut) - totalOut;
          const wantPoint = pending === null && due <= 1;
          // Stop the output one byte before a point is due: zlib runs on past a block end (end-of-block code, empty
          // stored blocks, the next header) while it needs no output room, so stopping at `due` would skip it.
          const room = pending ? FOLLOW_BYTES - pending.followLength : wantPoint ? OUT_CHUNK : Math.min(OUT_CHUNK, due - 1);
          handle.writeSync(wantPoint ? zc.Z_BLOCK : zc.Z_NO_FLUSH, input, inOff, inLen - inOff, out, 0, room);
          if (zError) throw new Error(`corrupt gzip stream after ${totalOut} inflated bytes: ${zError}`);
          const availOut = inflater._writeState[0];
          const availIn = inflater._writeState[1];
          const consumed = inLen - inOff - availIn;
          const produced = room - availOut;
          inOff += consumed;
          if (consumed === 0 && produced === 0 && availIn > 0) {
            ended = true; // the final block was decoded: zlib takes nothing more
            break;
          }
          if (produced) {
            const fresh = out.subarray(0, produced);
            memberCrc = crc32(fresh, memberCrc);
            spanOutCrc = crc32(fresh, spanOutCrc);
            if (pending) {
              const take = Math.min(produced, FOLLOW_BYTES - pending.followLength);
              pending.follow.push(Buffer.from(fresh.subarray(0, take)));
              pending.followLength += take;
              pending.crcAfter = crc32(fresh, pending.crcAfter);
            }
            if (produced >= WINDOW) {
              fresh.copy(window, 0, produced - WINDOW, produced);
              windowFill = WINDOW;
            } else {
              const keep = Math.min(windowFill, WINDOW - produced);
              window.copy(window, 0, windowFill - keep, windowFill);
              fresh.copy(window, keep, 0, produced);
              windowFill = keep + produced;
            }
            totalOut += produced;
          }
          // Z_BLOCK stopped early (room left for output, input left): a block boundary.
          if (wantPoint && availOut > 0 && availIn > 0) {
            pending = { in: consumedBase + inOff, out: totalOut, window: Buffer.from(window.subarray(0, windowFill)), follow: [], followLength: 0, spanCrcBefore: spanOutCrc, crcAfter: 0 };
          }
          if (pending && pending.followLength >= FOLLOW_BYTES) {
            const c = pending;
            pending = null;
            const bits = await resolveBits(fh, c, st.size);
            if (bits !== null) {
              points[points.length - 1].outCrc = c.spanCrcBefore >>> 0;
              points.push({ out: c.out, in: c.in, bits, window: h.shareIfZero(c.window), member, crc: 0, outCrc: 0 });
              spanOutCrc = c.crcAfter;
              lastPointOut = c.out;
            }
          }
          if (opts.onProgress && totalOut - lastProgress >= 64 * 1024 * 1024) {
            lastProgress = totalOut;
            opts.onProgress(totalOut);
          }
        }
      } finally {
        handle.close();
      }
      points[points.length - 1].outCrc = spanOutCrc >>> 0;
      const deflateEnd = consumedBase + inOff;
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
      if (await h.allZero(fh, memberStart, st.size)) break;
      throw new Error(`corrupt gzip stream: ${st.size - memberStart} bytes of trailing data after the last gzip member (at byte ${memberStart}) are not a gzip member`);
    }
    await fillSpanCrcs(fh, points, members);
    opts.onProgress?.(totalOut);
    return { file, size: st.size, mtimeMs: st.mtimeMs, contentKey, totalOut, members, points, id: randomBytes(6).toString('hex') };
  } finally {
    await fh.close();
  }
}

/** CRC-32 of each span's compressed bytes, by reading them back (page-cached right after the build). */
async function fillSpanCrcs(fh: FileHandle, points: SeekPoint[], members: SeekMember[]): Promise<void> {
  const buf = Buffer.alloc(READ_CHUNK);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const next = points[i + 1];
    const from = p.in - (p.bits ? 1 : 0);
    const to = next && next.member === p.member ? next.in : members[p.member].deflateEnd;
    let crc = 0;
    for (let at = from; at < to; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(READ_CHUNK, to - at), at);
      if (!bytesRead) break;
      crc = crc32(buf.subarray(0, bytesRead), crc);
      at += bytesRead;
    }
    p.crc = crc >>> 0;
  }
}
