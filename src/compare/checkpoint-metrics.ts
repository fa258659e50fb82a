// Per-checkpoint metrics, named as Flink names them, computed from the History alone (plus the
// scenario's topology, to know which task runs which operator). Ticks are simulated time.
import type { History, HistoryEvent, SnapshotState } from '../core/history.ts';
import type { CheckpointId, TaskIndex, Tick } from '../core/ids.ts';
import { SinkSnapshot } from '../dataflow/operators.ts';
import type { NodeKind } from '../dataflow/topology.ts';

export interface CheckpointMetrics {
  readonly checkpoint: CheckpointId;
  /** completed tick - triggered tick. */
  readonly end_to_end_duration: number;
  /** Max over tasks of the ticks any input of the task stayed blocked while aligning this checkpoint. */
  readonly alignment_duration: number;
  /** Max over non-source tasks of (first barrier of this checkpoint received - triggered tick). */
  readonly start_delay: number;
  /** State entries in every task snapshot of this checkpoint, plus its channel-state records. */
  readonly checkpointed_size: number;
  /** In-flight records stored as channel state of this checkpoint. */
  readonly persisted_data: number;
  /** Records processed by tasks between their first barrier of this checkpoint and their snapshot of it. */
  readonly processed_data: number;
}

interface Progress {
  triggeredAt: Tick;
  completedAt: Tick | null;
  startDelay: number;
  stateEntries: number;
  persisted: number;
  processed: number;
  /** Blocked ticks per task. */
  readonly blockedTicks: Map<TaskIndex, number>;
}

/** What one task is doing: which checkpoints it is aligning, which inputs are blocked since when. */
interface TaskView {
  /** Checkpoints whose first barrier arrived here and which this task has not snapshotted yet. */
  readonly open: Set<CheckpointId>;
  /** The newest checkpoint whose barrier arrived here: blocked time is charged to it. */
  aligning: CheckpointId;
  readonly blocked: Set<number>;
  blockedSince: Tick;
  readonly seen: Set<CheckpointId>;
}

/** Completed checkpoints' metrics, in id order. `kinds[task]` is the node kind the task runs. */
export function checkpointMetrics(history: History, kinds: readonly NodeKind[]): CheckpointMetrics[] {
  const progress = new Map<CheckpointId, Progress>();
  const tasks = kinds.map((): TaskView => ({ open: new Set(), aligning: 0, blocked: new Set(), blockedSince: 0, seen: new Set() }));
  for (const event of history) observe(event, progress, tasks, kinds);
  const lastTick = history.length === 0 ? 0 : history[history.length - 1]!.tick;
  tasks.forEach((view, task) => chargeBlocked(view, task, lastTick, progress));
  const completed: CheckpointMetrics[] = [];
  for (const [checkpoint, p] of [...progress.entries()].sort((a, b) => a[0] - b[0])) {
    if (p.completedAt === null) continue;
    completed.push({
      checkpoint,
      end_to_end_duration: p.completedAt - p.triggeredAt,
      alignment_duration: Math.max(0, ...p.blockedTicks.values()),
      start_delay: p.startDelay,
      checkpointed_size: p.stateEntries + p.persisted,
      persisted_data: p.persisted,
      processed_data: p.processed,
    });
  }
  return completed;
}

