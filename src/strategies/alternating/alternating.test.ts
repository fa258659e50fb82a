// Unaligned and aligned-timeout, event by event.
import { describe, expect, it } from 'vitest';
import type { Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';
import { alignedTimeout, unaligned } from './index.ts';

const twoInputs: TaskContext = { task: 3, label: 'op.0', isSource: false, inputs: [10, 11], backEdgeInputs: [], outputs: [20], options: { alignmentTimeoutTicks: 5 } };
const source: TaskContext = { ...twoInputs, task: 0, label: 'src.0', isSource: true, inputs: [] };

const barrier = (task: TaskStrategy, channel: number, checkpoint: number, priority: boolean, triggeredAt = 100) =>
  task.handle({ kind: 'barrierReceived', channel, checkpoint, triggeredAt, priority });
const record = (task: TaskStrategy, channel: number) => task.handle({ kind: 'recordReceived', channel, record: { id: 'r', key: 0, value: 0 } });
const send = (task: TaskStrategy, event: StrategyEvent) => task.handle(event);

const unalignedStep = (checkpoint: number): Effect[] => [
  { kind: 'snapshot', checkpoint },
  { kind: 'persistOutput', checkpoint },
  { kind: 'forwardBarrier', checkpoint, priority: true },
];

describe('unaligned', () => {
  it('snapshots on the first priority barrier, stores what it overtook, and records the other input until its barrier', () => {
    const task = unaligned.createTask(twoInputs);
    expect(barrier(task, 10, 1, true)).toEqual([...unalignedStep(1), { kind: 'persistOvertaken', checkpoint: 1, channel: 10 }]);
    expect(record(task, 11)).toEqual([{ kind: 'persistReceived', checkpoint: 1 }]);
    expect(record(task, 10)).toEqual([]); // its barrier came: what follows is the next epoch
    expect(barrier(task, 11, 1, true)).toEqual([{ kind: 'persistOvertaken', checkpoint: 1, channel: 11 }, { kind: 'ack', checkpoint: 1 }]);
    expect(record(task, 11)).toEqual([]);
  });

  it('injects a priority barrier at a source, storing its output buffer', () => {
    const task = unaligned.createTask(source);
    expect(send(task, { kind: 'checkpointTriggered', checkpoint: 1, triggeredAt: 0 })).toEqual([...unalignedStep(1), { kind: 'ack', checkpoint: 1 }]);
  });

  it('gives up a checkpoint for a newer one, telling downstream', () => {
    const task = unaligned.createTask(twoInputs);
    barrier(task, 10, 1, true);
    expect(barrier(task, 10, 2, true)).toEqual([
      { kind: 'decline', checkpoint: 1, reason: 'subsumed' },
      { kind: 'forwardCancellation', checkpoint: 1 },
      ...unalignedStep(2),
      { kind: 'persistOvertaken', checkpoint: 2, channel: 10 },
    ]);
    expect(barrier(task, 11, 1, true)).toEqual([]); // obsolete, and a priority barrier paused nothing
  });

  it('stops recording when the checkpoint is cancelled, and passes a marker on', () => {
    const task = unaligned.createTask(twoInputs);
    barrier(task, 10, 1, true);
    expect(send(task, { kind: 'cancellationReceived', channel: 11, checkpoint: 1 })).toEqual([{ kind: 'forwardCancellation', checkpoint: 1 }]);
    expect(record(task, 11)).toEqual([]);
  });

  it('replays restored channel state at once', () => {
    expect(send(unaligned.createTask(twoInputs), { kind: 'restored', checkpoint: 2, channelsWithState: [10, 11] })).toEqual([
      { kind: 'replayChannelState', channel: 10 },
      { kind: 'replayChannelState', channel: 11 },
    ]);
  });
});

describe('aligned-timeout', () => {
  it('aligns first, with a timer at trigger + timeout', () => {
    const task = alignedTimeout.createTask(twoInputs);
    expect(barrier(task, 10, 1, false)).toEqual([{ kind: 'setTimer', checkpoint: 1, at: 105 }]);
    expect(record(task, 11)).toEqual([]); // still aligned: records before the barrier are state
    expect(barrier(task, 11, 1, false).map((e) => e.kind)).toEqual(['snapshot', 'forwardBarrier', 'ack', 'unblock', 'unblock']);
  });

  it('switches to unaligned when the timer fires: resumes the aligned input, records the other', () => {
    const task = alignedTimeout.createTask(twoInputs);
    barrier(task, 10, 1, false);
    expect(send(task, { kind: 'timerFired', checkpoint: 1 })).toEqual([...unalignedStep(1), { kind: 'unblock', channel: 10 }]);
    expect(record(task, 11)).toEqual([{ kind: 'persistReceived', checkpoint: 1 }]);
    expect(barrier(task, 11, 1, false)).toEqual([{ kind: 'unblock', channel: 11 }, { kind: 'ack', checkpoint: 1 }]);
  });

  it('switches at once when an upstream task already switched (a priority barrier arrives)', () => {
    const task = alignedTimeout.createTask(twoInputs);
    barrier(task, 10, 1, false);
    expect(barrier(task, 11, 1, true)).toEqual([...unalignedStep(1), { kind: 'unblock', channel: 10 }, { kind: 'persistOvertaken', checkpoint: 1, channel: 11 }, { kind: 'ack', checkpoint: 1 }]);
  });

  it('ignores a timer for an alignment that is over', () => {
    const task = alignedTimeout.createTask(twoInputs);
    barrier(task, 10, 1, false);
    barrier(task, 11, 1, false);
    expect(send(task, { kind: 'timerFired', checkpoint: 1 })).toEqual([]);
  });

  it('injects an aligned barrier at a source', () => {
    const task = alignedTimeout.createTask(source);
    expect(send(task, { kind: 'checkpointTriggered', checkpoint: 1, triggeredAt: 0 })).toEqual([
      { kind: 'snapshot', checkpoint: 1 },
      { kind: 'forwardBarrier', checkpoint: 1 },
      { kind: 'ack', checkpoint: 1 },
    ]);
  });
});
