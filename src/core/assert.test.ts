import { describe, expect, it } from 'vitest';
import { AssertionFailed, assert, unreachable } from './assert.ts';

describe('assert', () => {
  it('returns quietly when the condition holds', () => {
    expect(() => assert(1, 'never shown')).not.toThrow();
  });

  it.each([false, 0, '', null, undefined])('throws AssertionFailed with the message for %j', (condition) => {
    expect(() => assert(condition, 'queue must be ordered')).toThrow(new AssertionFailed('queue must be ordered'));
  });

  it('names its error class, so reports tell a snapcheck bug from a modelled fault', () => {
    const error = new AssertionFailed('x');
    expect(error.name).toBe('AssertionFailed');
    expect(error).toBeInstanceOf(Error);
  });
});

describe('unreachable', () => {
  it('throws AssertionFailed naming the context and the unexpected value as JSON', () => {
    const impossible = { kind: 'mystery' } as never;
    expect(() => unreachable(impossible, 'route')).toThrow(AssertionFailed);
    expect(() => unreachable(impossible, 'route')).toThrow('route: unexpected {"kind":"mystery"}');
  });
});
