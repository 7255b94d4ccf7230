/**
 * The seek-index build at native zlib speed. Node's zlib runs the inflate (Z_NO_FLUSH, and Z_BLOCK once a span is
 * due, so it stops at the next deflate block boundary), but it does not report data_type, the bit position zran
 * reads there. So each candidate boundary is resolved afterwards: of the 8 possible bit offsets, the one whose
 * primed inflate (deflatePrime.ts) reproduces what the stream really produced next is the point (offsets whose
 * block header zlib would refuse are never tried: deflateHeader.ts; 32 KiB must match, 256 KiB when two fit); a boundary
 * where none fits is skipped for the next. Each span also records the CRC-32 of its output, and reads
 * check it, so even a wrongly resolved point could never return wrong bytes. The member's CRC for the trailer check
 * is combined from the span CRCs (one CRC pass over the output, not two).
 *
 * Uses Node's zlib handle directly (writeSync with a flush mode, _writeState for what was consumed): not public
 * API, so `nativeBuildAvailable()` checks it and callers fall back to the pako build.
 */
import { readSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { constants as zc, crc32, createInflateRaw } from 'node:zlib';
import { crc32Combine } from './crc32Combine';
import { plausibleBlockStart } from './deflateHeader';
import { primedFirstBytes } from './deflatePrime';
import { newIndexId } from './seekIndexCache';
import type { SeekIndex, SeekIndexOptions, SeekMember, SeekPoint } from './seekIndex';

const WINDOW = 32 * 1024;
const READ_CHUNK = 1024 * 1024;
const OUT_CHUNK = 1024 * 1024;
/**
 * Bytes of real output a candidate bit offset must reproduce: QUICK_FOLLOW when one offset alone passes, else
 * FOLLOW_BYTES (long enough that zero runs, which several misaligned decodes can reproduce, do not fit several).
 */
const QUICK_FOLLOW = 32 * 1024;
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
  sampleSpanCrcs(fd: number, points: SeekPoint[], members: SeekMember[]): void;
}

interface Candidate {
  in: number;
  out: number;
  window: Buffer;
  follow: Buffer[];
  followLength: number;
  /** Output to collect before resolving: QUICK_FOLLOW, then FOLLOW_BYTES if that was ambiguous. */
  followTarget: number;
  /** Output CRC of the span up to the candidate, and of what came after it (the next span, if accepted). */
  spanCrcBefore: number;
  crcAfter: number;
}

const abortError = () => Object.assign(new Error('cancelled'), { name: 'AbortError' });

/** Scratch output for trial decodes (compared and dropped at once): no allocation per trial. */
const TRIAL_OUT = Buffer.allocUnsafe(64 * 1024);
/** Output a trial must reproduce before a wrong offset is worth decoding further (most diverge in bytes). */
const FIRST_STEP = 1024;

/**
 * Trial decodes from a candidate's bit offsets, one offset at a time: native inflate primed with the window (and,
 * for a block starting inside a byte, deflatePrime's empty blocks), compared with the real output as it comes. One
 * zlib handle serves every offset of a candidate (reset re-applies the window): creating one costs more than
 * decoding the 1 KiB that sinks a wrong offset.
 */
class TrialDecoder {
  private readonly inf: RawInflater;
  private failed = false;
  private produced = 0;
  private inOff = 0;
  private input: Buffer[] = [];

  constructor(private readonly raw: Buffer, window: Buffer, private readonly follow: Buffer) {
    this.inf = createInflateRaw(window.length ? { dictionary: window } : {}) as unknown as RawInflater;
    this.inf._handle.onerror = () => { this.failed = true; };
  }

  /** Starts over from offset `bits` (raw[0] holds the block's first `bits` bits, its high bits; 0: none). */
  start(bits: number): void {
    (this.inf as unknown as { reset(): void }).reset();
    this.failed = false;
    this.produced = 0;
    this.inOff = 0;
    this.input = bits ? [primedFirstBytes(bits, this.raw[0]), this.raw.subarray(1)] : [this.raw.subarray(1)];
  }

  /** Decodes until `target` bytes came out; false once they differ from the follow, the data is invalid or ends first. */
  advance(target: number): boolean {
    const handle = this.inf._handle;
    while (this.produced < target && this.input.length) {
      const input = this.input[0];
      const room = Math.min(TRIAL_OUT.length, target - this.produced);
      handle.writeSync(zc.Z_NO_FLUSH, input, this.inOff, input.length - this.inOff, TRIAL_OUT, 0, room);
      if (this.failed) return false;
      const consumed = input.length - this.inOff - this.inf._writeState[1];
      const made = room - this.inf._writeState[0];
      if (made && !TRIAL_OUT.subarray(0, made).equals(this.follow.subarray(this.produced, this.produced + made))) return false;
      this.produced += made;
      this.inOff += consumed;
      if (this.inOff >= input.length) {
        this.input.shift();
        this.inOff = 0;
      } else if (!consumed && !made) {
        return false; // the stream ended (a final block) before `target`
      }
    }
    return this.produced >= target;
  }

  close(): void {
    this.inf._handle.close();
  }
}

/**
 * Which bit offset (0..7) at `c.in` reproduces the real output that followed: null when none does, 'ambiguous'
 * when several reproduce all of `c.follow` and `decisive` is false (the caller collects a longer follow and asks
 * again). Offsets whose block header zlib would refuse (deflateHeader.ts) are never decoded; the others are decoded
 * 1 KiB first, so a wrong one costs almost nothing.
 */
