import { describe, expect, it } from 'vitest';
import { CHECKERS } from './index.ts';
import { A, B, COUNT, HistoryBuilder, K, U, UNION, correctUnionRun, kindsOf } from './test-histories.ts';

const check = CHECKERS['coordinator-contract'];

function snapshotAll(builder: HistoryBuilder, checkpoint: number): HistoryBuilder {
  return builder.trigger(checkpoint).snapshot(A, checkpoint).snapshot(B, checkpoint).snapshot(U, checkpoint).snapshot(K, checkpoint);
}

describe('coordinator contract', () => {
  it('accepts a run with a checkpoint, a crash and a restore from it', () => {
    expect(check(UNION, correctUnionRun())).toEqual({ status: 'ok', property: 'coordinator-contract' });
  });

  it('finds a completion without an ack from every task', () => {
    const history = snapshotAll(new HistoryBuilder(UNION), 1).acks(1, [A, B, U]).complete(1).drain().quiesce();
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated', property: 'coordinator-contract', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['triggered', 'completed']);
    expect(verdict.explanation).toContain('without an ack from sink.0');
  });

  it('finds a completion whose acks came from an earlier attempt', () => {
    const history = snapshotAll(new HistoryBuilder(UNION), 1).acks(1).crash().restore(null).complete(1).drain().quiesce();
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['triggered', 'restored', 'completed']);
  });

  it('finds a restore from something other than the latest completed checkpoint', () => {
    const history = new HistoryBuilder(COUNT).read(0).deliver(0).checkpoint(1).crash().restore(null).drain().quiesce();
    const verdict = check(COUNT, history);
    expect(verdict).toMatchObject({ status: 'violated' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['completed', 'restored']);
    expect(verdict.explanation).toContain('instead of checkpoint 1, the latest completed');
  });

  it('finds decreasing trigger ids', () => {
    const history = new HistoryBuilder(COUNT).checkpoint(2).checkpoint(1).drain().quiesce();
    const verdict = check(COUNT, history);
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['triggered', 'triggered']);
  });

  it('finds a checkpoint both completed and aborted', () => {
    const history = new HistoryBuilder(COUNT).checkpoint(1).abort(1).drain().quiesce();
    const verdict = check(COUNT, history);
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['completed', 'aborted']);
  });

  it('finds a completion notification about an aborted checkpoint', () => {
    const history = new HistoryBuilder(COUNT).trigger(1).abort(1, 'declined')
      .raw({ kind: 'notified', task: 1, checkpoint: 1, outcome: 'completed' }).drain().quiesce();
    const verdict = check(COUNT, history);
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['notified', 'aborted']);
    expect(verdict.explanation).toContain('count.0 was notified that checkpoint 1 completed');
  });

  it('finds a notification about an unknown checkpoint', () => {
    const history = new HistoryBuilder(COUNT).raw({ kind: 'notified', task: 0, checkpoint: 7, outcome: 'aborted' }).drain().quiesce();
    const verdict = check(COUNT, history);
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 7 });
    if (verdict.status !== 'violated') return;
    expect(verdict.explanation).toContain('no such checkpoint exists');
  });
});
