/**
 * The block-header check that spares the native seek-index build most trial decodes (deflateHeader.ts), and the
 * build's resolved bit offsets against the pako build, which reads them from zlib's own data_type.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as zc, deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import * as zinflate from 'pako/lib/zlib/inflate.js';
import ZStream from 'pako/lib/zlib/zstream.js';
import { plausibleBlockStart } from '../../../server/src/checkpoint/deflateHeader';
import { primedFirstBytes } from '../../../server/src/checkpoint/deflatePrime';
import { buildSeekIndex } from '../../../server/src/checkpoint/seekIndex';

/** Memory-like bytes: zero runs, text and noise, so zlib makes stored, fixed and dynamic blocks. */
function memoryLike(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let page = 0; page * 4096 < size; page++) {
    const kind = (Math.imul(page + 1, 2654435761) + seed) % 3;
    for (let i = page * 4096; i < Math.min(size, (page + 1) * 4096); i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      b[i] = kind === 0 ? 0 : kind === 1 ? 0x61 + ((x >>> 16) % 7) : x >>> 24;
    }
  }
  return b;
}

/** Bit positions (from the start of `raw`) where pako's inflate, stopping at each block (Z_BLOCK), saw blocks begin. */
function blockStarts(raw: Buffer): number[] {
  const strm = new ZStream();
  zinflate.inflateInit2(strm, -15);
  const out = new Uint8Array(1 << 20);
  strm.input = raw;
  strm.next_in = 0;
  strm.avail_in = raw.length;
  const starts: number[] = [];
  for (;;) {
    strm.output = out;
    strm.next_out = 0;
    strm.avail_out = out.length;
    const ret = zinflate.inflate(strm, zc.Z_BLOCK);
    if (ret === zc.Z_STREAM_END || (ret !== zc.Z_OK && ret !== zc.Z_BUF_ERROR)) break;
    if (strm.data_type & 128 && !(strm.data_type & 64)) starts.push(strm.next_in * 8 - (strm.data_type & 63));
  }
  return starts;
}

/** Inflates `raw` as if its deflate data began at bit `bitPos` of raw[0] (1..8), the way the native build's trials do. */
function inflateFromBit(raw: Buffer, bitPos: number): Buffer {
  const bits = 8 - bitPos;
  const input = bits ? Buffer.concat([primedFirstBytes(bits, raw[0]), raw.subarray(1)]) : raw.subarray(1);
  return inflateRawSync(input, { finishFlush: zc.Z_SYNC_FLUSH });
}

describe('deflate block-header check (native seek-index build)', function () {
  this.timeout(60000);

  it('accepts every real block start zlib wrote (levels 1, 6, 9; stored, fixed and dynamic blocks)', () => {
    let checked = 0;
    for (const level of [1, 6, 9]) {
      for (const seed of [1, 2, 3]) {
        const raw = deflateRawSync(memoryLike(600 * 1024, seed), { level, memLevel: 1 }); // memLevel 1: many blocks
        for (const bit of blockStarts(raw)) {
          // Start each check at the byte holding the block's first bit, as the build does (bit 1..8 of raw[0]).
          const byte = Math.ceil(bit / 8) - 1;
          assert.ok(plausibleBlockStart(raw.subarray(byte), bit - byte * 8), `level ${level} seed ${seed}: block at bit ${bit}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `${checked} block starts checked`);
  });

  it('never rejects a start zlib would decode: whatever it rejects, native inflate from that bit fails too', () => {
    let rejected = 0;
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 8 }), (bytes, bitPos) => {
      const raw = Buffer.from(bytes);
      if (plausibleBlockStart(raw, bitPos)) return;
      rejected++;
      assert.throws(() => inflateFromBit(raw, bitPos), Error, `rejected, but zlib decodes ${raw.toString('hex')} from bit ${bitPos}`);
    }), { numRuns: 3000, seed: 20261202 });
    // Random bytes are mostly not a block header: the check must turn most of them away to be worth having.
    assert.ok(rejected > 1500, `${rejected} of 3000 random starts rejected`);
  });

  it('the native build resolves the same access points, bit for bit, as the pako build that reads data_type', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deflate-header-'));
    try {
      for (const [level, seed] of [[1, 4], [6, 5], [9, 6]]) {
        const file = join(dir, `s${level}.pmem`);
        await writeFile(file, gzipSync(memoryLike(3 * 1024 * 1024, seed), { level }));
        const native = await buildSeekIndex(file, { spanBytes: 64 * 1024, engine: 'native' });
        const pako = await buildSeekIndex(file, { spanBytes: 64 * 1024, engine: 'pako' });
        const key = (p: { out: number; in: number; bits: number }) => `${p.out}@${p.in}.${p.bits}`;
        assert.ok(native.points.length > 10, `level ${level}: ${native.points.length} points`);
        assert.deepEqual(native.points.map(key), pako.points.map(key), `level ${level}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
