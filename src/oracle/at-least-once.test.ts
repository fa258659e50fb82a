import { describe, expect, it } from 'vitest';
import { CHECKERS } from './index.ts';
import { A, HistoryBuilder, UNION, correctUnionRun, duplicatingRun, kindsOf, losingRun } from './test-histories.ts';

const check = CHECKERS['at-least-once'];

describe('at-least-once', () => {
  it('accepts a correct run and reports zero duplicates', () => {
    expect(check(UNION, correctUnionRun())).toEqual({ status: 'ok', property: 'at-least-once', duplicates: 0 });
  });

  it('accepts duplicates but counts them', () => {
    expect(check(UNION, duplicatingRun())).toEqual({ status: 'ok', property: 'at-least-once', duplicates: 1 });
  });

  it('finds a lost record and points at its source read', () => {
    const history = losingRun();
    const verdict = check(UNION, history);
    expect(verdict).toMatchObject({ status: 'violated', property: 'at-least-once', record: 'srcA.0@0>union' });
    if (verdict.status !== 'violated') return;
    expect(kindsOf(verdict.witness)).toEqual(['read']);
    expect(verdict.witness[0]!.index).toBe(0);
    expect(verdict.explanation).toContain('srcA.0@0>union is lost');
    expect(verdict.explanation).toContain('sink');
  });

  it('does not apply when the run got stuck', () => {
    expect(check(UNION, new HistoryBuilder(UNION).read(A).stuck('deadlock')).status).toBe('not-applicable');
  });
});
