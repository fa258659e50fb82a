// The canaries' defects, event by event: what makes each of them wrong.
import { describe, expect, it } from 'vitest';
import type { TaskContext } from '../strategy.ts';
import { earlyUnblock } from './early-unblock.ts';
import { noAlign } from './no-align.ts';

const twoInputs: TaskContext = { task: 3, label: 'op.0', isSource: false, inputs: [10, 11], backEdgeInputs: [], outputs: [20], options: {} };

describe('no-align', () => {
  it('snapshots on the first barrier and resumes that input at once', () => {
    const task = noAlign.createTask(twoInputs);
    const effects = task.handle({ kind: 'barrierReceived', channel: 10, checkpoint: 1, triggeredAt: 0, priority: false });
    expect(effects.map((e) => e.kind)).toEqual(['snapshot', 'forwardBarrier', 'ack', 'unblock']);
    expect(task.handle({ kind: 'barrierReceived', channel: 11, checkpoint: 1, triggeredAt: 0, priority: false })).toEqual([{ kind: 'unblock', channel: 11 }]);
  });
});

describe('early-unblock', () => {
  it('resumes each input as its barrier arrives, before the alignment is complete', () => {
    const task = earlyUnblock.createTask(twoInputs);
    expect(task.handle({ kind: 'barrierReceived', channel: 10, checkpoint: 1, triggeredAt: 0, priority: false })).toEqual([{ kind: 'unblock', channel: 10 }]);
    const effects = task.handle({ kind: 'barrierReceived', channel: 11, checkpoint: 1, triggeredAt: 0, priority: false });
    expect(effects.map((e) => e.kind)).toEqual(['snapshot', 'forwardBarrier', 'ack', 'unblock']);
  });

  it('both falsely declare exactly-once', () => {
    expect([noAlign.guarantee, earlyUnblock.guarantee]).toEqual(['exactly-once', 'exactly-once']);
  });
});
