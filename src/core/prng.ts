// The project's own seeded PRNG: xoshiro128** over 32-bit integers, seeded through splitmix32.
// Only integer operations (Math.imul, shifts, >>> 0), so the sequence is identical on every
// Node version and platform; no floating-point transcendental functions anywhere.
import { assert } from './assert.ts';

export const UINT32_RANGE = 0x1_0000_0000;

const SMALL_BOUNDS = 64;
/** Rejection limit for each small bound: the largest multiple of the bound not above 2^32. */
const SMALL_LIMITS = Array.from({ length: SMALL_BOUNDS }, (_, bound) => (bound === 0 ? 0 : UINT32_RANGE - (UINT32_RANGE % bound)));

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [next, (z ^ (z >>> 16)) >>> 0];
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export class Prng {
  // Int32 words: they stay small integers in V8 (no boxed doubles), which keeps each draw a few ns.
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    assert(Number.isSafeInteger(seed), `PRNG seed must be a safe integer, got ${seed}`);
    // Mix the high word before folding it in, so that seeds differing only above bit 32 differ, and
    // small negative seeds do not collide with small positive ones (a plain XOR maps -n-1 onto n).
    let state = (seed >>> 0) ^ splitmix32(Math.floor(seed / UINT32_RANGE) >>> 0)[1];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(state);
      state = next;
      this.s[i] = out;
    }
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1; // xoshiro must not start all-zero
  }

  nextUint32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ t;
    s[3] = rotl(s3, 11);
    return result >>> 0;
  }

  /** Uniform integer in [0, bound), without modulo bias (rejection sampling). */
  nextBelow(bound: number): number {
    if (!(bound > 0 && bound <= UINT32_RANGE && bound === Math.floor(bound))) assert(false, `bound out of range: ${bound}`);
    // Small bounds recur on every delivery: their rejection limits are computed once.
    const limit = bound < SMALL_BOUNDS ? SMALL_LIMITS[bound]! : UINT32_RANGE - (UINT32_RANGE % bound);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % bound;
    }
  }
}
