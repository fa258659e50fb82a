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
});
