// Each metric against its definition, on Histories written by hand, then on real runs.
import { describe, expect, it } from 'vitest';
import { SeededChoices } from '../core/choice.ts';
import type { HistoryEvent, TaskSnapshot } from '../core/history.ts';
import type { DataRecord } from '../core/messages.ts';
import { run } from '../sim/runner.ts';
import { twoInputScenario } from '../sim/test-scenarios.ts';
import { findStrategy } from '../strategies/registry.ts';
import { measure } from './measure.ts';
import { stateEntries } from './checkpoint-metrics.ts';

// twoInputScenario: tasks 0 a.0, 1 b.0 (sources), 2 c.0 (count), 3 k.0 (sink); channels 0 a->c, 1 b->c, 2 c->k.
const SCENARIO = twoInputScenario({ records: 2 });
const [A, B, C, K] = [0, 1, 2, 3];

function rec(id: string, key = 0): DataRecord {
  return { id, key, value: 1 };
}

function snap(operator: unknown): TaskSnapshot {
  return { operator, roundRobin: [] };
}

/** Checkpoint 1: c aligns from tick 3 to 6 and processes one record meanwhile; one record of channel state. */
function oneCheckpoint(): HistoryEvent[] {
  return [
    { kind: 'triggered', tick: 0, checkpoint: 1 },
    { kind: 'snapshotTaken', tick: 1, task: A, checkpoint: 1, state: snap(null), sourceOffset: 1 },
    { kind: 'snapshotTaken', tick: 1, task: B, checkpoint: 1, state: snap(null), sourceOffset: 0 },
    { kind: 'barrierReceived', tick: 3, task: C, channel: 0, checkpoint: 1, priority: false },
    { kind: 'blocked', tick: 3, task: C, channel: 0 },
    { kind: 'processed', tick: 4, task: C, channel: 1, record: rec('b.0@0') },
    { kind: 'barrierReceived', tick: 6, task: C, channel: 1, checkpoint: 1, priority: false },
    { kind: 'blocked', tick: 6, task: C, channel: 1 },
    { kind: 'snapshotTaken', tick: 6, task: C, checkpoint: 1, state: snap([[0, 1], [1, 2]]), sourceOffset: null },
    { kind: 'unblocked', tick: 6, task: C, channel: 0 },
    { kind: 'unblocked', tick: 6, task: C, channel: 1 },
    { kind: 'processed', tick: 7, task: C, channel: 0, record: rec('a.0@1') },
    // The sink's barrier is released in the same step it arrives: no alignment at all.
    { kind: 'barrierReceived', tick: 8, task: K, channel: 2, checkpoint: 1, priority: false },
    { kind: 'blocked', tick: 8, task: K, channel: 2 },
    { kind: 'snapshotTaken', tick: 8, task: K, checkpoint: 1, state: snap([]), sourceOffset: null },
    { kind: 'unblocked', tick: 8, task: K, channel: 2 },
    { kind: 'channelStateRecorded', tick: 8, task: K, checkpoint: 1, channel: 2, record: rec('x'), position: 0 },
    { kind: 'completed', tick: 12, checkpoint: 1 },
  ];
}

describe('checkpoint metrics, by definition', () => {
  const [metrics] = measure(SCENARIO, oneCheckpoint()).checkpoints;

  it('end_to_end_duration is completed tick - triggered tick', () => expect(metrics!.end_to_end_duration).toBe(12));
  it('alignment_duration is the longest time a task had an input blocked for it', () => expect(metrics!.alignment_duration).toBe(3));
  it('start_delay is the latest first barrier at a non-source task, from the trigger', () => expect(metrics!.start_delay).toBe(8));
  it('persisted_data counts channel-state records', () => expect(metrics!.persisted_data).toBe(1));
  it('processed_data counts records processed between a first barrier and the snapshot', () => expect(metrics!.processed_data).toBe(1));
  it('checkpointed_size is state entries (1 per source, 2 keys, 1 sink position) plus channel state', () => expect(metrics!.checkpointed_size).toBe(1 + 1 + 2 + 1 + 1));

  it('a barrier released in the step it arrives (at-least-once) aligns for 0 ticks', () => {
    const released = oneCheckpoint().flatMap((e): HistoryEvent[] => (e.kind === 'blocked' && e.task === C ? [e, { kind: 'unblocked', tick: e.tick, task: C, channel: e.channel }] : [e]));
    expect(measure(SCENARIO, released).checkpoints[0]!.alignment_duration).toBe(0);
  });

  it('only completed checkpoints are measured; a crash ends every alignment', () => {
    const crashed: HistoryEvent[] = [...oneCheckpoint().slice(0, 5), { kind: 'crashed', tick: 5, fault: 'global-crash', task: null }, { kind: 'aborted', tick: 5, checkpoint: 1, reason: 'task-failure' }];
    const { checkpoints, totals } = measure(SCENARIO, crashed);
    expect(checkpoints).toEqual([]);
    expect([totals.checkpoints_triggered, totals.checkpoints_completed, totals.checkpoints_aborted, totals.crashes]).toEqual([1, 0, 1, 1]);
  });
});

