import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { crc32Combine } from '../../../server/src/checkpoint/crc32Combine';
import { primedFirstBytes } from '../../../server/src/checkpoint/deflatePrime';
import { constants as zc, inflateRawSync } from 'node:zlib';

describe('seek-index building blocks', () => {
  it('crc32Combine(crc(A), crc(B), len(B)) equals crc(A‖B) for any A and B', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
      assert.equal(crc32Combine(crc32(a), crc32(b), b.length), crc32(Buffer.concat([a, b])));
    }), { numRuns: 200 });
  });

  it('primes native inflate inside a byte: for every bit offset, empty blocks then the real block decode to its bytes', () => {
    // A fixed-Huffman final block holding "hi", placed to start at each bit offset of a byte after unrelated bits.
    for (let bits = 1; bits < 8; bits++) {
      const r = 8 - bits; // where the block starts inside its first byte
      const stream: number[] = [];
      const put = (v: number, n: number) => { for (let i = 0; i < n; i++) stream.push((v >>> i) & 1); };
      const code = (v: number, n: number) => { for (let i = n - 1; i >= 0; i--) stream.push((v >>> i) & 1); };
      put(0b1010101, r); // bits of a previous block, to be replaced
      put(1, 1); put(1, 2); // BFINAL=1, fixed Huffman
      for (const ch of Buffer.from('hi')) code(0x30 + ch, 8); // literals 0..143: 8-bit codes from 0x30
      code(0, 7); // end of block
      const bytes = Buffer.alloc(Math.ceil(stream.length / 8));
      stream.forEach((b, i) => (bytes[i >> 3] |= b << (i & 7)));
      const input = Buffer.concat([primedFirstBytes(bits, bytes[0]), bytes.subarray(1)]);
      assert.equal(inflateRawSync(input, { finishFlush: zc.Z_SYNC_FLUSH }).toString(), 'hi', `bits=${bits}`);
    }
  });
});
