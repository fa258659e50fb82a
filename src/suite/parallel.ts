// Suites over worker threads: every (strategy, batch) is a unit of work, queued strategy by
// strategy and batch by batch, taken by the next free worker. A suite is decided once the batch
// that found its first counterexample (by index) and every batch before it are in; its later batches
// are dropped from the queue or stopped. The result is combineBatches over the same batches a
// serial run counts, so `--workers N` gives what `--workers 1` gives, byte for byte.
import { Worker } from 'node:worker_threads';
import { RUNNING_FROM_SOURCE } from '../modules/package-paths.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { planBatches, type Batch } from './batches.ts';
import { combineBatches, type BatchResult, type SeededSuiteOptions, type SuiteResult } from './suite.ts';

/** Where a worker finds the strategy: a built-in by name, or a user's module by absolute path. */
export type StrategySource = { readonly kind: 'built-in'; readonly name: string } | { readonly kind: 'module'; readonly path: string };

/** Options a worker can receive: plain data, no callbacks. */
export type PortableSuiteOptions = Omit<SeededSuiteOptions, 'onEvaluated'>;

export interface SuiteJob {
  readonly source: StrategySource;
  /** The main thread's copy, for combining (its name, guarantee and declared properties). */
  readonly strategy: CheckpointStrategy;
  readonly options: PortableSuiteOptions;
}

export type SuiteOutcome = { readonly ok: true; readonly result: SuiteResult } | { readonly ok: false; readonly error: Error };

export interface ParallelOptions {
  readonly workers: number;
  /** Scenarios evaluated so far over all suites (runs and shrink steps). */
  readonly onEvaluated?: (evaluated: number) => void;
  /** A suite is decided (called in job order: suite i only after every suite before it). */
  readonly onSuite?: (index: number, outcome: SuiteOutcome) => void;
}

export interface WorkUnit {
  readonly id: number;
  readonly job: number;
  readonly source: StrategySource;
  readonly options: PortableSuiteOptions;
  readonly batch: Batch;
}

export type WorkerReply =
  | { readonly kind: 'progress'; readonly unit: number; readonly evaluated: number }
  | { readonly kind: 'done'; readonly unit: number; readonly result: BatchResult }
  | { readonly kind: 'failed'; readonly unit: number; readonly name: string; readonly message: string };

interface Slot {
  worker: Worker;
  unit: WorkUnit | null;
  evaluated: number;
}

const WORKER_ENTRY = new URL('./batch-worker-entry.mjs', import.meta.url);

interface JobState {
  readonly planned: readonly Batch[];
  readonly results: Map<number, BatchResult>;
  /** Batches whose worker failed or stopped: they decide like a finding, in batch order. */
  readonly errors: Map<number, Error>;
  decided: SuiteOutcome | null;
}

