import { describe, expect, it } from 'vitest';
import type { CheckpointId } from '../core/ids.ts';
import { CHECKERS } from './index.ts';
import { A, B, HistoryBuilder, K, U, UNION } from './test-histories.ts';

const check = CHECKERS['barrier-protocol'];

/** Channels of UNION: 0 srcA->union, 1 srcB->union, 2 union->sink. */
function barrierAt(h: HistoryBuilder, channel: number, checkpoint: CheckpointId, priority = false): HistoryBuilder {
  const to = [U, U, K][channel]!;
  h.raw({ kind: 'barrierReceived', task: to, channel, checkpoint, priority });
  return priority ? h : h.block(channel);
}

/** Sources snapshot and inject barrier n; the union aligns both inputs, snapshots and forwards; the sink snapshots. */
function alignedCheckpoint(h: HistoryBuilder, n: CheckpointId): HistoryBuilder {
  h.trigger(n).snapshot(A, n).raw({ kind: 'barrierSent', task: A, channel: 0, checkpoint: n, priority: false });
  h.snapshot(B, n).raw({ kind: 'barrierSent', task: B, channel: 1, checkpoint: n, priority: false });
  barrierAt(h, 0, n);
  barrierAt(h, 1, n).snapshot(U, n).raw({ kind: 'barrierSent', task: U, channel: 2, checkpoint: n, priority: false }).unblock(0).unblock(1);
  return barrierAt(h, 2, n).snapshot(K, n).unblock(2);
}

function violation(history: ReturnType<HistoryBuilder['quiesce']>) {
  const verdict = check(UNION, history);
  expect(verdict.status).toBe('violated');
  if (verdict.status !== 'violated') throw new Error('unreachable');
  return verdict;
}

