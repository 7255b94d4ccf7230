/**
 * Could a deflate block (RFC 1951 §3.2.3) start at this bit? The native seek-index build knows the byte where a
 * block starts but not the bit (Node's zlib does not report data_type), so it tries the 8 bit offsets; this check
 * rejects most wrong ones by what zlib itself would reject in the block header, before any trial inflate:
 * BTYPE 11, a stored block whose LEN and NLEN disagree, a dynamic block whose code-length code is incomplete or
 * over-subscribed, whose repeat codes run past the lengths, that has no end-of-block code, or whose literal/length
 * or distance code is over-subscribed or incomplete (zlib's inflate_table allows incomplete only when the longest
 * code is 1 bit). Fixed-Huffman blocks have no header to check: they always pass.
 */

/** LSB-first bit reader; reading past the end yields null. */
class Bits {
  constructor(private readonly bytes: Uint8Array, private pos: number) {}
  take(n: number): number | null {
    let v = 0;
    for (let i = 0; i < n; i++, this.pos++) {
      const byte = this.pos >> 3;
      if (byte >= this.bytes.length) return null;
      v |= ((this.bytes[byte] >> (this.pos & 7)) & 1) << i;
    }
    return v;
  }
  alignToByte(): void {
    this.pos = (this.pos + 7) & ~7;
  }
}

const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** 'complete', 'incomplete' or 'over' for a set of code lengths (0 = unused), as inflate_table counts them. */
function codeShape(lengths: number[]): { shape: 'complete' | 'incomplete' | 'over'; max: number } {
  const count = new Array<number>(16).fill(0);
  let max = 0;
  for (const l of lengths) {
    if (l) count[l]++;
    if (l > max) max = l;
  }
  let left = 1;
  for (let len = 1; len <= 15; len++) {
    left = left * 2 - count[len];
    if (left < 0) return { shape: 'over', max };
  }
  return { shape: left > 0 ? 'incomplete' : 'complete', max };
}

/** zlib accepts a code that is complete, or incomplete with a single 1-bit code (or, for distances, none at all). */
function acceptable(lengths: number[]): boolean {
  const { shape, max } = codeShape(lengths);
  if (max === 0) return true;
  return shape === 'complete' || (shape === 'incomplete' && max === 1);
}

/**
 * Canonical Huffman decoding of the code-length alphabet, one bit at a time (the codes are at most 7 bits and only
 * HLIT + HDIST of them are read, so simplicity wins over a table).
 */
function decoder(lengths: number[]): (bits: Bits) => number | null {
  const byLength = new Map<number, Map<number, number>>();
  const count = new Array<number>(16).fill(0);
  for (const l of lengths) if (l) count[l]++;
  const next = new Array<number>(16).fill(0);
  for (let len = 1, code = 0; len <= 15; len++) {
    code = (code + count[len - 1]) << 1;
    next[len] = code;
  }
  lengths.forEach((l, sym) => {
    if (!l) return;
    if (!byLength.has(l)) byLength.set(l, new Map());
    byLength.get(l)!.set(next[l]++, sym);
  });
  return (bits) => {
    let code = 0;
    for (let len = 1; len <= 15; len++) {
      const b = bits.take(1);
      if (b === null) return null;
      code = (code << 1) | b; // Huffman codes are packed most significant bit first
      const sym = byLength.get(len)?.get(code);
      if (sym !== undefined) return sym;
    }
    return null;
  };
}

/**
 * True when the bytes from bit `bitPos` (0 = the lowest bit of bytes[0]) begin a block header zlib would accept.
 * Too few bytes to tell counts as plausible (the trial inflate decides).
 */
export function plausibleBlockStart(bytes: Uint8Array, bitPos: number): boolean {
  const bits = new Bits(bytes, bitPos);
  const head = bits.take(3);
  if (head === null) return true;
  const type = head >> 1;
  if (type === 3) return false;
  if (type === 1) return true;
  if (type === 0) {
    bits.alignToByte();
    const len = bits.take(16);
    const nlen = bits.take(16);
    return len === null || nlen === null || len === (~nlen & 0xffff);
  }
  const hlit = bits.take(5);
  const hdist = bits.take(5);
  const hclen = bits.take(4);
  if (hlit === null || hdist === null || hclen === null) return true;
  if (hlit + 257 > 286 || hdist + 1 > 30) return false;
  const clLengths = new Array<number>(19).fill(0);
  for (let i = 0; i < hclen + 4; i++) {
    const l = bits.take(3);
    if (l === null) return true;
    clLengths[CL_ORDER[i]] = l;
  }
  // The code-length code must be complete (inflate_table: an incomplete CODES table is an error).
  if (codeShape(clLengths).shape !== 'complete') return false;
  const decode = decoder(clLengths);
  const total = hlit + 257 + hdist + 1;
  const lengths: number[] = [];
  while (lengths.length < total) {
    const sym = decode(bits);
    if (sym === null) return true;
    if (sym < 16) {
      lengths.push(sym);
      continue;
    }
    let repeat: number | null;
    let value = 0;
    if (sym === 16) {
      if (!lengths.length) return false;
      value = lengths[lengths.length - 1];
      repeat = bits.take(2);
      if (repeat !== null) repeat += 3;
    } else if (sym === 17) {
      repeat = bits.take(3);
      if (repeat !== null) repeat += 3;
    } else {
      repeat = bits.take(7);
      if (repeat !== null) repeat += 11;
    }
    if (repeat === null) return true;
    if (lengths.length + repeat > total) return false;
    for (let i = 0; i < repeat; i++) lengths.push(value);
  }
  const lit = lengths.slice(0, hlit + 257);
  const dist = lengths.slice(hlit + 257);
  if (lit[256] === 0) return false;
  return acceptable(lit) && acceptable(dist);
}
