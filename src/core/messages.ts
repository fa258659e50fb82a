// What travels on channels: data records and checkpoint barriers.
import type { CheckpointId, RecordId } from './ids.ts';

export interface DataRecord {
  readonly id: RecordId;
  readonly key: number;
  readonly value: number;
}

export interface BarrierMessage {
  readonly barrier: CheckpointId;
}

export type ChannelMessage = DataRecord | BarrierMessage;

export function isBarrier(message: ChannelMessage): message is BarrierMessage {
  return (message as BarrierMessage).barrier !== undefined;
}
