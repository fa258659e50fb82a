import { describe, expect, it } from 'vitest';
import { CHECKERS } from './index.ts';
import { A, B, HistoryBuilder, K, U, UNION, correctUnionRun, kindsOf } from './test-histories.ts';

const check = CHECKERS['cut-consistency'];

/** srcA.0@0 sent, checkpoint 1 triggered, both sources snapshotted. */
function afterSourceSnapshots(): HistoryBuilder {
  return new HistoryBuilder(UNION).read(A).trigger(1).snapshot(A, 1).snapshot(B, 1);
}

function finish(builder: HistoryBuilder) {
  return builder.acks(1).complete(1).drain().quiesce();
}

describe('cut consistency', () => {
  it('accepts an aligned run with a crash and restore', () => {
    expect(check(UNION, correctUnionRun())).toEqual({ status: 'ok', property: 'cut-consistency' });
  });

  it('accepts in-flight records stored as channel state', () => {
    const history = finish(afterSourceSnapshots().recordInFlight(U, 1, 0).snapshot(U, 1).snapshot(K, 1));
    expect(check(UNION, history).status).toBe('ok');
  });

  it('finds an orphan: consumed before the receiver snapshot, sent after the sender snapshot', () => {
    const history = finish(afterSourceSnapshots().read(A).deliver(0).deliver(0).snapshot(U, 1).deliver(2).deliver(2).snapshot(K, 1));
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated', property: 'cut-consistency', checkpoint: 1, channel: 0, record: 'srcA.0@1' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['snapshotTaken', 'sent', 'processed', 'snapshotTaken']);
    expect(verdict.explanation).toMatch(/orphan/);
    expect(verdict.explanation).toContain('srcA.0->union.0');
    expect(verdict.explanation).toContain('srcA.0@1');
  });

  it('finds a lost record: sent before the sender snapshot, neither consumed nor recorded', () => {
    const history = finish(afterSourceSnapshots().snapshot(U, 1).deliver(0).deliver(2).snapshot(K, 1));
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1, channel: 0, record: 'srcA.0@0' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['sent', 'snapshotTaken', 'snapshotTaken', 'processed']);
    expect(verdict.explanation).toMatch(/srcA\.0@0 is lost/);
  });

  it('finds a record consumed twice before the snapshot', () => {
    const record = { id: 'srcA.0@0', key: 1, value: 10 };
    const builder = afterSourceSnapshots().deliver(0).raw({ kind: 'processed', task: U, channel: 0, record });
    const verdict = check(UNION, finish(builder.snapshot(U, 1).snapshot(K, 1)));
    expect(verdict).toMatchObject({ status: 'violated', channel: 0, record: 'srcA.0@0' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['processed', 'processed']);
    expect(verdict.explanation).toMatch(/duplicated/);
  });

  it('finds records consumed out of FIFO order', () => {
    const builder = new HistoryBuilder(UNION).read(A).read(A).trigger(1).snapshot(A, 1).snapshot(B, 1);
    const verdict = check(UNION, finish(builder.deliver(0, 1).deliver(0).snapshot(U, 1).snapshot(K, 1)));
    expect(verdict).toMatchObject({ status: 'violated', channel: 0, record: 'srcA.0@1' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['sent', 'sent', 'processed', 'processed']);
    expect(verdict.explanation).toMatch(/out of order/);
  });

  it('finds a record consumed that was never sent in the attempt', () => {
    const record = { id: 'srcB.0@9', key: 1, value: 5 };
    const builder = afterSourceSnapshots().deliver(0).raw({ kind: 'processed', task: U, channel: 1, record });
    const verdict = check(UNION, finish(builder.snapshot(U, 1).deliver(2).snapshot(K, 1)));
    expect(verdict).toMatchObject({ status: 'violated', channel: 1, record: 'srcB.0@9' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['processed', 'snapshotTaken']);
    expect(verdict.explanation).toContain('was neither sent on this channel by srcB.0');
  });

  it('reports a completed checkpoint that lacks a task snapshot', () => {
    const verdict = check(UNION, finish(afterSourceSnapshots().deliver(0).snapshot(U, 1)));
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(verdict.explanation).toContain('sink.0 never took a snapshot');
  });
});
