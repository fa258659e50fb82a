import { describe, expect, it } from 'vitest';
import { AssertionFailed } from './assert.ts';
import { Prng, UINT32_RANGE } from './prng.ts';

// An independent reference in BigInt arithmetic: no Math.imul, no sign tricks, so a slip in the
// int32 implementation (a lost `>>> 0`, a signed shift) shows up as a mismatch.
const MASK32 = 0xffff_ffffn;
const TWO_32 = 0x1_0000_0000n;

function rotlRef(x: bigint, k: bigint): bigint {
  return ((x << k) | (x >> (32n - k))) & MASK32;
}

function splitmix32Ref(state: bigint): [bigint, bigint] {
  const next = (state + 0x9e3779b9n) & MASK32;
  let z = next;
  z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & MASK32;
  z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & MASK32;
  return [next, z ^ (z >> 16n)];
}

class ReferenceXoshiro {
  constructor(private readonly s: bigint[]) {}

  static seeded(seed: number): ReferenceXoshiro {
    const big = BigInt(seed);
    const low = BigInt.asUintN(32, big);
    const high = BigInt.asUintN(32, (big - low) / TWO_32); // exact division: floor(seed / 2^32)
    let state = low ^ splitmix32Ref(high)[1];
    const s: bigint[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32Ref(state);
      state = next;
      s.push(out);
    }
    if (s.reduce((all, w) => all | w, 0n) === 0n) s[0] = 1n;
    return new ReferenceXoshiro(s);
  }

  nextUint32(): number {
    const [s0, s1, s2, s3] = this.s as [bigint, bigint, bigint, bigint];
    const result = (rotlRef((s1 * 5n) & MASK32, 7n) * 9n) & MASK32;
    const t = (s1 << 9n) & MASK32;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s[0] = s0 ^ n3;
    this.s[1] = s1 ^ n2;
    this.s[2] = n2 ^ t;
    this.s[3] = rotlRef(n3, 11n);
    return Number(result);
  }

  nextBelow(bound: number): number {
    const b = BigInt(bound);
    const limit = TWO_32 - (TWO_32 % b);
    for (;;) {
      const x = BigInt(this.nextUint32());
      if (x < limit) return Number(x % b);
    }
  }
}

function draws(next: () => number, n: number): number[] {
  return Array.from({ length: n }, next);
}

const SEEDS = [0, 1, 42, 0x7fff_ffff, 0xffff_ffff, -1, -123_456_789, 2 ** 32 + 7, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];

describe('reference xoshiro128**', () => {
  it('reproduces the published outputs for state (0, 1, 2, 3)', () => {
    // Anchors the reference itself to the algorithm of Blackman and Vigna, not to the code under test.
    const ref = new ReferenceXoshiro([0n, 1n, 2n, 3n]);
    expect(draws(() => ref.nextUint32(), 5)).toEqual([5760, 17280, 2966400, 32451840, 2604340873]);
  });
});

describe('Prng', () => {
  it.each(SEEDS)('matches the BigInt reference for seed %d', (seed) => {
    const prng = new Prng(seed);
    const ref = ReferenceXoshiro.seeded(seed);
    expect(draws(() => prng.nextUint32(), 200)).toEqual(draws(() => ref.nextUint32(), 200));
  });

  it.each([
    [-1, 0],
    [-5, 4],
    [2 ** 32 + 1, 0],
  ])('gives seed %d a stream different from seed %d', (a, b) => {
    expect(new Prng(a).nextUint32()).not.toBe(new Prng(b).nextUint32());
  });

  it('gives different streams to seeds that differ only above bit 32', () => {
    expect(new Prng(5 + 2 ** 32).nextUint32()).not.toBe(new Prng(5).nextUint32());
  });

  it('returns unsigned 32-bit integers', () => {
    const prng = new Prng(7);
    for (const x of draws(() => prng.nextUint32(), 2000)) {
      expect(Number.isInteger(x) && x >= 0 && x < UINT32_RANGE).toBe(true);
    }
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects the non-safe-integer seed %d', (seed) => {
    expect(() => new Prng(seed)).toThrow(AssertionFailed);
  });
});

describe('Prng.nextBelow', () => {
  it.each([1, 2, 3, 10, 1000, 3 * 2 ** 30, 2 ** 32])('matches the reference rejection sampler for bound %d', (bound) => {
    const prng = new Prng(99);
    const ref = ReferenceXoshiro.seeded(99);
    expect(draws(() => prng.nextBelow(bound), 300)).toEqual(draws(() => ref.nextBelow(bound), 300));
  });

  it.each([1, 2, 7, 1000, 2 ** 31 + 1])('stays in [0, %d)', (bound) => {
    const prng = new Prng(3);
    for (const x of draws(() => prng.nextBelow(bound), 2000)) {
      expect(Number.isInteger(x) && x >= 0 && x < bound).toBe(true);
    }
  });

  it('fills ten buckets evenly (chi-square, 9 degrees of freedom, generous bound)', () => {
    const prng = new Prng(2024);
    const n = 100_000;
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) counts[prng.nextBelow(10)]! += 1;
    const expected = n / 10;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // p < 1e-5 at 40; a fixed seed keeps this deterministic, the bound only says "no obvious bias".
    expect(chiSquare).toBeLessThan(40);
  });

  it('shows no modulo bias for a bound of three quarters of 2^32', () => {
    // Plain `x % bound` would land in the lowest third twice as often as in the others.
    const bound = 3 * 2 ** 30;
    const prng = new Prng(11);
    const thirds = [0, 0, 0];
    const n = 30_000;
    for (let i = 0; i < n; i++) thirds[Math.floor(prng.nextBelow(bound) / 2 ** 30)]! += 1;
    for (const count of thirds) expect(Math.abs(count - n / 3)).toBeLessThan(n / 30);
  });

  it.each([0, -1, 2.5, 2 ** 32 + 1, Number.NaN])('rejects the bound %d', (bound) => {
    expect(() => new Prng(1).nextBelow(bound)).toThrow(AssertionFailed);
  });
});
