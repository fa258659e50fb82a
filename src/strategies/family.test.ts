// The barrier tracker, Chandy-Lamport, sync and aligned-cyclic, event by event.
import { describe, expect, it } from 'vitest';
import { alignedCyclic } from './aligned-cyclic/index.ts';
import { atLeastOnce } from './at-least-once/index.ts';
import { chandyLamport } from './chandy-lamport/index.ts';
import type { TaskContext, TaskStrategy } from './strategy.ts';
import { sync } from './sync/index.ts';

const context = (inputs: number[], backEdgeInputs: number[] = [], isSource = false): TaskContext => ({
  task: 1,
  label: 'op.0',
  isSource,
  inputs,
  backEdgeInputs,
  outputs: [30],
  options: {},
});
const barrier = (task: TaskStrategy, channel: number, checkpoint: number) => task.handle({ kind: 'barrierReceived', channel, checkpoint, triggeredAt: 0, priority: false });
const record = (task: TaskStrategy, channel: number) => task.handle({ kind: 'recordReceived', channel, record: { id: 'r', key: 0, value: 0 } });
const kinds = (effects: readonly { kind: string }[]) => effects.map((e) => e.kind);

describe('at-least-once', () => {
  it('never keeps an input paused, and snapshots once every barrier arrived', () => {
    const task = atLeastOnce.createTask(context([10, 11]));
    expect(barrier(task, 10, 1)).toEqual([{ kind: 'unblock', channel: 10 }]);
    expect(kinds(barrier(task, 11, 1))).toEqual(['unblock', 'snapshot', 'forwardBarrier', 'ack']);
  });

  it('drops a count the coordinator aborted, and older counts once a newer checkpoint is taken', () => {
    const task = atLeastOnce.createTask(context([10, 11]));
    barrier(task, 10, 1);
    task.handle({ kind: 'checkpointAborted', checkpoint: 1 });
    expect(barrier(task, 11, 1)).toEqual([{ kind: 'unblock', channel: 11 }]);
    barrier(task, 10, 2);
    expect(kinds(barrier(task, 11, 2))).toEqual(['unblock', 'snapshot', 'forwardBarrier', 'ack']);
    expect(barrier(task, 10, 2)).toEqual([{ kind: 'unblock', channel: 10 }]);
  });
});

describe('chandy-lamport', () => {
  it('records state on the first marker, then every other input until its marker', () => {
    const task = chandyLamport.createTask(context([10, 11]));
    expect(kinds(barrier(task, 10, 1))).toEqual(['unblock', 'snapshot', 'forwardBarrier']);
    expect(record(task, 11)).toEqual([{ kind: 'persistReceived', checkpoint: 1 }]);
    expect(record(task, 10)).toEqual([]);
    expect(barrier(task, 11, 1)).toEqual([{ kind: 'unblock', channel: 11 }, { kind: 'ack', checkpoint: 1 }]);
  });

  it('runs concurrent snapshots, recording a record for each that still waits on its input', () => {
    const task = chandyLamport.createTask(context([10, 11]));
    barrier(task, 10, 1);
    barrier(task, 10, 2);
    expect(record(task, 11)).toEqual([{ kind: 'persistReceived', checkpoint: 1 }, { kind: 'persistReceived', checkpoint: 2 }]);
  });

  it('acknowledges at once with a single input', () => {
    expect(kinds(barrier(chandyLamport.createTask(context([10])), 10, 1))).toEqual(['unblock', 'snapshot', 'forwardBarrier', 'ack']);
  });
});

describe('sync', () => {
  it('pauses a source at the trigger and resumes it when that checkpoint completes', () => {
    const task = sync.createTask(context([], [], true));
    expect(kinds(task.handle({ kind: 'checkpointTriggered', checkpoint: 1, triggeredAt: 0 }))).toEqual(['pauseSource', 'snapshot', 'forwardBarrier', 'ack']);
    expect(task.handle({ kind: 'checkpointCompleted', checkpoint: 1 })).toEqual([{ kind: 'resumeSource' }]);
  });

  it('stays paused for the newest checkpoint it started, until that one ends', () => {
    const task = sync.createTask(context([], [], true));
    task.handle({ kind: 'checkpointTriggered', checkpoint: 1, triggeredAt: 0 });
    task.handle({ kind: 'checkpointTriggered', checkpoint: 2, triggeredAt: 0 });
    expect(task.handle({ kind: 'checkpointAborted', checkpoint: 1 })).toEqual([]);
    expect(task.handle({ kind: 'checkpointAborted', checkpoint: 2 })).toEqual([{ kind: 'resumeSource' }]);
  });

  it('aligns like aligned at a task that is not a source', () => {
    const task = sync.createTask(context([10, 11]));
    expect(barrier(task, 10, 1)).toEqual([]);
    expect(kinds(barrier(task, 11, 1))).toEqual(['snapshot', 'forwardBarrier', 'ack', 'unblock', 'unblock']);
  });
});

describe('aligned-cyclic', () => {
  it('aligns the regular input only, then logs the back-edge until the barrier returns on it', () => {
    const task = alignedCyclic.createTask(context([10, 11], [11]));
    expect(kinds(barrier(task, 10, 1))).toEqual(['snapshot', 'forwardBarrier', 'unblock']); // no ack yet
    expect(record(task, 11)).toEqual([{ kind: 'persistReceived', checkpoint: 1 }]);
    expect(barrier(task, 11, 1)).toEqual([{ kind: 'unblock', channel: 11 }, { kind: 'ack', checkpoint: 1 }]);
    expect(record(task, 11)).toEqual([]);
  });

  it('behaves as aligned on a task without back-edges', () => {
    const task = alignedCyclic.createTask(context([10, 11]));
    expect(barrier(task, 10, 1)).toEqual([]);
    expect(kinds(barrier(task, 11, 1))).toEqual(['snapshot', 'forwardBarrier', 'ack', 'unblock', 'unblock']);
  });

  it('stops logging a checkpoint that was aborted', () => {
    const task = alignedCyclic.createTask(context([10, 11], [11]));
    barrier(task, 10, 1);
    task.handle({ kind: 'checkpointAborted', checkpoint: 1 });
    expect(record(task, 11)).toEqual([]);
    expect(barrier(task, 11, 1)).toEqual([{ kind: 'unblock', channel: 11 }]);
  });
});
