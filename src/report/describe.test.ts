import { describe, expect, it } from 'vitest';
import type { EventOf, HistoryEvent, HistoryEventKind, TaskSnapshot } from '../core/history.ts';
import { expandTopology } from '../dataflow/physical.ts';
import { describeEvent } from './describe.ts';

// Tasks: a.0 (0), u.0 (1); channel 0 is a.0->u.0.
const GRAPH = expandTopology({
  nodes: [
    { id: 'a', kind: 'source', parallelism: 1 },
    { id: 'u', kind: 'union', parallelism: 1 },
  ],
  edges: [{ from: 'a', to: 'u', partitioner: 'forward' }],
});

const record = { id: 'a.0@4', key: 7, value: 1 };
const state: TaskSnapshot = { operator: null, roundRobin: [] };

// One event of every kind, with the line each must produce. The mapped type makes a new event kind
// a compile error here until it has a description.
const CASES: { [K in HistoryEventKind]: [EventOf<K>, string] } = {
  read: [{ kind: 'read', tick: 1, task: 0, offset: 4, record }, 't=1 a.0 reads offset 4: a.0@4 (key 7)'],
  sent: [{ kind: 'sent', tick: 2, task: 0, channel: 0, record }, 't=2 a.0 sends a.0@4 on a.0->u.0'],
  processed: [{ kind: 'processed', tick: 3, task: 1, channel: 0, record }, 't=3 u.0 processes a.0@4 from a.0->u.0'],
  barrierSent: [{ kind: 'barrierSent', tick: 4, task: 0, channel: 0, checkpoint: 2, priority: false }, 't=4 a.0 sends barrier 2 on a.0->u.0'],
  barrierReceived: [{ kind: 'barrierReceived', tick: 5, task: 1, channel: 0, checkpoint: 2, priority: false }, 't=5 u.0 receives barrier 2 on a.0->u.0'],
  blocked: [{ kind: 'blocked', tick: 6, task: 1, channel: 0 }, 't=6 u.0 blocks a.0->u.0'],
  unblocked: [{ kind: 'unblocked', tick: 7, task: 1, channel: 0 }, 't=7 u.0 unblocks a.0->u.0'],
  snapshotTaken: [
    { kind: 'snapshotTaken', tick: 8, task: 0, checkpoint: 2, state, sourceOffset: 5 },
    't=8 a.0 snapshots checkpoint 2 at offset 5',
  ],
  channelStateRecorded: [
    { kind: 'channelStateRecorded', tick: 9, task: 1, checkpoint: 2, channel: 0, record, position: 3 },
    't=9 u.0 records a.0@4 (position 3) as channel state of a.0->u.0 for checkpoint 2',
  ],
  cancellationSent: [
    { kind: 'cancellationSent', tick: 9, task: 0, channel: 0, checkpoint: 2 },
    't=9 a.0 sends a cancellation marker for checkpoint 2 on a.0->u.0',
  ],
  cancellationReceived: [
    { kind: 'cancellationReceived', tick: 9, task: 1, channel: 0, checkpoint: 2 },
    't=9 u.0 receives a cancellation marker for checkpoint 2 on a.0->u.0',
  ],
  sourcePaused: [{ kind: 'sourcePaused', tick: 9, task: 0 }, 't=9 a.0 pauses reading its log'],
  sourceResumed: [{ kind: 'sourceResumed', tick: 9, task: 0 }, 't=9 a.0 resumes reading its log'],
  reinjected: [{ kind: 'reinjected', tick: 10, channel: 0, record }, 't=10 restore re-injects a.0@4 into a.0->u.0'],
  uploaded: [{ kind: 'uploaded', tick: 11, task: 1, checkpoint: 2 }, 't=11 u.0 finished writing its snapshot of checkpoint 2'],
  acked: [{ kind: 'acked', tick: 12, task: 1, checkpoint: 2 }, "t=12 coordinator receives u.0's ack of checkpoint 2"],
  declined: [
    { kind: 'declined', tick: 13, task: 0, checkpoint: 3, reason: 'busy' },
    "t=13 coordinator receives a.0's decline of checkpoint 3 (busy)",
  ],
  triggered: [{ kind: 'triggered', tick: 14, checkpoint: 3 }, 't=14 coordinator triggers checkpoint 3'],
  triggerLost: [{ kind: 'triggerLost', tick: 14, to: 0, checkpoint: 3 }, 't=14 the trigger of checkpoint 3 to a.0 is lost (fault): it never starts that checkpoint'],
  completed: [{ kind: 'completed', tick: 15, checkpoint: 2 }, 't=15 coordinator completes checkpoint 2'],
  aborted: [{ kind: 'aborted', tick: 16, checkpoint: 3, reason: 'expired' }, 't=16 coordinator aborts checkpoint 3 (expired)'],
  notified: [
    { kind: 'notified', tick: 17, task: 1, checkpoint: 2, outcome: 'completed' },
    't=17 u.0 is notified that checkpoint 2 completed',
  ],
  crashed: [{ kind: 'crashed', tick: 18, fault: 'task-crash', task: 1 }, 't=18 CRASH (task-crash of u.0): the job fails over'],
  restored: [{ kind: 'restored', tick: 19, checkpoint: 2, attempt: 1 }, 't=19 every task restored from checkpoint 2 (attempt 1)'],
  livenessPhaseStarted: [{ kind: 'livenessPhaseStarted', tick: 20 }, 't=20 liveness phase starts: no more faults'],
  drained: [{ kind: 'drained', tick: 21 }, 't=21 the job has drained: the final checkpoint follows and must complete'],
  quiesced: [{ kind: 'quiesced', tick: 21 }, 't=21 the job is quiescent'],
  stuck: [{ kind: 'stuck', tick: 22, reason: 'alignment never finished' }, 't=22 STUCK: alignment never finished'],
  finalState: [{ kind: 'finalState', tick: 23, task: 1, state, sourceOffset: null }, 't=23 final state of u.0'],
};

describe('describeEvent', () => {
  it.each(Object.entries(CASES) as [HistoryEventKind, [HistoryEvent, string]][])('describes a %s event with labels', (_kind, [event, line]) => {
    expect(describeEvent(event, GRAPH)).toBe(line);
  });

  it('leaves out the offset of a snapshot that is not a source’s', () => {
    expect(describeEvent({ ...CASES.snapshotTaken[0], sourceOffset: null }, GRAPH)).toBe('t=8 a.0 snapshots checkpoint 2');
  });

  it('names no task for a crash of every task', () => {
    expect(describeEvent({ kind: 'crashed', tick: 1, fault: 'global-crash', task: null }, GRAPH)).toBe('t=1 CRASH (global-crash): the job fails over');
  });

  it('says a restore from nothing starts from the initial state', () => {
    expect(describeEvent({ kind: 'restored', tick: 1, checkpoint: null, attempt: 2 }, GRAPH)).toBe(
      't=1 every task restored from the initial state (attempt 2)',
    );
  });

  it('falls back to indices for tasks and channels the graph does not have', () => {
    expect(describeEvent({ kind: 'sent', tick: 1, task: 9, channel: 4, record }, GRAPH)).toBe('t=1 task#9 sends a.0@4 on channel#4');
  });
});
