// The batch plan: shards are disjoint and together cover the suite; a suite-wide path finds its
// batch; seeds are a pure function of the suite's seed and the batch index.
import { describe, expect, it } from 'vitest';
import { BATCH_RUNS, batchSeed, globalPath, planBatches } from './batches.ts';

describe('planBatches', () => {
  it('cuts a suite into batches of BATCH_RUNS, the last one shorter', () => {
    const batches = planBatches({ runs: 2 * BATCH_RUNS + 7, seed: 5 });
    expect(batches.map((b) => [b.index, b.firstRun, b.runs])).toEqual([[0, 0, BATCH_RUNS], [1, BATCH_RUNS, BATCH_RUNS], [2, 2 * BATCH_RUNS, 7]]);
    expect(batches[0]!.seed).toBe(5);
    expect(new Set(batches.map((b) => b.seed)).size).toBe(3);
  });

  it.each([1, 2, 3, 7])('shards k/%i are disjoint and cover every batch', (count) => {
    const all = planBatches({ runs: 2000, seed: 1 }).map((b) => b.index);
    const parts = Array.from({ length: count }, (_, k) => planBatches({ runs: 2000, seed: 1, shard: { index: k + 1, count } }).map((b) => b.index));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(all);
    expect(new Set(parts.flat()).size).toBe(all.length);
  });

  it('replays a suite-wide path inside its batch', () => {
    const [batch] = planBatches({ runs: 2000, seed: 9, path: `${3 * BATCH_RUNS + 17}:4:0` });
    expect(batch).toMatchObject({ index: 3, firstRun: 3 * BATCH_RUNS, path: '17:4:0', seed: batchSeed(9, 3) });
    expect(globalPath(batch!, '17:4:0:2')).toBe(`${3 * BATCH_RUNS + 17}:4:0:2`);
  });

  it('derives 32-bit seeds deterministically', () => {
    const seeds = Array.from({ length: 1000 }, (_, i) => batchSeed(-123, i));
    expect(seeds).toEqual(Array.from({ length: 1000 }, (_, i) => batchSeed(-123, i)));
    expect(new Set(seeds).size).toBe(1000);
    for (const seed of seeds) expect(Number.isInteger(seed) && seed >= -0x8000_0000 && seed <= 0x7fff_ffff).toBe(true);
  });
});