export async function runSuitesInParallel(jobs: readonly SuiteJob[], options: ParallelOptions): Promise<SuiteOutcome[]> {
  const states: JobState[] = jobs.map((job) => ({ planned: planBatches(job.options), results: new Map(), errors: new Map(), decided: null }));
  let nextId = 0;
  const queue: WorkUnit[] = jobs.flatMap((job, j) => states[j]!.planned.map((batch) => ({ id: nextId++, job: j, source: job.source, options: job.options, batch })));
  let evaluatedDone = 0;
  let reported = 0;
  return new Promise<SuiteOutcome[]>((resolve) => {
    const slots: Slot[] = [];
    const progress = () => options.onEvaluated?.(evaluatedDone + slots.reduce((n, s) => n + s.evaluated, 0));
    const finish = () => {
      while (reported < jobs.length && states[reported]!.decided !== null) {
        options.onSuite?.(reported, states[reported]!.decided!);
        reported++;
      }
      if (reported < jobs.length) return false;
      for (const slot of slots) void slot.worker.terminate();
      resolve(states.map((s) => s.decided!));
      return true;
    };
    const decide = (j: number) => {
      const state = states[j]!;
      if (state.decided !== null) return;
      const outcome = decidedOutcome(jobs[j]!, state);
      if (outcome === null) return;
      state.decided = outcome;
      dropLaterUnits(j);
    };
    const dropLaterUnits = (j: number) => {
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.job === j) queue.splice(i, 1);
      for (const slot of slots) if (slot.unit?.job === j) restart(slot);
    };
    const restart = (slot: Slot) => {
      void slot.worker.terminate();
      slot.unit = null;
      slot.evaluated = 0;
      attach(slot, spawn());
    };
    const dispatch = (slot: Slot) => {
      const unit = queue.shift();
      if (unit === undefined) return;
      slot.unit = unit;
      slot.evaluated = 0;
      slot.worker.postMessage(unit);
    };
    const received = (slot: Slot, reply: WorkerReply) => {
      const unit = slot.unit;
      if (unit === null || reply.unit !== unit.id) return; // a stopped unit's late message
      if (reply.kind === 'progress') {
        slot.evaluated = reply.evaluated;
        return progress();
      }
      evaluatedDone += reply.kind === 'done' ? reply.result.evaluated : slot.evaluated;
      slot.unit = null;
      slot.evaluated = 0;
      const state = states[unit.job]!;
      if (reply.kind === 'done') state.results.set(unit.batch.index, reply.result);
      else state.errors.set(unit.batch.index, Object.assign(new Error(reply.message), { name: reply.name }));
      decide(unit.job);
      progress();
      if (!finish()) dispatch(slot);
    };
    const crashed = (slot: Slot, error: Error) => {
      const unit = slot.unit;
      slot.unit = null;
      slot.evaluated = 0;
      if (unit !== null) {
        states[unit.job]!.errors.set(unit.batch.index, new Error(`a suite worker stopped while checking ${describeSource(unit.source)}: ${error.message}`));
        decide(unit.job);
      }
      if (!finish()) restart(slot);
    };
    const attach = (slot: Slot, worker: Worker) => {
      slot.worker = worker;
      worker.on('message', (reply: WorkerReply) => received(slot, reply));
      worker.on('error', (error) => crashed(slot, error));
      dispatch(slot);
    };
    if (finish()) return;
    const count = Math.max(1, Math.min(options.workers, queue.length));
    for (let i = 0; i < count; i++) {
      const slot: Slot = { worker: null as unknown as Worker, unit: null, evaluated: 0 };
      slots.push(slot);
      attach(slot, spawn());
    }
  });
}

function spawn(): Worker {
  // From source, the worker runs the TypeScript files through tsx, and a user's module that imports
  // `snapcheck` gets the sources too (the package's "snapcheck-source" export condition).
  const execArgv = RUNNING_FROM_SOURCE ? [...process.execArgv, '--conditions=snapcheck-source'] : process.execArgv;
  return new Worker(WORKER_ENTRY, { execArgv });
}

/** A job is decided once every batch up to its first finding (or failure) is in, or every batch is. */
function decidedOutcome(job: SuiteJob, state: JobState): SuiteOutcome | null {
  const decisive = state.planned.findIndex((b) => state.errors.has(b.index) || (state.results.get(b.index)?.outcome.kind ?? 'passed') !== 'passed');
  const needed = decisive === -1 ? state.planned : state.planned.slice(0, decisive + 1);
  if (!needed.every((b) => state.results.has(b.index) || state.errors.has(b.index))) return null;
  const error = decisive === -1 ? undefined : state.errors.get(state.planned[decisive]!.index);
  if (error !== undefined) return { ok: false, error };
  try {
    return { ok: true, result: combineBatches(job.strategy, job.options, needed.map((b) => state.results.get(b.index)!)) };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

export function describeSource(source: StrategySource): string {
  return source.kind === 'built-in' ? source.name : `strategy module ${source.path}`;
}
