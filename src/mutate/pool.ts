// A pool of mutation workers (one per core by default). Each job is one mutant with the suites
// that judge it; every suite gets its own time budget. A suite that overruns it is "timed out": the
// worker is terminated (a run cannot be interrupted from inside), a fresh one starts, and the
// mutant's remaining suites go back to the front of the queue.
import { Worker } from 'node:worker_threads';
import { RUNNING_FROM_SOURCE } from '../modules/package-paths.ts';
import type { Verdict } from './kill.ts';
import type { JobMessage, WorkerInit, WorkerReply } from './protocol.ts';

export type JudgeOutcome = Verdict | { readonly status: 'timed-out'; readonly budgetMs: number };

export type JobResult =
  | { readonly kind: 'did-not-compile'; readonly detail: string; readonly elapsedMs: number }
  | { readonly kind: 'judged'; readonly outcomes: ReadonlyMap<string, JudgeOutcome>; readonly elapsedMs: number };

interface Pending {
  readonly job: JobMessage;
  readonly startedAt: number;
  readonly outcomes: Map<string, JudgeOutcome>;
  readonly resolve: (result: JobResult) => void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
  judging: string | null;
}

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);
// From source, a user's unchanged files that import `snapcheck` must get the sources too, as the
// package's "snapcheck-source" export condition gives them.
const WORKER_EXEC_ARGV = RUNNING_FROM_SOURCE ? [...process.execArgv, '--conditions=snapcheck-source'] : process.execArgv;

export class MutationPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[] = [];
  private closed = false;

  constructor(
    private readonly init: WorkerInit,
    size: number,
    private readonly budgetMs: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(job: JobMessage): Promise<JobResult> {
    return new Promise((resolve) => {
      this.queue.push({ job, startedAt: performance.now(), outcomes: new Map(), resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(WORKER_ENTRY, { workerData: this.init, execArgv: WORKER_EXEC_ARGV }), current: null, timer: null, judging: null };
    slot.worker.on('message', (reply: WorkerReply) => this.received(slot, reply));
    slot.worker.on('error', (error) => this.failed(slot, error));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current !== null) continue;
      const next = this.queue.shift();
      if (next === undefined) return;
      slot.current = next;
      slot.worker.postMessage(next.job);
      this.arm(slot); // compiling and loading count against the first suite's budget
    }
  }

  private arm(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.timedOut(slot), this.budgetMs);
  }

  private received(slot: Slot, reply: WorkerReply): void {
    const pending = slot.current;
    if (reply.kind === 'ready' || pending === null || pending.job.jobId !== reply.jobId) return;
    if (reply.kind === 'judging') {
      slot.judging = reply.judge;
      this.arm(slot);
    } else if (reply.kind === 'judged') {
      pending.outcomes.set(reply.judge, reply.verdict);
    } else if (reply.kind === 'compile-error') {
      this.finish(slot, { kind: 'did-not-compile', detail: reply.detail, elapsedMs: performance.now() - pending.startedAt });
    } else if (reply.kind === 'done' && slot.current === pending) {
      this.finish(slot, { kind: 'judged', outcomes: pending.outcomes, elapsedMs: performance.now() - pending.startedAt });
    }
  }

  private finish(slot: Slot, result: JobResult): void {
    const pending = slot.current!;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.current = null;
    slot.timer = null;
    slot.judging = null;
    pending.resolve(result);
    this.dispatch();
  }

  /** The running suite overran its budget: record it, replace the worker, re-queue the rest. */
  private timedOut(slot: Slot): void {
    const pending = slot.current;
    if (pending === null || this.closed) return;
    const judge = slot.judging ?? pending.job.judges.find((j) => !pending.outcomes.has(j.name))?.name;
    if (judge !== undefined) pending.outcomes.set(judge, { status: 'timed-out', budgetMs: this.budgetMs });
    this.replace(slot);
    const remaining = pending.job.judges.filter((j) => !pending.outcomes.has(j.name));
    if (remaining.length === 0) return pending.resolve({ kind: 'judged', outcomes: pending.outcomes, elapsedMs: performance.now() - pending.startedAt });
    this.queue.unshift({ ...pending, job: { ...pending.job, judges: remaining, compile: slot.judging === null ? pending.job.compile : false } });
    this.dispatch();
  }

  private failed(slot: Slot, error: Error): void {
    const pending = slot.current;
    this.replace(slot);
    pending?.resolve({ kind: 'did-not-compile', detail: `worker crashed: ${error.message}`, elapsedMs: performance.now() - pending.startedAt });
    this.dispatch();
  }

  private replace(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    this.slots[index] = this.spawn();
  }
}
