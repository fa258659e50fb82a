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

/** What travels on a channel besides records. A field, not instanceof: the hot loop checks it per message. */
export abstract class ControlMessage {
  readonly control = true;
}

export class Barrier extends ControlMessage {
  constructor(
    readonly checkpoint: CheckpointId,
    /** When the coordinator triggered the checkpoint: alignment timeouts count from here. */
    readonly triggeredAt: Tick,
    /** An unaligned barrier: it overtakes the data queued in its channel. */
    readonly priority: boolean,
    /** Priority barriers only: the overtaken records that had already reached the receiver (its input buffer). */
    readonly overtakenInput: readonly PositionedRecord[] = [],
  ) {
    super();
  }
}

/** Tells downstream tasks that a checkpoint was declined upstream (Flink's CancelCheckpointMarker). */
export class CancellationMarker extends ControlMessage {
  constructor(readonly checkpoint: CheckpointId) {
    super();
  }
}

export type ChannelMessage = DataRecord | Barrier | CancellationMarker;

export function isBarrier(message: ChannelMessage): message is Barrier {
  return message instanceof Barrier;
}

export function isCancellation(message: ChannelMessage): message is CancellationMarker {
  return message instanceof CancellationMarker;
}

export function isRecord(message: ChannelMessage): message is DataRecord {
  return (message as Partial<ControlMessage>).control !== true;
}