function resolveBits(fh: FileHandle, c: Candidate, limit: number, inMemory: (from: number, length: number) => Buffer | null,
  decisive: boolean): number | null | 'ambiguous' {
  const follow = Buffer.concat(c.follow);
  if (!follow.length) return null;
  // Enough compressed bytes for the follow even if it was stored incompressible (deflate adds 5 bytes per 64 KiB).
  const length = Math.min(follow.length + 16 * 1024, limit - (c.in - 1));
  // Usually inside the chunk being inflated; else a synchronous read (page-cached: the build just read it).
  let raw = inMemory(c.in - 1, length);
  if (!raw) {
    raw = Buffer.alloc(length);
    raw = raw.subarray(0, readSync(fh.fd, raw, 0, length, c.in - 1));
  }
  let trial: TrialDecoder | null = null;
  let found: number | null = null;
  try {
    for (let bits = 0; bits < 8; bits++) {
      if (!plausibleBlockStart(raw, 8 - bits)) continue;
      trial ??= new TrialDecoder(raw, c.window, follow);
      trial.start(bits);
      if (!trial.advance(Math.min(FIRST_STEP, follow.length)) || !trial.advance(follow.length)) continue;
      // Several offsets can fit when their decodes meet at a stored block (which realigns to the byte): from there
      // on they are the same decode, so after the long follow the first is as good (reads check each span's CRC).
      if (decisive) return bits;
      if (found !== null) return 'ambiguous';
      found = bits;
    }
    return found;
  } finally {
    trial?.close();
  }
}

export async function buildSeekIndexNative(file: string, opts: SeekIndexOptions, h: Helpers): Promise<SeekIndex> {
  const st = await stat(file);
  const span = (inflated: number) => opts.spanBytes ?? h.span(st.size, inflated);
  const fh = await open(file, 'r');
  try {
    const contentKey = await h.contentKeyOf(fh, st.size);
    const buffers = [Buffer.alloc(READ_CHUNK), Buffer.alloc(READ_CHUNK)];
    let input = buffers[0];
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
      let which = 0;
      let calls = 0;
      let prefetch: Promise<{ bytesRead: number }> | null = null;
      /** Resolves the pending candidate's bit offset; an accepted one closes the span before it and opens the next. */
      const settle = (c: Candidate, decisive: boolean) => {
        const bits = resolveBits(fh, c, st.size, (from, length) => {
          const a = from - consumedBase;
          return a >= 0 && a + length <= inLen ? input.subarray(a, a + length) : null;
        }, decisive);
        if (bits === 'ambiguous') {
          c.followTarget = FOLLOW_BYTES;
          return;
        }
        pending = null;
        if (bits === null) return;
        const last = points[points.length - 1];
        last.outCrc = c.spanCrcBefore >>> 0;
        memberCrc = crc32Combine(memberCrc, last.outCrc, c.out - last.out);
        points.push({ out: c.out, in: c.in, bits, window: h.shareIfZero(c.window), member, crc: 0, outCrc: 0 });
        spanOutCrc = c.crcAfter;
        lastPointOut = c.out;
      };
      try {
        while (!ended) {
          if (opts.signal?.aborted) throw abortError();
          // One input chunk of zeros can inflate to a GiB of synchronous calls: let the event loop breathe.
          if (++calls % 32 === 0) await new Promise((r) => setImmediate(r));
          if (inOff >= inLen) {
            // Double-buffered: the next chunk is read while this one inflates.
            const { bytesRead } = await (prefetch ?? fh.read(buffers[which], 0, READ_CHUNK, filePos));
            if (bytesRead === 0) throw new Error(`truncated gzip stream: input ended after ${totalOut} inflated bytes`);
            input = buffers[which];
            which ^= 1;
            consumedBase = filePos;
            filePos += bytesRead;
            inOff = 0;
            inLen = bytesRead;
            prefetch = fh.read(buffers[which], 0, READ_CHUNK, filePos);
            prefetch.catch(() => undefined);
          }
          const due = lastPointOut + span(totalOut) - totalOut;
          const wantPoint = pending === null && due <= 1;
          // Stop the output one byte before a point is due: zlib runs on past a block end (end-of-block code, empty
          // stored blocks, the next header) while it needs no output room, so stopping at `due` would skip it.
          const room = pending ? pending.followTarget - pending.followLength : wantPoint ? OUT_CHUNK : Math.min(OUT_CHUNK, due - 1);
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
            spanOutCrc = crc32(fresh, spanOutCrc);
            if (pending) {
              const take = Math.min(produced, pending.followTarget - pending.followLength);
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
            pending = {
              in: consumedBase + inOff, out: totalOut, window: Buffer.from(window.subarray(0, windowFill)), follow: [], followLength: 0, followTarget: QUICK_FOLLOW,
              spanCrcBefore: spanOutCrc, crcAfter: 0,
            };
          }
          if (pending && pending.followLength >= pending.followTarget) settle(pending, pending.followTarget >= FOLLOW_BYTES);
          if (opts.onProgress && totalOut - lastProgress >= 64 * 1024 * 1024) {
            lastProgress = totalOut;
            opts.onProgress(totalOut);
          }
        }
        // The member ended before the follow was complete: what came out is all a decode from there can reproduce.
        if (pending && pending.followLength) settle(pending, true);
      } finally {
        handle.close();
        await prefetch?.catch(() => undefined); // never leave a read into a buffer the next member reuses
      }
      const deflateEnd = consumedBase + inOff;
      const last = points[points.length - 1];
      last.outCrc = spanOutCrc >>> 0;
      memberCrc = crc32Combine(memberCrc, last.outCrc, totalOut - last.out);
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
    h.sampleSpanCrcs(fh.fd, points, members);
    opts.onProgress?.(totalOut);
    return { file, size: st.size, mtimeMs: st.mtimeMs, contentKey, totalOut, members, points, id: newIndexId() };
  } finally {
    await fh.close();
  }
}
