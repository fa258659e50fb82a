import { describe, expect, it } from 'vitest';
import { BROADCAST, initialRoundRobin, keyHash, nextRoundRobin, receiversOf, route } from './partitioners.ts';

const record = (key: number) => ({ id: `r${key}`, key, value: 0 });

/** murmur3's fmix32 in BigInt arithmetic, independent of the Math.imul implementation. */
function fmix32Ref(key: number): number {
  const mask = 0xffff_ffffn;
  let h = BigInt.asUintN(32, BigInt(key));
  h = ((h ^ (h >> 16n)) * 0x85ebca6bn) & mask;
  h = ((h ^ (h >> 13n)) * 0xc2b2ae35n) & mask;
  return Number(h ^ (h >> 16n));
}

const KEYS = [0, 1, 2, 3, 17, 255, 65_536, 999_999, -1, -42, -1_000_000];

describe('keyHash', () => {
  it.each(KEYS)('is murmur3 fmix32 of key %d', (key) => {
    expect(keyHash(key)).toBe(fmix32Ref(key));
  });
});

describe('route', () => {
  it('sends forward to the sender’s own subtask', () => {
    expect(route('forward', record(9), 2, 3, 0)).toBe(2);
  });

  it('hashes every key, negative ones included, into [0, parallelism)', () => {
    for (let key = -500; key <= 500; key++) {
      for (const parallelism of [1, 2, 3]) {
        const target = route('hash', record(key), 0, parallelism, 0);
        expect(target >= 0 && target < parallelism && Number.isInteger(target)).toBe(true);
      }
    }
  });

  it('sends a key to the same receiver whatever the sender and its counter', () => {
    const target = route('hash', record(77), 0, 3, 0);
    expect(route('hash', record(77), 2, 3, 1)).toBe(target);
    expect(target).toBe(keyHash(77) % 3);
  });

  it('spreads small keys over every receiver', () => {
    const targets = new Set(Array.from({ length: 30 }, (_, key) => route('hash', record(key), 0, 3, 0)));
    expect([...targets].sort()).toEqual([0, 1, 2]);
  });

  it('sends rebalance to the counter modulo parallelism', () => {
    expect([0, 1, 2, 3, 4].map((rr) => route('rebalance', record(1), 0, 3, rr))).toEqual([0, 1, 2, 0, 1]);
  });

  it('returns BROADCAST for broadcast', () => {
    expect(route('broadcast', record(1), 0, 3, 0)).toBe(BROADCAST);
  });
});

describe('round-robin counter', () => {
  it('cycles through every receiver under rebalance', () => {
    const seen: number[] = [];
    let rr = initialRoundRobin(1, 3);
    for (let i = 0; i < 6; i++) {
      seen.push(route('rebalance', record(i), 1, 3, rr));
      rr = nextRoundRobin('rebalance', 3, rr);
    }
    expect(seen).toEqual([1, 2, 0, 1, 2, 0]);
  });

  it.each(['forward', 'hash', 'broadcast'] as const)('stays put under %s', (partitioner) => {
    expect(nextRoundRobin(partitioner, 3, 2)).toBe(2);
  });

  it('starts at the sender subtask modulo the receiver parallelism', () => {
    expect([0, 1, 2].map((s) => initialRoundRobin(s, 2))).toEqual([0, 1, 0]);
  });
});

describe('receiversOf', () => {
  it('lists every receiver for broadcast', () => {
    expect(receiversOf('broadcast', record(5), 0, 3, 0)).toEqual([0, 1, 2]);
  });

  it('lists the single routed receiver otherwise', () => {
    expect(receiversOf('forward', record(5), 1, 2, 0)).toEqual([1]);
    expect(receiversOf('rebalance', record(5), 0, 3, 2)).toEqual([2]);
    expect(receiversOf('hash', record(5), 0, 3, 0)).toEqual([keyHash(5) % 3]);
  });
});
