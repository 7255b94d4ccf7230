/**
 * crc32_combine from zlib (crc32.c), which Node does not expose: the CRC-32 of A‖B from crc(A), crc(B) and len(B).
 * The seek-index build computes one CRC per span of output and combines them into the member's CRC for the trailer
 * check, instead of running CRC-32 over every output byte twice. zlib 1.2.12's method: appending len(B) zero bytes
 * to A is multiplying crc(A) by x^(8·len(B)) modulo the CRC polynomial, built from a table of x^(2^k) (a few
 * hundred operations, where the older matrix-squaring method took tens of thousands per call).
 */
const POLY = 0xedb88320; // reflected: bit 31 is x^0

/** a(x)·b(x) modulo the polynomial, both reflected. */
function multModP(a: number, b: number): number {
  let product = 0;
  for (let m = 0x80000000; m; m >>>= 1) {
    if (a & m) {
      product ^= b;
      if (!(a & (m - 1))) break;
    }
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** X2N[k] = x^(2^k) modulo the polynomial. */
const X2N = new Uint32Array(32);
X2N[0] = 0x40000000; // x^1
for (let k = 1; k < 32; k++) X2N[k] = multModP(X2N[k - 1], X2N[k - 1]);

/** x^(n·2^k) modulo the polynomial. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  for (; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(X2N[k & 31], p);
  return p;
}

export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1 >>> 0;
  return (multModP(x2nModP(len2, 3), crc1 >>> 0) ^ crc2) >>> 0;
}
