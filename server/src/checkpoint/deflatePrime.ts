/**
 * Starting native zlib inside a byte. An access point may begin a deflate block `bits` bits before a byte boundary;
 * zlib's inflatePrime would feed those bits, but Node's zlib has no inflatePrime. Instead, the low `8 - bits` bits of
 * that byte (which belong to the previous block) are replaced by empty non-final deflate blocks of exactly that
 * length modulo 8. The real block then starts at the same bit position as in the file, so stored blocks still align
 * to the file's byte boundaries, and the empty blocks output nothing, so the primed window stays the history.
 */

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  bitLength = 0;
  /** `count` bits of `value`, least significant first (deflate's order for header fields and extra bits). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >>> i) & 1);
  }
  /** A Huffman code, most significant bit first. */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bit((value >>> i) & 1);
  }
  private bit(b: number): void {
    this.acc |= b << this.n;
    this.n++;
    this.bitLength++;
    if (this.n === 8) {
      this.bytes.push(this.acc);
      this.acc = 0;
      this.n = 0;
    }
  }
  /** Whole bytes plus the last partial byte (its unused high bits zero). */
  finish(): Buffer {
    return Buffer.from(this.n ? [...this.bytes, this.acc] : this.bytes);
  }
}

/** 10 bits: BFINAL=0, BTYPE=01 (fixed Huffman), end-of-block (code 256 = seven 0 bits). */
function emptyFixedBlock(w: BitWriter): void {
  w.bits(0, 1);
  w.bits(1, 2);
  w.code(0, 7);
}

/**
 * 93 bits (odd, unlike any run of fixed blocks): BFINAL=0, BTYPE=10, a literal/length code holding only
 * end-of-block (length 1, which zlib accepts as the one allowed incomplete code), no distance codes.
 */
function emptyDynamicBlock(w: BitWriter): void {
  w.bits(0, 1);
  w.bits(2, 2);
  w.bits(0, 5); // HLIT: 257 codes
  w.bits(0, 5); // HDIST: 1 code
  w.bits(14, 4); // HCLEN: 18 code length codes, enough to reach symbol 1 in the permuted order
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const clLength: Record<number, number> = { 0: 1, 1: 2, 18: 2 };
  for (const sym of order) w.bits(clLength[sym] ?? 0, 3);
  // Canonical codes: symbol 0 → 0, symbol 1 → 10, symbol 18 → 11.
  w.code(0b11, 2); w.bits(138 - 11, 7); // 138 zero lengths
  w.code(0b11, 2); w.bits(118 - 11, 7); // 118 more: literals 0..255 unused
  w.code(0b10, 2); // end-of-block (256) has length 1
  w.code(0b0, 1); // the one distance code is unused
  w.code(0, 1); // the block's only symbol: end-of-block
}

/**
 * The bytes to use in place of the file's byte that holds the first `bits` bits (its high bits) of the block that
 * starts the access point: empty blocks in front, then that byte's high bits. `bits` is 1..7.
 */
export function primedFirstBytes(bits: number, fileByte: number): Buffer {
  const r = 8 - bits; // bit position of the block inside the byte
  const w = new BitWriter();
  if (r % 2 === 1) emptyDynamicBlock(w);
  while (w.bitLength % 8 !== r) emptyFixedBlock(w);
  const out = w.finish();
  const mask = (1 << r) - 1;
  out[out.length - 1] = (out[out.length - 1] & mask) | (fileByte & ~mask & 0xff);
  return out;
}
