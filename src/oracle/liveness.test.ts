import { describe, expect, it } from 'vitest';
import { CHECKERS } from './index.ts';
import { A, B, HistoryBuilder, UNION, correctUnionRun, kindsOf } from './test-histories.ts';

const check = CHECKERS.liveness;

describe('liveness', () => {
  it('accepts a run that quiesced with every checkpoint settled', () => {
    expect(check(UNION, correctUnionRun())).toEqual({ status: 'ok', property: 'liveness' });
  });

  it('reports a stuck run with its blocked channel and its pending checkpoint', () => {
    const history = new HistoryBuilder(UNION).read(A).trigger(1).snapshot(A, 1).block(0).stuck('alignment never finished');
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated', property: 'liveness', checkpoint: 1, channel: 0 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['stuck', 'blocked', 'triggered']);
    expect(verdict.explanation).toContain('alignment never finished');
    expect(verdict.explanation).toContain('srcA.0->union.0');
    expect(verdict.explanation).toContain('checkpoint 1');
  });

  it('reports a checkpoint that was never completed nor aborted', () => {
    const verdict = check(UNION, new HistoryBuilder(UNION).trigger(1).snapshot(A, 1).drain().quiesce());
    expect(verdict).toMatchObject({ status: 'violated', checkpoint: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['triggered', 'quiesced']);
  });

  it('accepts an aborted checkpoint', () => {
    const history = new HistoryBuilder(UNION).trigger(1).snapshot(A, 1).abort(1, 'expired').drain().quiesce();
    expect(check(UNION, history).status).toBe('ok');
  });

  it('reports a channel still blocked at the end', () => {
    const verdict = check(UNION, new HistoryBuilder(UNION).drain().block(1).quiesce());
    expect(verdict).toMatchObject({ status: 'violated', channel: 1 });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['blocked', 'quiesced']);
    expect(verdict.explanation).toContain('srcB.0->union.0');
  });

  it('lets a restore clear blocks', () => {
    const history = new HistoryBuilder(UNION).read(B).block(1).crash().restore(null).drain().quiesce();
    expect(check(UNION, history).status).toBe('ok');
  });

  it('reports a History that never ends', () => {
    const history = new HistoryBuilder(UNION).read(A).raw({ kind: 'livenessPhaseStarted' }).build();
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['livenessPhaseStarted']);
  });

  describe('the final checkpoint, triggered once the job drained', () => {
    const drained = () => new HistoryBuilder(UNION).drain().raw({ kind: 'livenessPhaseStarted' }).raw({ kind: 'drained' });
    const end = (builder: HistoryBuilder) => builder.raw({ kind: 'quiesced' }).build();

    it('holds when it completes', () => {
      expect(check(UNION, end(drained().checkpoint(1)))).toEqual({ status: 'ok', property: 'liveness' });
    });

    it('is violated when it is declined, and names the decline', () => {
      const history = end(drained().trigger(1).raw({ kind: 'declined', task: 2, checkpoint: 1, reason: 'no reason at all' }).abort(1, 'declined'));
      const verdict = check(UNION, history);
      expect(verdict).toMatchObject({ status: 'violated', property: 'liveness', checkpoint: 1 });
      if (verdict.status !== 'violated') return;
      expect(kindsOf(verdict.witness)).toEqual(['drained', 'triggered', 'declined', 'aborted']);
      expect(verdict.explanation).toContain('final checkpoint 1');
      expect(verdict.explanation).toContain('aborted (declined)');
    });

    it('is violated when the job drained and no final checkpoint followed', () => {
      const verdict = check(UNION, end(drained()));
      expect(verdict).toMatchObject({ status: 'violated', property: 'liveness' });
      if (verdict.status !== 'violated') return;
      expect(kindsOf(verdict.witness)).toEqual(['drained']);
    });

    it('checks only the checkpoint triggered after the drain: earlier ones may expire', () => {
      const history = end(new HistoryBuilder(UNION).trigger(1).abort(1, 'expired').drain().raw({ kind: 'livenessPhaseStarted' }).raw({ kind: 'drained' }).checkpoint(2));
      expect(check(UNION, history).status).toBe('ok');
    });
  });
});
