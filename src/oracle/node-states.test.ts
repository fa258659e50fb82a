import { describe, expect, it } from 'vitest';
import { describeDifference } from './node-states.ts';

const names = { expected: 'the reference', actual: 'the run' };

describe('describeDifference', () => {
  it('names a missing record instead of shifting every later entry', () => {
    const expected = [['a', 1, 1], ['b', 1, 2], ['c', 1, 3]];
    const actual = [['a', 1, 1], ['c', 1, 3]];
    expect(describeDifference(expected, actual, names)).toBe('the reference has ["b",1,2], the run has no such entry');
  });

  it('names an extra copy of a record', () => {
    const expected = [['a', 1, 1]];
    const actual = [['a', 1, 1], ['a', 1, 1]];
    expect(describeDifference(expected, actual, names)).toBe('the run has ["a",1,1], the reference has no such entry');
  });

  it('names a key whose value differs, comparing numeric keys numerically', () => {
    expect(describeDifference([[2, 1], [10, 4]], [[2, 1], [10, 5]], names)).toBe('10: the reference has [10,4], the run has [10,5]');
  });

  it('shows whole values that are not keyed lists', () => {
    expect(describeDifference(null, [], names)).toBe('the reference has null, the run has []');
  });
});
