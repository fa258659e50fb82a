import { describe, expect, it } from 'vitest';
import { CHECKERS, PROPERTY_NAMES, checkAll } from './index.ts';
import { UNION, correctUnionRun, duplicatingRun } from './test-histories.ts';

describe('checkAll', () => {
  it('returns one ok verdict per property for a correct run, in the order asked', () => {
    const verdicts = checkAll(UNION, correctUnionRun());
    expect(verdicts.map((v) => [v.property, v.status])).toEqual(PROPERTY_NAMES.map((p) => [p, 'ok']));
  });

  it('checks only the properties asked for', () => {
    const verdicts = checkAll(UNION, duplicatingRun(), ['exactly-once', 'at-least-once']);
    expect(verdicts.map((v) => v.status)).toEqual(['violated', 'ok']);
  });

  it('agrees with the checkers called one by one', () => {
    const history = duplicatingRun();
    const verdicts = checkAll(UNION, history);
    expect(verdicts).toEqual(PROPERTY_NAMES.map((p) => CHECKERS[p](UNION, history)));
  });
});
