// The checkpoint coordinator: triggers checkpoints at the sources, collects acks, completes
// (subsuming older pending checkpoints), aborts on decline or timeout, and notifies every task.
// Its id counter is durable: ids strictly increase across coordinator crashes.
import type { AbortReason } from '../core/history.ts';
import type { CheckpointId, TaskIndex, Tick } from '../core/ids.ts';
import { failOver } from './recovery.ts';
import type { World } from './world.ts';

interface PendingCheckpoint {
  readonly acked: Set<TaskIndex>;
}

/** Abort reasons that count toward the tolerable-failed-checkpoints limit (as in Flink's CheckpointFailureManager). */
const COUNTED_FAILURES: ReadonlySet<AbortReason> = new Set(['declined', 'expired']);

export const NOTIFY_COMPLETED = 0;
export const NOTIFY_ABORTED = 1;

export class Coordinator {
  private lastId: CheckpointId = 0;
  private readonly pending = new Map<CheckpointId, PendingCheckpoint>();
  /** Trigger ticks of every checkpoint of this run (kept after completion: barriers carry them). */
  private readonly triggerTicks = new Map<CheckpointId, Tick>();
  /** Consecutive counted failures since the last completed checkpoint. */
  private consecutiveFailures = 0;

  constructor(private readonly world: World) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  triggeredAt(checkpoint: CheckpointId): Tick | undefined {
    return this.triggerTicks.get(checkpoint);
  }

  /**
   * Start the next checkpoint, unless the job is failing over (Flink triggers only running jobs).
   * `expires: false` is for the final checkpoint: it must complete, however long the strategy takes.
   */
  trigger(expires = true): CheckpointId | null {
    const world = this.world;
    if (world.down) return null;
    const id = ++this.lastId;
    this.pending.set(id, { acked: new Set() });
    this.triggerTicks.set(id, world.tick);
    world.record({ kind: 'triggered', tick: world.tick, checkpoint: id });
    if (expires) world.schedule('checkpointExpired', world.tick + world.scenario.timing.checkpointTimeoutTicks, -1, id);
    for (const source of world.sources) {
      const rpc = world.triggersSent++;
      if (world.faultsEnabled && world.lostTriggers.has(rpc)) world.record({ kind: 'triggerLost', tick: world.tick, to: source.physical.index, checkpoint: id });
      else world.schedule('triggerArrived', world.rpcArrival(), source.physical.index, id, world.tick);
    }
    return id;
  }

  ackArrived(task: TaskIndex, checkpoint: CheckpointId): void {
    const world = this.world;
    world.record({ kind: 'acked', tick: world.tick, task, checkpoint });
    const pending = this.pending.get(checkpoint);
    if (!pending) return; // late ack of an aborted or subsumed checkpoint (Flink: DISCARDED)
    pending.acked.add(task);
    if (pending.acked.size === world.tasks.length) this.complete(checkpoint);
  }

  declineArrived(task: TaskIndex, checkpoint: CheckpointId, reason: string): void {
    const world = this.world;
    world.record({ kind: 'declined', tick: world.tick, task, checkpoint, reason });
    if (this.pending.has(checkpoint)) this.abort(checkpoint, 'declined');
  }

  expired(checkpoint: CheckpointId): void {
    if (this.pending.has(checkpoint)) this.abort(checkpoint, 'expired');
  }

  /** At a failover every pending checkpoint is lost. No notifications: the tasks are gone. */
  abortAllPending(reason: AbortReason): void {
    const world = this.world;
    for (const id of [...this.pending.keys()].sort((a, b) => a - b)) {
      world.storage.discard(id);
      world.record({ kind: 'aborted', tick: world.tick, checkpoint: id, reason });
    }
    this.pending.clear();
  }

  private complete(checkpoint: CheckpointId): void {
    const world = this.world;
    world.storage.complete(checkpoint, world.tasks.length);
    this.pending.delete(checkpoint);
    this.consecutiveFailures = 0;
    world.record({ kind: 'completed', tick: world.tick, checkpoint });
    for (const older of [...this.pending.keys()].sort((a, b) => a - b)) {
      if (older < checkpoint) this.abort(older, 'subsumed');
    }
    this.notifyAll(checkpoint, NOTIFY_COMPLETED);
  }

  private abort(checkpoint: CheckpointId, reason: AbortReason): void {
    const world = this.world;
    this.pending.delete(checkpoint);
    world.storage.discard(checkpoint);
    world.record({ kind: 'aborted', tick: world.tick, checkpoint, reason });
    this.notifyAll(checkpoint, NOTIFY_ABORTED);
    if (COUNTED_FAILURES.has(reason)) this.countFailure();
  }

  /** One failure more than tolerated fails the job over, as Flink's CheckpointFailureManager does. */
  private countFailure(): void {
    const tolerable = this.world.scenario.timing.tolerableFailedCheckpoints;
    this.consecutiveFailures++;
    if (tolerable === undefined || this.consecutiveFailures <= tolerable) return;
    this.consecutiveFailures = 0;
    failOver(this.world, 'too-many-failed-checkpoints', null);
  }

  private notifyAll(checkpoint: CheckpointId, outcome: number): void {
    const world = this.world;
    for (const task of world.tasks) world.schedule('notificationArrived', world.rpcArrival(), task.physical.index, checkpoint, outcome);
  }
}
