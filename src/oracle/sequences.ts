// Comparison of two record sequences given as History event indices: what one side sent (expected)
// against what the other side consumed or recorded (actual), by record id and order. Returns the
// single most telling mismatch, so witnesses stay minimal.
import type { History } from '../core/history.ts';
import type { DataRecord } from '../core/messages.ts';
import { assert } from '../core/assert.ts';

export type SequenceMismatch =
  /** A record appears twice on one side: both event indices. */
  | { readonly kind: 'duplicate'; readonly side: 'expected' | 'actual'; readonly first: number; readonly second: number; readonly record: string }
  /** A record on the actual side that the expected side does not have. */
  | { readonly kind: 'unexpected'; readonly actual: number; readonly record: string }
  /** A record on the expected side that the actual side does not have. */
  | { readonly kind: 'missing'; readonly expected: number; readonly record: string }
  /** Same records, different order: `record` was sent after another but consumed before it. */
  | {
      readonly kind: 'reordered';
      readonly expectedEarlier: number;
      readonly expectedLater: number;
      readonly actualEarlier: number;
      readonly actualLater: number;
      readonly record: string;
    };

/** The record carried by a record event (sent, processed, reinjected, channelStateRecorded, read). */
export function recordAt(history: History, index: number): DataRecord {
  const event = history[index]!;
  assert('record' in event, `event ${index} (${event.kind}) carries no record`);
  return event.record;
}

export function diffSequences(history: History, expected: readonly number[], actual: readonly number[]): SequenceMismatch | null {
  if (sameIds(history, expected, actual)) return null;
  const expectedAt = positions(history, expected);
  const actualAt = positions(history, actual);
  if ('first' in actualAt) return { kind: 'duplicate', side: 'actual', ...actualAt };
  for (const i of actual) {
    const record = recordAt(history, i).id;
    if (!positionsHas(expectedAt, record)) return { kind: 'unexpected', actual: i, record };
  }
  for (const i of expected) {
    const record = recordAt(history, i).id;
    if (!positionsHas(actualAt, record)) return { kind: 'missing', expected: i, record };
  }
  if ('first' in expectedAt) return { kind: 'duplicate', side: 'expected', ...expectedAt };
  return reordering(history, expected, actual, expectedAt, actualAt);
}

function sameIds(history: History, expected: readonly number[], actual: readonly number[]): boolean {
  if (expected.length !== actual.length) return false;
  for (let i = 0; i < expected.length; i++) {
    if (recordAt(history, expected[i]!).id !== recordAt(history, actual[i]!).id) return false;
  }
  return true;
}

type Positions = Map<string, number> | { readonly first: number; readonly second: number; readonly record: string };

/** Record id -> position in the sequence, or the first duplicate found. */
function positions(history: History, sequence: readonly number[]): Positions {
  const at = new Map<string, number>();
  for (let p = 0; p < sequence.length; p++) {
    const record = recordAt(history, sequence[p]!).id;
    const earlier = at.get(record);
    if (earlier !== undefined) return { first: sequence[earlier]!, second: sequence[p]!, record };
    at.set(record, p);
  }
  return at;
}

function positionsHas(at: Positions, record: string): boolean {
  // A side with a duplicate still contains the duplicated record; other records are not looked up then.
  return at instanceof Map ? at.has(record) : true;
}

function reordering(
  history: History,
  expected: readonly number[],
  actual: readonly number[],
  expectedAt: Positions,
  actualAt: Positions,
): SequenceMismatch {
  assert(expectedAt instanceof Map && actualAt instanceof Map, 'reordering needs duplicate-free sequences');
  let i = 0;
  while (recordAt(history, expected[i]!).id === recordAt(history, actual[i]!).id) i++;
  const overtaken = recordAt(history, expected[i]!).id;
  const overtaking = recordAt(history, actual[i]!).id;
  return {
    kind: 'reordered',
    expectedEarlier: expected[i]!,
    expectedLater: expected[expectedAt.get(overtaking)!]!,
    actualEarlier: actual[i]!,
    actualLater: actual[actualAt.get(overtaken)!]!,
    record: overtaking,
  };
}
