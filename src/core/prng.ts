// The project's own seeded PRNG: xoshiro128** over 32-bit integers, seeded through splitmix32.
// Only integer operations (Math.imul, shifts, >>> 0), so the sequence is identical on every
// Node version and platform; no floating-point transcendental functions anywhere.
import { assert } from './assert.ts';

export const UINT32_RANGE = 0x1_0000_0000;

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [next, (z ^ (z >>> 16)) >>> 0];
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    assert(Number.isSafeInteger(seed), `PRNG seed must be a safe integer, got ${seed}`);
    // Fold the high bits in so that seeds differing only above bit 32 still differ.
    let state = (seed >>> 0) ^ Math.floor(seed / UINT32_RANGE) >>> 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(state);
      state = next;
      words.push(out);
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // xoshiro must not start all-zero
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform integer in [0, bound), without modulo bias (rejection sampling). */
  nextBelow(bound: number): number {
    assert(Number.isInteger(bound) && bound > 0 && bound <= UINT32_RANGE, `bound out of range: ${bound}`);
    const limit = UINT32_RANGE - (UINT32_RANGE % bound);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % bound;
    }
  }
}