describe('run metrics, by definition', () => {
  /** a reads 0..2, crashes at 10, restarts from checkpoint 1 (offset 1) and reads 1, 2 again by tick 20. */
  function crashAndCatchUp(): HistoryEvent[] {
    const read = (tick: number, offset: number): HistoryEvent => ({ kind: 'read', tick, task: A, offset, record: rec(`a.0@${offset}`) });
    return [
      read(0, 0),
      { kind: 'triggered', tick: 1, checkpoint: 1 },
      { kind: 'snapshotTaken', tick: 2, task: A, checkpoint: 1, state: snap(null), sourceOffset: 1 },
      { kind: 'snapshotTaken', tick: 2, task: B, checkpoint: 1, state: snap(null), sourceOffset: 0 },
      { kind: 'completed', tick: 4, checkpoint: 1 },
      read(5, 1),
      { kind: 'processed', tick: 6, task: C, channel: 0, record: rec('a.0@1') },
      read(8, 2),
      { kind: 'crashed', tick: 10, fault: 'task-crash', task: C },
      { kind: 'restored', tick: 15, checkpoint: 1, attempt: 1 },
      { kind: 'reinjected', tick: 15, channel: 0, record: rec('a.0@0') },
      read(16, 1),
      read(20, 2),
      { kind: 'processed', tick: 25, task: K, channel: 2, record: rec('a.0@2>c') },
      { kind: 'finalState', tick: 30, task: K, state: snap([['a.0@2>c', 0, 1], ['a.0@2>c', 0, 1], ['a.0@1>c', 0, 1]]), sourceOffset: null },
    ];
  }

  const totals = measure(SCENARIO, crashAndCatchUp(), new Map([['k', [['a.0@1>c', 0, 1], ['a.0@2>c', 0, 1]]]])).totals;

  it('throughput is distinct records read over the tick of the last record processed', () => {
    expect([totals.records_read, totals.makespan_ticks]).toEqual([3, 25]);
    expect(totals.throughput).toBeCloseTo(3 / 25);
  });
  it('records_replayed counts re-reads and re-injected channel state', () => expect(totals.records_replayed).toBe(3));
  it('recovery_duration runs from the crash until the source read again its highest offset', () => expect(totals.recovery_duration).toBe(10));
  it('duplicates are copies beyond the reference', () => expect(totals.duplicates).toBe(1));
});

describe('the size measure', () => {
  it('counts keys, digest slots, join buffers, and one entry for a source or a sink', () => {
    expect(stateEntries('count', [[1, 2], [2, 3]])).toBe(2);
    expect(stateEntries('digest', [['1|a.0', 7]])).toBe(1);
    expect(stateEntries('join', [[1, [['x', 1, 1]], [['y', 1, 2], ['z', 1, 3]]]])).toBe(3);
    expect([stateEntries('source', null), stateEntries('sink', []), stateEntries('map', null)]).toEqual([1, 1, 0]);
  });
});

describe('on real runs', () => {
  const scenario = twoInputScenario({ records: 12, triggers: [2, 8, 14] });
  const of = (name: string) => measure(scenario, run(scenario, findStrategy(name)!, { choices: new SeededChoices(3) }).history);

  it('aligned persists nothing; unaligned never blocks and persists in-flight records', () => {
    const aligned = of('aligned');
    const unaligned = of('unaligned');
    expect(aligned.checkpoints).toHaveLength(3);
    expect(aligned.checkpoints.every((c) => c.persisted_data === 0)).toBe(true);
    expect(unaligned.checkpoints.every((c) => c.alignment_duration === 0 && c.processed_data === 0)).toBe(true);
    expect(unaligned.checkpoints.some((c) => c.persisted_data > 0)).toBe(true);
  });

  it('a crash-free run reads every record once, replays nothing and has no duplicates', () => {
    const { totals } = of('at-least-once');
    expect(totals).toMatchObject({ records_read: 24, records_replayed: 0, recovery_duration: 0, duplicates: 0, crashes: 0 });
  });
});
