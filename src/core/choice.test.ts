import { describe, expect, it } from 'vitest';
import { AssertionFailed } from './assert.ts';
import { type ChoiceSource, RecordedChoices, ReplayDiverged, SeededChoices, SuppliedChoices } from './choice.ts';
import { Prng } from './prng.ts';

// A fixed mix of bounds, including forced choices (bound 1), as a run would ask them.
const BOUNDS = [3, 1, 10, 2, 1, 1000, 7, 0x7fff_ffff, 5, 1];

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

function ask(source: ChoiceSource, bounds: readonly number[]): number[] {
  return bounds.map((bound, i) => source.choose(`decision ${i}`, bound));
}

describe('SeededChoices', () => {
  it('makes the same decisions for the same seed', () => {
    expect(ask(new SeededChoices(17), BOUNDS)).toEqual(ask(new SeededChoices(17), BOUNDS));
  });

  it('makes different decisions for a different seed', () => {
    const bounds = Array.from({ length: 20 }, () => 1000);
    expect(ask(new SeededChoices(17), bounds)).not.toEqual(ask(new SeededChoices(18), bounds));
  });

  it('draws each real decision from the seeded PRNG and none for a forced one', () => {
    const prng = new Prng(5);
    const expected = BOUNDS.map((bound) => (bound === 1 ? 0 : prng.nextBelow(bound)));
    expect(ask(new SeededChoices(5), BOUNDS)).toEqual(expected);
  });

  it('records every decision except forced ones, in order', () => {
    const source = new SeededChoices(9);
    const values = ask(source, BOUNDS);
    expect(source.taken()).toEqual(values.filter((_, i) => BOUNDS[i] !== 1));
  });

  it('replays identically through RecordedChoices, beyond the initial log capacity', () => {
    // 1000 decisions: more than the 256 the typed log starts with, so it must grow without losing any.
    const bounds = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 2 + (i % 97)));
    const seeded = new SeededChoices(123);
    const original = ask(seeded, bounds);
    expect(seeded.taken()).toHaveLength(750);
    const replay = new RecordedChoices(seeded.taken());
    expect(ask(replay, bounds)).toEqual(original);
    expect(replay.taken()).toEqual(seeded.taken());
  });

  it('hands out a copy from taken(), unaffected by later decisions', () => {
    const source = new SeededChoices(1);
    source.choose('a', 10);
    const before = source.taken();
    source.choose('b', 10);
    expect(before).toHaveLength(1);
    expect(source.taken()).toHaveLength(2);
  });
});

describe('SuppliedChoices', () => {
  it('reduces each supplied value modulo its bound', () => {
    const source = new SuppliedChoices([7, 12, 3, 2 ** 40 + 5]);
    expect(ask(source, [5, 4, 10, 8])).toEqual([2, 0, 3, 5]);
  });

  it('turns negative and fractional values into valid choices', () => {
    const source = new SuppliedChoices([-7, 4.9]);
    expect(ask(source, [5, 3])).toEqual([2, 1]);
  });

  it('answers zero once the list is exhausted, and records those zeros', () => {
    const source = new SuppliedChoices([4]);
    expect(ask(source, [10, 10, 10])).toEqual([4, 0, 0]);
    expect(source.taken()).toEqual([4, 0, 0]);
  });

  it('neither consumes nor records a forced choice', () => {
    const source = new SuppliedChoices([5, 7]);
    expect(source.choose('forced', 1)).toBe(0);
    expect(source.choose('first', 10)).toBe(5);
    expect(source.choose('forced again', 1)).toBe(0);
    expect(source.choose('second', 10)).toBe(7);
    expect(source.taken()).toEqual([5, 7]);
  });
});

describe('RecordedChoices', () => {
  it('returns the recorded values and skips forced choices', () => {
    const source = new RecordedChoices([2, 0, 9]);
    expect(ask(source, [3, 1, 2, 10])).toEqual([2, 0, 0, 9]);
  });

  it('throws ReplayDiverged with the index of a decision that was never recorded', () => {
    const source = new RecordedChoices([1]);
    source.choose('first', 2);
    const error = thrownBy(() => source.choose('delivery', 4));
    expect(error).toBeInstanceOf(ReplayDiverged);
    expect(error).toMatchObject({ name: 'ReplayDiverged', decisionIndex: 1 });
    expect((error as Error).message).toContain('"delivery"');
  });

  it.each([
    [3, 'at the bound'],
    [-1, 'negative'],
    [1.5, 'fractional'],
  ])('throws ReplayDiverged for a recorded value %d (%s) at its decision index', (value) => {
    const source = new RecordedChoices([0, value]);
    expect(source.choose('first', 3)).toBe(0);
    const error = thrownBy(() => source.choose('second', 3));
    expect(error).toBeInstanceOf(ReplayDiverged);
    expect(error).toMatchObject({ decisionIndex: 1 });
  });

  it('names the decision index and the bound when a value is out of range', () => {
    const source = new RecordedChoices([0, 0, 8]);
    ask(source, [2, 2]);
    expect(() => source.choose('cost', 5)).toThrow(/#2 \("cost"\) is 8, outside \[0, 5\)/);
  });
});

describe('choice bounds', () => {
  const sources: [string, () => ChoiceSource][] = [
    ['SeededChoices', () => new SeededChoices(1)],
    ['SuppliedChoices', () => new SuppliedChoices([1, 2, 3])],
    ['RecordedChoices', () => new RecordedChoices([1, 2, 3])],
  ];

  it.each(sources)('%s rejects bounds outside [1, 2^31) and non-integers', (_name, make) => {
    for (const bound of [0, -3, 2.5, 2 ** 31, Number.NaN]) {
      expect(() => make().choose('bad', bound)).toThrow(AssertionFailed);
    }
  });

  it.each(sources)('%s accepts the largest bound, 2^31 - 1', (_name, make) => {
    const value = make().choose('wide', 0x7fff_ffff);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(0x7fff_ffff);
  });
});

describe('SuppliedChoices with values that are not finite numbers', () => {
  it('treats them as the plainest choice and records what it returned', () => {
    const choices = new SuppliedChoices([Number.NaN, Number.POSITIVE_INFINITY, 5]);
    const values = [choices.choose('a', 4), choices.choose('b', 4), choices.choose('c', 4)];
    expect(values).toEqual([0, 0, 1]);
    expect(choices.taken()).toEqual(values);
  });
});