describe('barrier-protocol', () => {
  it('holds for aligned checkpoints taken one after the other', () => {
    const h = new HistoryBuilder(UNION).read(A);
    alignedCheckpoint(h, 1).read(B);
    expect(check(UNION, alignedCheckpoint(h, 2).drain().quiesce())).toEqual({ status: 'ok', property: 'barrier-protocol' });
  });

  it('is violated when a task sends an older barrier after a newer one on a channel (a late trigger obeyed)', () => {
    const h = new HistoryBuilder(UNION).trigger(1).trigger(2);
    h.snapshot(A, 2).raw({ kind: 'barrierSent', task: A, channel: 0, checkpoint: 2, priority: false });
    h.raw({ kind: 'barrierSent', task: A, channel: 0, checkpoint: 1, priority: false });
    const verdict = violation(h.quiesce());
    expect(verdict).toMatchObject({ checkpoint: 1, channel: 0 });
    expect(verdict.explanation).toContain('after barrier 2');
  });

  it('is violated when a task snapshots an older checkpoint after a newer one', () => {
    const h = new HistoryBuilder(UNION).trigger(1).trigger(2).snapshot(A, 2).snapshot(A, 1);
    expect(violation(h.quiesce()).explanation).toContain('snapshot for checkpoint 1 after one for checkpoint 2');
  });

  it('is violated by a snapshot of a checkpoint the task was told was aborted, by a marker or by the coordinator', () => {
    const marker = new HistoryBuilder(UNION).trigger(1).raw({ kind: 'cancellationReceived', task: U, channel: 0, checkpoint: 1 }).snapshot(U, 1);
    expect(violation(marker.quiesce()).explanation).toContain('after it was told checkpoint 1 was aborted');
    const notified = new HistoryBuilder(UNION).read(B).trigger(1).raw({ kind: 'notified', task: U, checkpoint: 1, outcome: 'aborted' }).deliver(1).snapshot(U, 1);
    expect(violation(notified.quiesce()).checkpoint).toBe(1);
  });

  it('lets a task finish the mailbox it had when a notification arrived (handled before its next input)', () => {
    const h = new HistoryBuilder(UNION).trigger(1).raw({ kind: 'notified', task: A, checkpoint: 1, outcome: 'aborted' }).snapshot(A, 1);
    expect(check(UNION, h.quiesce()).status).toBe('ok');
  });

  it('is violated when an input stays paused for a checkpoint the task was told was aborted', () => {
    const paused = () => barrierAt(new HistoryBuilder(UNION).read(B).trigger(1), 0, 1).raw({ kind: 'notified', task: U, checkpoint: 1, outcome: 'aborted' });
    const verdict = violation(paused().deliver(1).quiesce());
    expect(verdict).toMatchObject({ checkpoint: 1, channel: 0 });
    expect(verdict.explanation).toContain('after it was told checkpoint 1 was aborted');
    expect(verdict.witness.map((w) => w.event.kind)).toEqual(['barrierReceived', 'notified', 'processed']);
    expect(check(UNION, paused().unblock(0).deliver(1).quiesce()).status).toBe('ok');
  });

  it('is violated when an input stays paused after a newer checkpoint reached the task', () => {
    const h = barrierAt(new HistoryBuilder(UNION).read(B).trigger(1).trigger(2), 0, 1);
    barrierAt(h, 1, 2, true).deliver(1);
    expect(violation(h.quiesce()).explanation).toContain('a barrier of the newer checkpoint 2 arrived');
  });

  it('is violated when a task with barrier n on every input goes on without snapshotting n', () => {
    const aligned = () => barrierAt(barrierAt(new HistoryBuilder(UNION).read(A).trigger(1), 0, 1), 1, 1).unblock(0).unblock(1);
    const verdict = violation(aligned().deliver(0).quiesce());
    expect(verdict.explanation).toContain('had received barrier 1 on every input');
    expect(verdict.witness.map((w) => w.event.kind)).toEqual(['barrierReceived', 'processed']);
    expect(violation(aligned().quiesce()).checkpoint).toBe(1); // nor at the end of the run
    expect(check(UNION, aligned().crash().restore(null).drain().quiesce()).status).toBe('ok'); // a crash excuses it
  });

  describe('stop-the-world sources', () => {
    /** Source A pauses reading in the step that snapshots checkpoint n (sync's trigger step). */
    const pauseFor = (h: HistoryBuilder, n: CheckpointId) => h.trigger(n).inOneStep((b) => b.raw({ kind: 'sourcePaused', task: A }).snapshot(A, n));
    const told = (h: HistoryBuilder, n: CheckpointId, outcome: 'completed' | 'aborted') => h.raw({ kind: 'notified', task: A, checkpoint: n, outcome });
    const resume = (h: HistoryBuilder) => h.raw({ kind: 'sourceResumed', task: A });

    it('holds when a paused source resumes once told the outcome it paused for, or a newer completion', () => {
      expect(check(UNION, resume(told(pauseFor(new HistoryBuilder(UNION), 1), 1, 'aborted')).quiesce()).status).toBe('ok');
      expect(check(UNION, resume(told(pauseFor(new HistoryBuilder(UNION), 1), 2, 'completed')).quiesce()).status).toBe('ok');
    });

    it('is violated by a source that resumes before the outcome of the checkpoint it paused for', () => {
      const early = violation(resume(pauseFor(new HistoryBuilder(UNION), 1)).quiesce());
      expect(early).toMatchObject({ checkpoint: 1 });
      expect(early.explanation).toContain('resumed reading before it was told the outcome of checkpoint 1');
      // The outcome of an older checkpoint, or an abort of a newer one, is not the one it waits for.
      const older = told(pauseFor(told(new HistoryBuilder(UNION), 0, 'aborted'), 2), 1, 'completed');
      expect(violation(resume(older).quiesce())).toMatchObject({ checkpoint: 2 });
      expect(violation(resume(told(pauseFor(new HistoryBuilder(UNION), 1), 2, 'aborted')).quiesce())).toMatchObject({ checkpoint: 1 });
    });

    it('follows a source that starts a newer checkpoint while paused', () => {
      const h = pauseFor(new HistoryBuilder(UNION), 1).trigger(2).snapshot(A, 2);
      expect(violation(resume(told(h, 1, 'completed')).quiesce())).toMatchObject({ checkpoint: 2 });
      const h2 = pauseFor(new HistoryBuilder(UNION), 1).trigger(2).snapshot(A, 2);
      expect(check(UNION, resume(told(told(h2, 1, 'completed'), 2, 'aborted')).quiesce()).status).toBe('ok');
    });

    it('counts an outcome notified before the late trigger that paused the source was handled', () => {
      const lateTrigger = pauseFor(told(new HistoryBuilder(UNION), 1, 'aborted'), 1);
      expect(check(UNION, resume(lateTrigger).quiesce()).status).toBe('ok');
    });

    it('counts a pause in a later step as one for the newest checkpoint the source started', () => {
      const later = () => new HistoryBuilder(UNION).trigger(1).snapshot(A, 1).raw({ kind: 'sourcePaused', task: A });
      expect(check(UNION, resume(told(later(), 1, 'aborted')).quiesce()).status).toBe('ok');
      expect(violation(resume(later()).quiesce())).toMatchObject({ checkpoint: 1 });
    });

    it('starts afresh after a restore', () => {
      const h = pauseFor(new HistoryBuilder(UNION), 1).crash().restore(null);
      expect(check(UNION, resume(h).drain().quiesce()).status).toBe('ok');
    });
  });
});
