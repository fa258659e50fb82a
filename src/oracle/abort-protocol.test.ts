import { describe, expect, it } from 'vitest';
import { CHECKERS } from './index.ts';
import { B, HistoryBuilder, kindsOf, U, UNION } from './test-histories.ts';

const check = CHECKERS['abort-protocol'];

/** union.0 pauses srcA.0->union.0 (channel 0) for barrier 1, then barrier 2 arrives on channel 1 and it gives 1 up. */
function givesUpCheckpointOne(): HistoryBuilder {
  return new HistoryBuilder(UNION)
    .trigger(1)
    .trigger(2)
    .raw({ kind: 'barrierReceived', task: U, channel: 0, checkpoint: 1, priority: false })
    .block(0)
    .raw({ kind: 'barrierReceived', task: U, channel: 1, checkpoint: 2, priority: false })
    .block(1);
}

describe('abort-protocol', () => {
  it('holds when a task that gives a checkpoint up declines it and sends a cancellation marker downstream', () => {
    const history = givesUpCheckpointOne()
      .unblock(0)
      .raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 })
      .raw({ kind: 'declined', task: U, checkpoint: 1, reason: 'subsumed' })
      .quiesce();
    expect(check(UNION, history)).toEqual({ status: 'ok', property: 'abort-protocol' });
  });

  it('is violated when the task never declines what it gave up', () => {
    const history = givesUpCheckpointOne().unblock(0).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }).quiesce();
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated', property: 'abort-protocol', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['unblocked']);
    expect(verdict.explanation).toContain('never declined it');
  });

  it('is violated when the task gives up without a cancellation marker on its outputs', () => {
    const history = givesUpCheckpointOne().unblock(0).raw({ kind: 'declined', task: U, checkpoint: 1, reason: 'subsumed' }).quiesce();
    expect(check(UNION, history)).toMatchObject({ status: 'violated', checkpoint: 1, channel: 2 });
  });

  it('asks nothing of a task the coordinator had already told, nor of one whose job then crashed', () => {
    const told = givesUpCheckpointOne().raw({ kind: 'notified', task: U, checkpoint: 1, outcome: 'aborted' }).unblock(0).quiesce();
    expect(check(UNION, told).status).toBe('ok');
    const crashed = givesUpCheckpointOne().unblock(0).crash().restore(null).drain().quiesce();
    expect(check(UNION, crashed).status).toBe('ok');
  });

  it('does not count an input resumed in the step that paused it (an obsolete barrier, or a tracker that never aligns)', () => {
    const history = new HistoryBuilder(UNION).trigger(1).raw({ kind: 'barrierReceived', task: U, channel: 0, checkpoint: 1, priority: false }).block(0).unblock(0).quiesce();
    expect(check(UNION, history).status).toBe('ok');
  });

  it('demands that a cancellation marker be passed on in the step that takes it, unless the coordinator already told the task', () => {
    const marker = () => new HistoryBuilder(UNION).read(B).trigger(1).raw({ kind: 'cancellationReceived', task: U, channel: 0, checkpoint: 1 });
    expect(check(UNION, marker().quiesce())).toMatchObject({ status: 'violated', checkpoint: 1, channel: 2 });
    expect(check(UNION, marker().raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }).quiesce()).status).toBe('ok');
    const late = marker().deliver(1).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }); // after its next input
    expect(check(UNION, late.quiesce())).toMatchObject({ status: 'violated', checkpoint: 1, channel: 2 });
    const notifiedFirst = new HistoryBuilder(UNION).trigger(1).raw({ kind: 'notified', task: U, checkpoint: 1, outcome: 'aborted' }).raw({ kind: 'cancellationReceived', task: U, channel: 0, checkpoint: 1 });
    expect(check(UNION, notifiedFirst.quiesce()).status).toBe('ok');
  });
});
