import { describe, expect, it } from 'vitest';
import type { History, HistoryEvent } from '../core/history.ts';
import { CHECKERS } from './index.ts';
import { A, B, COUNT, HistoryBuilder, K, U, UNION, correctUnionRun, duplicatingRun, kindsOf, losingRun } from './test-histories.ts';

const check = CHECKERS['exactly-once'];

function withFinalState(history: History, task: number, operator: unknown): History {
  return history.map((e): HistoryEvent => (e.kind === 'finalState' && e.task === task ? { ...e, state: { ...e.state, operator } } : e));
}

describe('exactly-once', () => {
  it('accepts a run restored from a consistent checkpoint', () => {
    expect(check(UNION, correctUnionRun())).toEqual({ status: 'ok', property: 'exactly-once' });
  });

  it('accepts channel state re-injected at the restore', () => {
    const history = new HistoryBuilder(UNION).read(A).trigger(1).snapshot(A, 1).snapshot(B, 1)
      .recordInFlight(U, 1, 0).snapshot(U, 1).snapshot(K, 1).acks(1).complete(1)
      .deliver(0).crash().restore(1).drain().quiesce();
    expect(check(UNION, history).status).toBe('ok');
  });

  it('finds a record processed twice across a restore', () => {
    const verdict = check(UNION, duplicatingRun());
    expect(verdict).toMatchObject({ status: 'violated', property: 'exactly-once', channel: 0, record: 'srcA.0@1' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['processed', 'processed']);
    expect(verdict.explanation).toContain('srcA.0->union.0');
    expect(verdict.explanation).toContain('srcA.0@1 was processed twice');
  });

  it('finds a record dropped by a restore and never re-sent', () => {
    const verdict = check(UNION, losingRun());
    expect(verdict).toMatchObject({ status: 'violated', channel: 0, record: 'srcA.0@0' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['sent', 'restored']);
    expect(verdict.explanation).toContain('never processed');
  });

  it('finds a restore from a checkpoint that never was', () => {
    const verdict = check(COUNT, new HistoryBuilder(COUNT).read(0).crash().restore(5).drain().quiesce());
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 5 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['restored']);
    expect(verdict.explanation).toContain('restored from checkpoint 5');
  });

  it('finds a final state that differs from the reference', () => {
    const history = withFinalState(new HistoryBuilder(COUNT).drain().quiesce(), 1, [[1, 2], [2, 2]]);
    const verdict = check(COUNT, history);
    expect(verdict).toMatchObject({ status: 'violated' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['finalState']);
    expect(verdict.explanation).toContain('node count');
    expect(verdict.explanation).toContain('2: the reference has [2,1], the run has [2,2]');
  });

  it('finds a source that did not read its whole log', () => {
    const verdict = check(COUNT, new HistoryBuilder(COUNT).read(0).deliver(0).quiesce());
    expect(verdict).toMatchObject({ status: 'violated' });
    if (verdict.status !== 'violated') return;
    expect(verdict.explanation).toContain('src.0 ended at offset 1 but its log holds 3 records');
  });

  it('does not apply when the run got stuck', () => {
    const verdict = check(UNION, new HistoryBuilder(UNION).read(A).stuck('deadlock'));
    expect(verdict).toMatchObject({ status: 'not-applicable', property: 'exactly-once' });
  });
});
