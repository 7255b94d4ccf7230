/**
 * CPython's Mersenne Twister (Modules/_randommodule.c): MT19937 seeded by init_by_array from the 32-bit words of
 * abs(seed), and the draws Lib/random.py builds on it (random(), getrandbits, _randbelow by rejection). Same seed,
 * same numbers as CPython.
 */
const N = 624;
const M = 397;

export class MersenneTwister {
  mt = new Uint32Array(N);
  index = N + 1;

  static seeded(seed: bigint): MersenneTwister {
    const g = new MersenneTwister();
    let n = seed < 0n ? -seed : seed;
    const key: number[] = [];
    while (n > 0n) {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    g.initByArray(key.length ? key : [0]);
    return g;
  }

  copy(): MersenneTwister {
    const g = new MersenneTwister();
    g.mt.set(this.mt);
    g.index = this.index;
    return g;
  }

  equals(o: MersenneTwister): boolean {
    return this.index === o.index && this.mt.every((w, i) => w === o.mt[i]);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) mt[i] = (Math.imul(1812433253, mt[i - 1] ^ (mt[i - 1] >>> 30)) + i) >>> 0;
    this.index = N;
  }

  private initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k; k--) {
      mt[i] = ((mt[i] ^ Math.imul(mt[i - 1] ^ (mt[i - 1] >>> 30), 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k; k--) {
      mt[i] = ((mt[i] ^ Math.imul(mt[i - 1] ^ (mt[i - 1] >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  uint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      const mix = (a: number, b: number, c: number) => {
        const y = (mt[a] & 0x80000000) | (mt[b] & 0x7fffffff);
        return (mt[c] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      };
      let k = 0;
      for (; k < N - M; k++) mt[k] = mix(k, k + 1, k + M);
      for (; k < N - 1; k++) mt[k] = mix(k, k + 1, k + M - N);
      mt[N - 1] = mix(N - 1, 0, M - 1);
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random.random(): 53 bits from two words. */
  random(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /** getrandbits(k): k bits, the first word drawn the least significant. */
  getrandbits(k: number): bigint {
    if (k <= 0) return 0n;
    if (k <= 32) return BigInt(this.uint32() >>> (32 - k));
    let out = 0n;
    for (let shift = 0n, left = k; left > 0; left -= 32, shift += 32n) {
      let r = this.uint32();
      if (left < 32) r >>>= 32 - left;
      out |= BigInt(r) << shift;
    }
    return out;
  }

  /** Random._randbelow_with_getrandbits: a number in [0, n) for n > 0, by rejection. */
  below(n: bigint): bigint {
    const k = n.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }
}