function observe(event: HistoryEvent, progress: Map<CheckpointId, Progress>, tasks: TaskView[], kinds: readonly NodeKind[]): void {
  switch (event.kind) {
    case 'triggered':
      progress.set(event.checkpoint, { triggeredAt: event.tick, completedAt: null, startDelay: 0, stateEntries: 0, persisted: 0, processed: 0, blockedTicks: new Map() });
      return;
    case 'completed':
      if (progress.has(event.checkpoint)) progress.get(event.checkpoint)!.completedAt = event.tick;
      return;
    case 'barrierReceived':
      return barrierReceived(event, progress, tasks);
    case 'blocked':
    case 'unblocked':
      return setBlocked(tasks[event.task]!, event.task, event.channel, event.kind === 'blocked', event.tick, progress);
    case 'processed':
      for (const checkpoint of tasks[event.task]!.open) bump(progress, checkpoint, (p) => p.processed++);
      return;
    case 'snapshotTaken':
      return snapshotTaken(event, progress, tasks, kinds);
    case 'channelStateRecorded':
      return bump(progress, event.checkpoint, (p) => p.persisted++);
    case 'crashed':
      // Every task stops: blocked inputs and open alignments end here (a restart starts afresh).
      tasks.forEach((view, task) => {
        chargeBlocked(view, task, event.tick, progress);
        view.blocked.clear();
        view.open.clear();
      });
      return;
    default:
      return; // other events carry nothing these metrics need
  }
}

function barrierReceived(event: Extract<HistoryEvent, { kind: 'barrierReceived' }>, progress: Map<CheckpointId, Progress>, tasks: TaskView[]): void {
  const view = tasks[event.task]!;
  if (view.seen.has(event.checkpoint)) return;
  view.seen.add(event.checkpoint);
  bump(progress, event.checkpoint, (p) => (p.startDelay = Math.max(p.startDelay, event.tick - p.triggeredAt)));
  view.open.add(event.checkpoint);
  if (event.checkpoint > view.aligning) {
    chargeBlocked(view, event.task, event.tick, progress);
    view.aligning = event.checkpoint;
  }
}

function snapshotTaken(event: Extract<HistoryEvent, { kind: 'snapshotTaken' }>, progress: Map<CheckpointId, Progress>, tasks: TaskView[], kinds: readonly NodeKind[]): void {
  const view = tasks[event.task]!;
  // This snapshot ends the alignment of its checkpoint and of any older one still open here.
  for (const checkpoint of view.open) if (checkpoint <= event.checkpoint) view.open.delete(checkpoint);
  bump(progress, event.checkpoint, (p) => (p.stateEntries += stateEntries(kinds[event.task]!, event.state.operator)));
}

function setBlocked(view: TaskView, task: TaskIndex, channel: number, blocked: boolean, tick: Tick, progress: Map<CheckpointId, Progress>): void {
  chargeBlocked(view, task, tick, progress);
  if (blocked) view.blocked.add(channel);
  else view.blocked.delete(channel);
}

/** Charge the ticks since the last change, while any input was blocked, to the checkpoint being aligned. */
function chargeBlocked(view: TaskView, task: TaskIndex, tick: Tick, progress: Map<CheckpointId, Progress>): void {
  if (view.blocked.size > 0 && tick > view.blockedSince) {
    bump(progress, view.aligning, (p) => p.blockedTicks.set(task, (p.blockedTicks.get(task) ?? 0) + tick - view.blockedSince));
  }
  view.blockedSince = tick;
}

function bump(progress: Map<CheckpointId, Progress>, checkpoint: CheckpointId, change: (p: Progress) => void): void {
  const p = progress.get(checkpoint);
  if (p !== undefined) change(p);
}

/**
 * The size measure: one entry per key of a count or sum, per (key, sender) slot of a digest, per
 * record buffered by a join; one for a source (its offset) and for a sink (its position in its
 * append-only output: the output itself is not copied into a checkpoint, as SinkSnapshot shows);
 * none for stateless operators.
 */
export function stateEntries(kind: NodeKind, state: SnapshotState): number {
  switch (kind) {
    case 'count':
    case 'sum':
    case 'digest':
      return (state as readonly unknown[]).length;
    case 'join':
      return (state as readonly [number, readonly unknown[], readonly unknown[]][]).reduce((n, [, left, right]) => n + left.length + right.length, 0);
    case 'source':
      return 1;
    case 'sink':
      return state instanceof SinkSnapshot || Array.isArray(state) ? 1 : 0;
    default:
      return 0;
  }
}
