// The History: everything a run did, in order. Oracles read only this (plus the scenario),
// never the simulator's internals. Every event is plain JSON data, so a History can be hashed,
// written to a bundle and compared across runs byte for byte.
import type { ChannelIndex, CheckpointId, TaskIndex, Tick } from './ids.ts';
import type { DataRecord } from './messages.ts';

/** An operator's captured state: canonical JSON (deterministic order), owned by the snapshot. */
export type SnapshotState = unknown;

/** What a task snapshot holds: the operator's state and the task's rebalance counters (one per output edge). */
export interface TaskSnapshot {
  readonly operator: SnapshotState;
  readonly roundRobin: readonly number[];
}

/** Injected faults, and the job failure after too many failed checkpoints (a consequence, not an injection). */
export type FaultKind = 'task-crash' | 'global-crash' | 'coordinator-crash' | 'upload-crash' | 'too-many-failed-checkpoints';

/** Why a checkpoint was aborted; names follow Flink's CheckpointFailureReason where one exists. */
export type AbortReason = 'declined' | 'subsumed' | 'expired' | 'task-failure' | 'coordinator-failure';

export type HistoryEvent =
  /** A source read its log at `offset` (before sending the record downstream). */
  | { kind: 'read'; tick: Tick; task: TaskIndex; offset: number; record: DataRecord }
  /** A record was placed into a channel (it is now in flight). */
  | { kind: 'sent'; tick: Tick; task: TaskIndex; channel: ChannelIndex; record: DataRecord }
  /** The receiver took the record from the channel head and applied its operator: receive and process are one atomic step. */
  | { kind: 'processed'; tick: Tick; task: TaskIndex; channel: ChannelIndex; record: DataRecord }
  /** A priority (unaligned) barrier overtakes the data queued in its channel. */
  | { kind: 'barrierSent'; tick: Tick; task: TaskIndex; channel: ChannelIndex; checkpoint: CheckpointId; priority: boolean }
  | { kind: 'barrierReceived'; tick: Tick; task: TaskIndex; channel: ChannelIndex; checkpoint: CheckpointId; priority: boolean }
  | { kind: 'cancellationSent'; tick: Tick; task: TaskIndex; channel: ChannelIndex; checkpoint: CheckpointId }
  | { kind: 'cancellationReceived'; tick: Tick; task: TaskIndex; channel: ChannelIndex; checkpoint: CheckpointId }
  | { kind: 'sourcePaused'; tick: Tick; task: TaskIndex }
  | { kind: 'sourceResumed'; tick: Tick; task: TaskIndex }
  /** Consumption of `channel` paused (by a dequeued barrier, or a strategy's block effect). */
  | { kind: 'blocked'; tick: Tick; task: TaskIndex; channel: ChannelIndex }
  | { kind: 'unblocked'; tick: Tick; task: TaskIndex; channel: ChannelIndex }
  /** Synchronous capture of a task's state; `sourceOffset` is the next offset a source will read. */
  | { kind: 'snapshotTaken'; tick: Tick; task: TaskIndex; checkpoint: CheckpointId; state: TaskSnapshot; sourceOffset: number | null }
  /**
   * A record stored as channel state of `checkpoint` for `channel` (in-flight data; none for aligned),
   * by the sender or the receiver. `position` is its send index on the channel in this attempt: channel
   * state is in channel order by position, whatever order it was recorded in.
   */
  | { kind: 'channelStateRecorded'; tick: Tick; task: TaskIndex; checkpoint: CheckpointId; channel: ChannelIndex; record: DataRecord; position: number }
  /** At a restore, a record of the restored checkpoint's channel state re-entered `channel` ahead of live data. */
  | { kind: 'reinjected'; tick: Tick; channel: ChannelIndex; record: DataRecord }
  /** The asynchronous write of a task's snapshot finished; only now is it durable. */
  | { kind: 'uploaded'; tick: Tick; task: TaskIndex; checkpoint: CheckpointId }
  /** The coordinator received a task's acknowledgement. */
  | { kind: 'acked'; tick: Tick; task: TaskIndex; checkpoint: CheckpointId }
  /** The coordinator received a task's decline. */
  | { kind: 'declined'; tick: Tick; task: TaskIndex; checkpoint: CheckpointId; reason: string }
  | { kind: 'triggered'; tick: Tick; checkpoint: CheckpointId }
  /** A lost-trigger fault: the trigger RPC of `checkpoint` to source task `to` was lost (the task never saw it). */
  | { kind: 'triggerLost'; tick: Tick; to: TaskIndex; checkpoint: CheckpointId }
  | { kind: 'completed'; tick: Tick; checkpoint: CheckpointId }
  | { kind: 'aborted'; tick: Tick; checkpoint: CheckpointId; reason: AbortReason }
  /** A task received the coordinator's notification about a checkpoint's outcome. */
  | { kind: 'notified'; tick: Tick; task: TaskIndex; checkpoint: CheckpointId; outcome: 'completed' | 'aborted' }
  /** A fault fired. Every crash fails the whole job over (all tasks restart). */
  | { kind: 'crashed'; tick: Tick; fault: FaultKind; task: TaskIndex | null }
  /** Every task restarted from `checkpoint` (null: from the initial state); `attempt` counts restarts. */
  | { kind: 'restored'; tick: Tick; checkpoint: CheckpointId | null; attempt: number }
  /** From here on no fault fires: the liveness phase. */
  | { kind: 'livenessPhaseStarted'; tick: Tick }
  /** The job drained in the liveness phase; the final checkpoint (the next triggered) must complete. */
  | { kind: 'drained'; tick: Tick }
  /** Every source is exhausted, every channel empty and unblocked, no checkpoint pending. */
  | { kind: 'quiesced'; tick: Tick }
  /** The liveness phase ended without quiescence: a deadlock, or the tick bound was exceeded. */
  | { kind: 'stuck'; tick: Tick; reason: string }
  /** Final state of a task, recorded once at the end of the run. */
  | { kind: 'finalState'; tick: Tick; task: TaskIndex; state: TaskSnapshot; sourceOffset: number | null };

export type HistoryEventKind = HistoryEvent['kind'];

export type EventOf<K extends HistoryEventKind> = Extract<HistoryEvent, { kind: K }>;

export type History = readonly HistoryEvent[];
