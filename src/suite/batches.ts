// A suite's runs are cut into fixed batches of BATCH_RUNS, each a fast-check run with its own seed
// derived from the suite's seed and the batch's index. The cut never depends on how many threads
// or machines run it, so a suite gives the same result serially, over worker threads
// (`--workers N`) or over CI shards (`--shard k/n`, merged by `snapcheck merge`): the first batch,
// by index, that finds a counterexample decides. A replay path names a run by its index in the
// whole suite, so `--seed S --path P` finds its batch without knowing how it was run.

export const BATCH_RUNS = 100;

/** The k-th (1-based) of n disjoint parts of a suite: batches k-1, k-1+n, k-1+2n, ... */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface Batch {
  readonly index: number;
  readonly seed: number;
  /** Runs in this batch, and the suite-wide index of its first run. */
  readonly runs: number;
  readonly firstRun: number;
  /** fast-check's path inside the batch, when replaying one run. */
  readonly path: string | null;
}

export interface BatchPlan {
  readonly runs: number;
  readonly seed: number;
  readonly path?: string;
  readonly shard?: Shard;
}

/** The batches a suite runs, in order. A path replays only the batch that holds its run. */
export function planBatches(plan: BatchPlan): Batch[] {
  if (plan.path !== undefined) {
    const [run, ...shrinks] = plan.path.split(':').map(Number);
    const index = Math.floor(run! / BATCH_RUNS);
    const firstRun = index * BATCH_RUNS;
    return [{ index, seed: batchSeed(plan.seed, index), runs: BATCH_RUNS, firstRun, path: [run! - firstRun, ...shrinks].join(':') }];
  }
  const count = Math.ceil(plan.runs / BATCH_RUNS);
  const batches: Batch[] = [];
  for (let index = 0; index < count; index++) {
    if (plan.shard !== undefined && index % plan.shard.count !== plan.shard.index - 1) continue;
    const firstRun = index * BATCH_RUNS;
    batches.push({ index, seed: batchSeed(plan.seed, index), runs: Math.min(BATCH_RUNS, plan.runs - firstRun), firstRun, path: null });
  }
  return batches;
}

/** The suite-wide path of a run found inside a batch: its run index shifted by the batch's first run. */
export function globalPath(batch: Batch, batchPath: string): string {
  const [run, ...shrinks] = batchPath.split(':');
  if (run === undefined || run === '') return String(batch.firstRun);
  return [batch.firstRun + Number(run), ...shrinks].join(':');
}

/** Batch 0 keeps the suite's seed; later ones mix it with the index (32-bit, splitmix-style). */
export function batchSeed(seed: number, index: number): number {
  if (index === 0) return seed;
  let h = (seed ^ Math.imul(index, 0x9e37_79b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35) >>> 0;
  return (h ^ (h >>> 16)) | 0;
}
