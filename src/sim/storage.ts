// Snapshot storage. A task's snapshot is captured synchronously and written asynchronously; only a
// finished write is durable. A checkpoint is complete when the coordinator has every ack; a crash
// discards every write not yet part of a completed checkpoint, so a torn snapshot is never used.
import { assert } from '../core/assert.ts';
import type { CheckpointId, TaskIndex } from '../core/ids.ts';
import type { TaskSnapshot } from '../core/history.ts';
import type { DataRecord } from '../core/messages.ts';

export interface ChannelStateEntry {
  readonly channel: number;
  readonly record: DataRecord;
  /** Position in the channel: restores replay a channel's state sorted by it. */
  readonly position: number;
}

export interface SnapshotPart {
  readonly state: TaskSnapshot;
  readonly sourceOffset: number | null;
  /** In-flight records stored by this task (empty for aligned strategies), in the order recorded. */
  readonly channelState: ChannelStateEntry[];
  written: boolean;
}

export interface CompletedCheckpoint {
  readonly id: CheckpointId;
  readonly parts: ReadonlyMap<TaskIndex, SnapshotPart>;
}

export class SnapshotStorage {
  private readonly inFlight = new Map<CheckpointId, Map<TaskIndex, SnapshotPart>>();
  private readonly completed: CompletedCheckpoint[] = [];

  beginWrite(task: TaskIndex, checkpoint: CheckpointId, state: TaskSnapshot, sourceOffset: number | null): SnapshotPart {
    let parts = this.inFlight.get(checkpoint);
    if (!parts) this.inFlight.set(checkpoint, (parts = new Map()));
    const part: SnapshotPart = { state, sourceOffset, channelState: [], written: false };
    parts.set(task, part);
    return part;
  }

  part(task: TaskIndex, checkpoint: CheckpointId): SnapshotPart | undefined {
    return this.inFlight.get(checkpoint)?.get(task);
  }

  finishWrite(task: TaskIndex, checkpoint: CheckpointId): void {
    const part = this.part(task, checkpoint);
    assert(part !== undefined, `write of checkpoint ${checkpoint} by task ${task} finished but was never started`);
    part.written = true;
  }

  /** Every task's part must be written: the coordinator completes only after every ack. */
  complete(checkpoint: CheckpointId, taskCount: number): void {
    const parts = this.inFlight.get(checkpoint) ?? new Map<TaskIndex, SnapshotPart>();
    for (let t = 0; t < taskCount; t++) {
      assert(parts.get(t)?.written === true, `checkpoint ${checkpoint} completed without a written snapshot of task ${t}`);
    }
    this.inFlight.delete(checkpoint);
    this.completed.push({ id: checkpoint, parts });
  }

  discard(checkpoint: CheckpointId): void {
    this.inFlight.delete(checkpoint);
  }

  /** A crash loses every write in flight; completed checkpoints are durable. */
  dropInFlight(): void {
    this.inFlight.clear();
  }

  latest(): CompletedCheckpoint | undefined {
    return this.completed[this.completed.length - 1];
  }
}
