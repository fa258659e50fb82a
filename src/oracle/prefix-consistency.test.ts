import { describe, expect, it } from 'vitest';
import { CHECKERS } from './index.ts';
import { A, B, COUNT, HistoryBuilder, K, U, UNION, correctUnionRun, kindsOf } from './test-histories.ts';

const check = CHECKERS['prefix-consistency'];

describe('prefix consistency', () => {
  it('accepts an aligned run with a crash and restore', () => {
    expect(check(UNION, correctUnionRun())).toEqual({ status: 'ok', property: 'prefix-consistency' });
  });

  it('replays channel state before comparing with the reference', () => {
    const history = new HistoryBuilder(UNION).read(A).read(A).trigger(1).snapshot(A, 1).snapshot(B, 1)
      .deliver(0).recordInFlight(U, 1, 0).snapshot(U, 1).deliver(2).snapshot(K, 1)
      .acks(1).complete(1).drain().quiesce();
    expect(check(UNION, history).status).toBe('ok');
  });

  it('accepts a sequence of checkpoints over growing prefixes', () => {
    const history = new HistoryBuilder(COUNT).read(0).deliver(0).checkpoint(1).read(0).read(0).deliver(0).deliver(0).checkpoint(2).quiesce();
    expect(check(COUNT, history).status).toBe('ok');
  });

  it('starts the reference over when a later checkpoint covers a shorter prefix', () => {
    const history = new HistoryBuilder(COUNT).read(0).read(0).deliver(0).deliver(0).checkpoint(1)
      .crash().restore(null).read(0).deliver(0).checkpoint(2).drain().quiesce();
    expect(check(COUNT, history).status).toBe('ok');
  });

  it('finds a count state that no prefix run produces', () => {
    const forged = { state: { operator: [[1, 5]], roundRobin: [] } };
    const history = new HistoryBuilder(COUNT).read(0).deliver(0).trigger(1).snapshot(0, 1).snapshot(1, 1, forged).acks(1).complete(1).drain().quiesce();
    const verdict = check(COUNT, history);
    expect(verdict).toMatchObject({ status: 'violated', property: 'prefix-consistency', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['snapshotTaken']);
    expect(verdict.explanation).toContain('node count');
    expect(verdict.explanation).toContain('1: the reference has [1,1], checkpoint 1 has [1,5]');
  });

  it('finds a sink state ahead of the recorded source offset', () => {
    const history = new HistoryBuilder(UNION).read(A).deliver(0).deliver(2).trigger(1)
      .snapshot(A, 1, { sourceOffset: 0 }).snapshot(B, 1).snapshot(U, 1).snapshot(K, 1)
      .acks(1).complete(1).drain().quiesce();
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(verdict.witness.map((w) => w.index)).toEqual([history.findIndex((e) => e.kind === 'snapshotTaken' && e.task === K)]);
    expect(verdict.explanation).toContain('node sink');
    expect(verdict.explanation).toContain('srcA.0@0>union');
  });

  it('rejects a source offset beyond the log', () => {
    const history = new HistoryBuilder(COUNT).trigger(1).snapshot(0, 1, { sourceOffset: 9 }).snapshot(1, 1).acks(1).complete(1).drain().quiesce();
    const verdict = check(COUNT, history);
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(verdict.explanation).toContain('source offset 9 is outside its log of 3 records');
  });
});
