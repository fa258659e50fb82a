import { describe, expect, it } from 'vitest';
import { expandTopology } from '../dataflow/physical.ts';
import { attemptAt, completedCheckpoints, indexHistory, within } from './history-index.ts';
import { UNION, correctUnionRun } from './test-histories.ts';

describe('history index', () => {
  const history = correctUnionRun();
  const index = indexHistory(expandTopology(UNION.topology), history);
  const restoredAt = history.findIndex((e) => e.kind === 'restored');

  it('splits the History into attempts at each restore', () => {
    expect(index.attempts).toEqual([
      { ordinal: 0, start: 0, end: restoredAt, from: null },
      { ordinal: 1, start: restoredAt, end: history.length, from: 1 },
    ]);
    expect(attemptAt(index, restoredAt - 1).ordinal).toBe(0);
    expect(attemptAt(index, restoredAt).ordinal).toBe(1);
  });

  it('files snapshots, acks and outcomes by checkpoint', () => {
    const [checkpoint] = completedCheckpoints(index);
    expect(checkpoint?.id).toBe(1);
    expect(checkpoint?.snapshotAt.every((at) => history[at]?.kind === 'snapshotTaken')).toBe(true);
    expect(checkpoint?.ackedAt).toHaveLength(4);
    expect(index.finalStateAt.every((at) => history[at]?.kind === 'finalState')).toBe(true);
  });

  it('selects sorted event indices within a range', () => {
    expect(within([1, 4, 6, 9], 4, 9)).toEqual([4, 6]);
    expect(within([1, 4, 6, 9], 10, 12)).toEqual([]);
  });
});
