// The aligned state machine event by event: which effects each event yields, in which situation.
import { describe, expect, it } from 'vitest';
import type { Effect, TaskContext, TaskStrategy } from '../strategy.ts';
import { aligned } from './index.ts';

const twoInputs: TaskContext = { task: 3, label: 'op.0', isSource: false, inputs: [10, 11], backEdgeInputs: [], outputs: [20], options: {} };
const oneInput: TaskContext = { task: 4, label: 'sink.0', isSource: false, inputs: [12], backEdgeInputs: [], outputs: [20], options: {} };
const source: TaskContext = { task: 0, label: 'src.0', isSource: true, inputs: [], backEdgeInputs: [], outputs: [20], options: {} };

const barrier = (task: TaskStrategy, channel: number, checkpoint: number) => task.handle({ kind: 'barrierReceived', channel, checkpoint, triggeredAt: 0, priority: false });
const aborted = (task: TaskStrategy, checkpoint: number) => task.handle({ kind: 'checkpointAborted', checkpoint });
const checkpointStep = (checkpoint: number, ...unblocked: number[]): Effect[] => [
  { kind: 'snapshot', checkpoint },
  { kind: 'forwardBarrier', checkpoint },
  { kind: 'ack', checkpoint },
  ...unblocked.map((channel): Effect => ({ kind: 'unblock', channel })),
];

describe('aligned', () => {
  it('declares exactly-once and no cycle support', () => {
    expect([aligned.name, aligned.guarantee, aligned.supportsCycles]).toEqual(['aligned', 'exactly-once', false]);
  });

  it('checkpoints at once on a single input', () => {
    expect(barrier(aligned.createTask(oneInput), 12, 1)).toEqual(checkpointStep(1, 12));
  });

  it('keeps the first input paused until the barrier arrived on every input, then checkpoints atomically', () => {
    const task = aligned.createTask(twoInputs);
    expect(barrier(task, 10, 1)).toEqual([]);
    expect(barrier(task, 11, 1)).toEqual(checkpointStep(1, 10, 11));
  });

  it('aborts an older alignment locally when a newer barrier arrives, then aligns the newer one', () => {
    const task = aligned.createTask(twoInputs);
    barrier(task, 10, 1);
    expect(barrier(task, 11, 2)).toEqual([
      { kind: 'decline', checkpoint: 1, reason: 'subsumed' },
      { kind: 'forwardCancellation', checkpoint: 1 },
      { kind: 'unblock', channel: 10 },
    ]);
    expect(barrier(task, 10, 1)).toEqual([{ kind: 'unblock', channel: 10 }]);
    expect(barrier(task, 10, 2)).toEqual(checkpointStep(2, 11, 10));
  });

  it('resumes the channel of an obsolete barrier', () => {
    const task = aligned.createTask(twoInputs);
    barrier(task, 10, 2);
    barrier(task, 11, 2);
    expect(barrier(task, 10, 1)).toEqual([{ kind: 'unblock', channel: 10 }]);
    expect(barrier(task, 11, 2)).toEqual([{ kind: 'unblock', channel: 11 }]);
  });

  it('cancels its alignment when the coordinator aborts that checkpoint, and ignores its later barriers', () => {
    const task = aligned.createTask(twoInputs);
    barrier(task, 10, 1);
    expect(aborted(task, 2)).toEqual([]);
    expect(aborted(task, 1)).toEqual([{ kind: 'unblock', channel: 10 }]);
    expect(barrier(task, 11, 1)).toEqual([{ kind: 'unblock', channel: 11 }]);
  });

  it('never starts aligning a checkpoint the coordinator already aborted', () => {
    const task = aligned.createTask(twoInputs);
    expect(aborted(task, 3)).toEqual([]);
    expect(barrier(task, 10, 3)).toEqual([{ kind: 'unblock', channel: 10 }]);
    expect(barrier(task, 10, 4)).toEqual([]);
  });

  it('ignores a newer aborted checkpoint while aligning, and a completion notification always', () => {
    const task = aligned.createTask(twoInputs);
    barrier(task, 10, 1);
    aborted(task, 2);
    expect(barrier(task, 11, 2)).toEqual([{ kind: 'unblock', channel: 11 }]);
    expect(task.handle({ kind: 'checkpointCompleted', checkpoint: 1 })).toEqual([]);
    expect(barrier(task, 11, 1)).toEqual(checkpointStep(1, 10, 11));
  });

  it('snapshots, injects and acks at a source, once per checkpoint', () => {
    const task = aligned.createTask(source);
    expect(task.handle({ kind: 'checkpointTriggered', checkpoint: 2, triggeredAt: 0 })).toEqual(checkpointStep(2));
    expect(task.handle({ kind: 'checkpointTriggered', checkpoint: 1, triggeredAt: 0 })).toEqual([]);
    expect(task.handle({ kind: 'checkpointTriggered', checkpoint: 2, triggeredAt: 0 })).toEqual([]);
  });

  it('rejects a trigger at a task that is not a source', () => {
    expect(() => aligned.createTask(twoInputs).handle({ kind: 'checkpointTriggered', checkpoint: 1, triggeredAt: 0 })).toThrow(/not a source/);
  });
});

describe('aligned and cancellation markers', () => {
  const marker = (task: TaskStrategy, checkpoint: number) => task.handle({ kind: 'cancellationReceived', channel: 11, checkpoint });

  it('tells downstream when a newer barrier subsumes the alignment', () => {
    const task = aligned.createTask(twoInputs);
    barrier(task, 10, 1);
    expect(barrier(task, 11, 2)).toContainEqual({ kind: 'forwardCancellation', checkpoint: 1 });
  });

  it('cancels the alignment a marker names and passes the marker on, once', () => {
    const task = aligned.createTask(twoInputs);
    barrier(task, 10, 1);
    expect(marker(task, 1)).toEqual([{ kind: 'forwardCancellation', checkpoint: 1 }, { kind: 'unblock', channel: 10 }]);
    expect(marker(task, 1)).toEqual([]);
    expect(barrier(task, 11, 1)).toEqual([{ kind: 'unblock', channel: 11 }]);
  });

  it('remembers a marker for a checkpoint not started yet, so its barriers start nothing', () => {
    const task = aligned.createTask(twoInputs);
    expect(marker(task, 2)).toEqual([{ kind: 'forwardCancellation', checkpoint: 2 }]);
    expect(barrier(task, 10, 2)).toEqual([{ kind: 'unblock', channel: 10 }]);
  });

  it('replays whatever channel state a restore hands it', () => {
    const task = aligned.createTask(twoInputs);
    expect(task.handle({ kind: 'restored', checkpoint: 3, channelsWithState: [10] })).toEqual([{ kind: 'replayChannelState', channel: 10 }]);
  });
});
