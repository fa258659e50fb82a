import { describe, expect, it } from 'vitest';
import { SuppliedChoices } from '../core/choice.ts';
import { LabelledChoices, ReplayChoices, StreamChoices } from './choices.ts';

function ask(source: { choose(label: string, bound: number): number }, asks: [string, number][]): number[] {
  return asks.map(([label, bound]) => source.choose(label, bound));
}

const ASKS: [string, number][] = [
  ['delay', 4],
  ['cost', 1],
  ['cost', 3],
  ['input', 2],
  ['delay', 4],
];

describe('ReplayChoices', () => {
  it('follows the recorded list and records exactly what it answered, skipping forced choices', () => {
    const source = new ReplayChoices([3, 2, 1, 0]);
    expect(ask(source, ASKS)).toEqual([3, 0, 2, 1, 0]);
    expect(source.taken()).toEqual([3, 2, 1, 0]);
    expect(source.mismatch).toBeNull();
  });

  it('notes the first decision that does not fit and carries on like `check` would', () => {
    const source = new ReplayChoices([3, 5]);
    expect(ask(source, ASKS)).toEqual([3, 0, 2, 0, 0]);
    expect(source.mismatch).toEqual({ index: 1, label: 'cost', bound: 3, recorded: 5 });
    const short = new ReplayChoices([1]);
    ask(short, ASKS);
    expect(short.mismatch).toEqual({ index: 1, label: 'cost', bound: 3, recorded: null });
  });
});

describe('LabelledChoices', () => {
  it('decides exactly as SuppliedChoices does, and logs every label', () => {
    const supplied = [9, -4, 2.5, Number.NaN, 7];
    const labelled = new LabelledChoices(supplied);
    expect(ask(labelled, ASKS)).toEqual(ask(new SuppliedChoices(supplied), ASKS));
    expect(labelled.labels).toEqual(['delay', 'cost', 'input', 'delay']);
  });
});

describe('StreamChoices', () => {
  it('answers each label from its own queue, modulo the bound, zeros after the end', () => {
    const source = new StreamChoices(new Map([['delay', [2, 7]], ['cost', [1]]]));
    expect(ask(source, ASKS)).toEqual([2, 0, 1, 0, 3]);
    expect(source.taken()).toEqual([2, 1, 0, 3]);
  });
});
