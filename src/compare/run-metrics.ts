// Per-run metrics, from the History alone (and, for duplicates, the failure-free reference of the
// scenario): how fast the job went, what recovery cost, and what a sink saw twice.
import type { History, HistoryEvent, SnapshotState } from '../core/history.ts';
import type { CheckpointId, TaskIndex, Tick } from '../core/ids.ts';
import { sinkTriples } from '../dataflow/operators.ts';

export interface RunTotals {
  /** Distinct source records read (each (source subtask, offset) once). */
  readonly records_read: number;
  /** Tick of the last record processed anywhere: when the job's output was complete. */
  readonly makespan_ticks: number;
  /** records_read / makespan_ticks. */
  readonly throughput: number;
  /** Source reads of an offset read before (rewinds), plus channel-state records re-injected at restores. */
  readonly records_replayed: number;
  /** Ticks from each crash until every source has read again everything it had read before it, summed. */
  readonly recovery_duration: number;
  readonly crashes: number;
  /** Copies in the final sink states beyond what the failure-free reference puts there. */
  readonly duplicates: number;
  readonly checkpoints_triggered: number;
  readonly checkpoints_completed: number;
  readonly checkpoints_aborted: number;
}

/** `sinkTasks`: task indices of each sink node by node id; `reference`: node id -> reference final state. */
export function runTotals(history: History, sourceTasks: readonly TaskIndex[], sinkTasks: ReadonlyMap<string, readonly TaskIndex[]>, reference: ReadonlyMap<string, SnapshotState>): RunTotals {
  const reads = readTotals(history);
  const counts = { triggered: 0, completed: 0, aborted: 0, crashes: 0 };
  for (const event of history) {
    if (event.kind === 'triggered') counts.triggered++;
    else if (event.kind === 'completed') counts.completed++;
    else if (event.kind === 'aborted') counts.aborted++;
    else if (event.kind === 'crashed') counts.crashes++;
  }
  return {
    records_read: reads.distinct,
    makespan_ticks: reads.makespan,
    throughput: reads.distinct / Math.max(1, reads.makespan),
    records_replayed: reads.replayed,
    recovery_duration: recoveryTicks(history, sourceTasks),
    crashes: counts.crashes,
    duplicates: duplicates(history, sinkTasks, reference),
    checkpoints_triggered: counts.triggered,
    checkpoints_completed: counts.completed,
    checkpoints_aborted: counts.aborted,
  };
}

function readTotals(history: History): { distinct: number; replayed: number; makespan: Tick } {
  const seen = new Set<string>();
  let replayed = 0;
  let makespan = 0;
  for (const event of history) {
    if (event.kind === 'read') {
      const key = `${event.task}:${event.offset}`;
      if (seen.has(key)) replayed++;
      else seen.add(key);
      makespan = Math.max(makespan, event.tick);
    } else if (event.kind === 'reinjected') replayed++;
    else if (event.kind === 'processed') makespan = Math.max(makespan, event.tick);
  }
  return { distinct: seen.size, replayed, makespan };
}

/**
 * A recovery starts at a crash and ends when every source has read again up to the highest offset
 * it had read before the crash (catching up); a crash during a recovery extends it. Unfinished at
 * the end of the History, it counts until the last event.
 */
function recoveryTicks(history: History, sourceTasks: readonly TaskIndex[]): number {
  const highWater = new Map<TaskIndex, number>(sourceTasks.map((t) => [t, 0]));
  const snapshotOffsets = new Map<string, number>();
  let target: Map<TaskIndex, number> | null = null;
  let pending = new Set<TaskIndex>();
  let startedAt: Tick = 0;
  let total = 0;
  const finish = (tick: Tick) => {
    total += tick - startedAt;
    target = null;
  };
  for (const event of history) {
    if (event.kind === 'read') {
      highWater.set(event.task, Math.max(highWater.get(event.task) ?? 0, event.offset + 1));
      if (target !== null && event.offset + 1 >= (target.get(event.task) ?? 0) && pending.delete(event.task) && pending.size === 0) finish(event.tick);
    } else if (event.kind === 'snapshotTaken' && event.sourceOffset !== null) {
      snapshotOffsets.set(`${event.checkpoint}:${event.task}`, event.sourceOffset);
    } else if (event.kind === 'crashed') {
      if (target === null) startedAt = event.tick;
      target = new Map(highWater);
      pending = new Set();
    } else if (event.kind === 'restored' && target !== null) {
      pending = behind(target, sourceTasks, snapshotOffsets, event.checkpoint);
      if (pending.size === 0) finish(event.tick);
    }
  }
  if (target !== null && history.length > 0) finish(history[history.length - 1]!.tick);
  return total;
}

/** Sources whose restored offset is below the offset they must reach again. */
function behind(target: ReadonlyMap<TaskIndex, number>, sourceTasks: readonly TaskIndex[], snapshotOffsets: ReadonlyMap<string, number>, checkpoint: CheckpointId | null): Set<TaskIndex> {
  const pending = new Set<TaskIndex>();
  for (const task of sourceTasks) {
    const restoredAt = checkpoint === null ? 0 : (snapshotOffsets.get(`${checkpoint}:${task}`) ?? 0);
    if (restoredAt < (target.get(task) ?? 0)) pending.add(task);
  }
  return pending;
}

function duplicates(history: History, sinkTasks: ReadonlyMap<string, readonly TaskIndex[]>, reference: ReadonlyMap<string, SnapshotState>): number {
  const finals = new Map<TaskIndex, Extract<HistoryEvent, { kind: 'finalState' }>>();
  for (const event of history) if (event.kind === 'finalState') finals.set(event.task, event);
  let extra = 0;
  for (const [sink, tasks] of sinkTasks) {
    const expected = countIds([reference.get(sink) ?? []]);
    const actual = countIds(tasks.flatMap((t) => (finals.has(t) ? [finals.get(t)!.state.operator] : [])));
    for (const [id, copies] of actual) extra += Math.max(0, copies - (expected.get(id) ?? 0));
  }
  return extra;
}

function countIds(sinkStates: readonly SnapshotState[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const state of sinkStates) for (const [id] of sinkTriples(state)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
