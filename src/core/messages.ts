// What travels on channels: data records, checkpoint barriers and cancellation markers.
import type { CheckpointId, RecordId, Tick } from './ids.ts';

export interface DataRecord {
  readonly id: RecordId;
  readonly key: number;
  readonly value: number;
}

/** A record with its position in its channel: its send index among the channel's data records in this attempt. */
export interface PositionedRecord {
  readonly record: DataRecord;
  readonly position: number;
}

export class Barrier {
  constructor(
    readonly checkpoint: CheckpointId,
    /** When the coordinator triggered the checkpoint: alignment timeouts count from here. */
    readonly triggeredAt: Tick,
    /** An unaligned barrier: it overtakes the data queued in its channel. */
    readonly priority: boolean,
    /** Priority barriers only: the overtaken records that had already reached the receiver (its input buffer). */
    readonly overtakenInput: readonly PositionedRecord[] = [],
  ) {}
}

/** Tells downstream tasks that a checkpoint was declined upstream (Flink's CancelCheckpointMarker). */
export class CancellationMarker {
  constructor(readonly checkpoint: CheckpointId) {}
}

export type ChannelMessage = DataRecord | Barrier | CancellationMarker;

export function isBarrier(message: ChannelMessage): message is Barrier {
  return message instanceof Barrier;
}

export function isCancellation(message: ChannelMessage): message is CancellationMarker {
  return message instanceof CancellationMarker;
}

export function isRecord(message: ChannelMessage): message is DataRecord {
  return !(message instanceof Barrier) && !(message instanceof CancellationMarker);
}
