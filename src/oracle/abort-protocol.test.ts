import { describe, expect, it } from 'vitest';
import { CHECKERS } from './index.ts';
import { A, B, HistoryBuilder, kindsOf, U, UNION } from './test-histories.ts';

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
      .inOneStep((b) => b.unblock(0).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }))
      .raw({ kind: 'declined', task: U, checkpoint: 1, reason: 'subsumed' })
      .quiesce();
    expect(check(UNION, history)).toEqual({ status: 'ok', property: 'abort-protocol' });
  });

  it('is violated when the task never declines what it gave up', () => {
    const history = givesUpCheckpointOne().inOneStep((b) => b.unblock(0).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 })).quiesce();
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
    const received = { kind: 'cancellationReceived', task: U, channel: 0, checkpoint: 1 } as const;
    const passedOn = { kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 } as const;
    const marker = () => new HistoryBuilder(UNION).read(B).trigger(1).raw(received);
    expect(check(UNION, marker().quiesce())).toMatchObject({ status: 'violated', checkpoint: 1, channel: 2 });
    const inStep = new HistoryBuilder(UNION).read(B).trigger(1).inOneStep((b) => b.raw(received).raw(passedOn));
    expect(check(UNION, inStep.quiesce()).status).toBe('ok');
    const late = marker().deliver(1).raw(passedOn); // after its next input
    expect(check(UNION, late.quiesce())).toMatchObject({ status: 'violated', checkpoint: 1, channel: 2 });
    const notifiedFirst = new HistoryBuilder(UNION).trigger(1).raw({ kind: 'notified', task: U, checkpoint: 1, outcome: 'aborted' }).raw({ kind: 'cancellationReceived', task: U, channel: 0, checkpoint: 1 });
    expect(check(UNION, notifiedFirst.quiesce()).status).toBe('ok');
  });

  it('demands the marker be passed on by an unaligned task that snapshotted the checkpoint but still awaits a barrier of it', () => {
    const recording = () =>
      new HistoryBuilder(UNION)
        .trigger(1)
        .inOneStep((b) => b.raw({ kind: 'barrierReceived', task: U, channel: 0, checkpoint: 1, priority: true }).snapshot(U, 1).raw({ kind: 'barrierSent', task: U, channel: 2, checkpoint: 1, priority: true }));
    const marker = { kind: 'cancellationReceived', task: U, channel: 1, checkpoint: 1 } as const;
    expect(check(UNION, recording().raw(marker).quiesce())).toMatchObject({ status: 'violated', checkpoint: 1, channel: 2 });
    const passedOn = recording().inOneStep((b) => b.raw(marker).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }));
    expect(check(UNION, passedOn.quiesce()).status).toBe('ok');
    // Once barrier 1 is in on every input, the checkpoint is done here: a marker asks nothing.
    const done = recording().raw({ kind: 'barrierReceived', task: U, channel: 1, checkpoint: 1, priority: true }).raw({ ...marker, channel: 0 });
    expect(check(UNION, done.quiesce()).status).toBe('ok');
  });

  describe('no false alarms', () => {
    const subsumed = () =>
      givesUpCheckpointOne().inOneStep((b) => b.unblock(0).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 })).raw({ kind: 'declined', task: U, checkpoint: 1, reason: 'subsumed' });

    it('is violated by a marker sent in a step that neither took a marker nor gave the checkpoint up', () => {
      const onNotification = new HistoryBuilder(UNION)
        .trigger(1)
        .raw({ kind: 'notified', task: U, checkpoint: 1, outcome: 'aborted' })
        .raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 })
        .quiesce();
      const verdict = check(UNION, onNotification);
      expect(verdict).toMatchObject({ status: 'violated', property: 'abort-protocol', checkpoint: 1, channel: 2 });
      if (verdict.status === 'violated') expect(verdict.explanation).toContain('neither took a marker for it nor gave it up');
    });

    it('is violated by a marker for a checkpoint other than the one the step gave up', () => {
      const wrongId = givesUpCheckpointOne().inOneStep((b) => b.unblock(0).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 2 })).quiesce();
      expect(check(UNION, wrongId)).toMatchObject({ status: 'violated', checkpoint: 1 }); // the give-up went unannounced first
      const passedOnWrong = new HistoryBuilder(UNION)
        .trigger(1)
        .trigger(2)
        .inOneStep((b) => b.raw({ kind: 'cancellationReceived', task: U, channel: 0, checkpoint: 1 }).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 2 }))
        .quiesce();
      expect(check(UNION, passedOnWrong)).toMatchObject({ status: 'violated', checkpoint: 2, channel: 2 });
    });

    it('takes a decline of the checkpoint, recorded when it reaches the coordinator, as cause', () => {
      const onTimer = new HistoryBuilder(UNION)
        .trigger(1)
        .raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 })
        .raw({ kind: 'declined', task: U, checkpoint: 1, reason: 'alignment-timeout' })
        .quiesce();
      expect(check(UNION, onTimer).status).toBe('ok');
      const otherTask = new HistoryBuilder(UNION)
        .trigger(1)
        .raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 })
        .raw({ kind: 'declined', task: A, checkpoint: 1, reason: 'busy' })
        .quiesce();
      expect(check(UNION, otherTask)).toMatchObject({ status: 'violated', checkpoint: 1 });
      // A crash right after may have dropped the decline on its way.
      const crashed = new HistoryBuilder(UNION).trigger(1).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }).crash().restore(null).drain().quiesce();
      expect(check(UNION, crashed).status).toBe('ok');
    });

    it('is violated by a second marker for the same checkpoint on a channel', () => {
      const twice = subsumed()
        .inOneStep((b) => b.raw({ kind: 'cancellationReceived', task: U, channel: 1, checkpoint: 1 }).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }))
        .quiesce();
      const verdict = check(UNION, twice);
      expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1, channel: 2 });
      if (verdict.status === 'violated') expect(verdict.explanation).toContain('twice');
      expect(check(UNION, subsumed().quiesce()).status).toBe('ok');
    });

    it('takes a newer barrier as cause only for a checkpoint whose barrier had reached the task', () => {
      const unstarted = new HistoryBuilder(UNION)
        .trigger(1)
        .trigger(2)
        .inOneStep((b) => b.raw({ kind: 'barrierReceived', task: U, channel: 1, checkpoint: 2, priority: false }).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }))
        .quiesce();
      expect(check(UNION, unstarted)).toMatchObject({ status: 'violated', checkpoint: 1 });
      const started = new HistoryBuilder(UNION)
        .trigger(1)
        .trigger(2)
        .raw({ kind: 'barrierReceived', task: U, channel: 0, checkpoint: 1, priority: true })
        .inOneStep((b) => b.raw({ kind: 'barrierReceived', task: U, channel: 1, checkpoint: 2, priority: true }).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }))
        .raw({ kind: 'declined', task: U, checkpoint: 1, reason: 'subsumed' })
        .quiesce();
      expect(check(UNION, started).status).toBe('ok');
      const newerAborted = new HistoryBuilder(UNION)
        .trigger(1)
        .trigger(2)
        .raw({ kind: 'barrierReceived', task: U, channel: 0, checkpoint: 1, priority: true })
        .raw({ kind: 'notified', task: U, checkpoint: 2, outcome: 'aborted' })
        .inOneStep((b) => b.raw({ kind: 'barrierReceived', task: U, channel: 1, checkpoint: 2, priority: true }).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }))
        .quiesce();
      expect(check(UNION, newerAborted)).toMatchObject({ status: 'violated', checkpoint: 1 });
    });

    it('starts afresh after a restore', () => {
      const again = subsumed().crash().restore(null).trigger(3)
        .inOneStep((b) => b.raw({ kind: 'cancellationReceived', task: U, channel: 0, checkpoint: 1 }).raw({ kind: 'cancellationSent', task: U, channel: 2, checkpoint: 1 }))
        .drain()
        .quiesce();
      expect(check(UNION, again).status).toBe('ok');
    });
  });
});
