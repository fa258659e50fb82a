// What a checker returns: ok, a violation with a minimal witness and a one-paragraph explanation,
// or not-applicable (the property says nothing about this run, e.g. exactly-once when the job never
// quiesced). A discriminated union, never an exception: a violation is a finding, not an error.
import type { History, HistoryEvent } from '../core/history.ts';

export type PropertyName =
  | 'cut-consistency'
  | 'prefix-consistency'
  | 'exactly-once'
  | 'at-least-once'
  | 'liveness'
  | 'coordinator-contract'
  | 'abort-protocol'
  | 'barrier-protocol';

export const PROPERTY_NAMES: readonly PropertyName[] = [
  'cut-consistency',
  'prefix-consistency',
  'exactly-once',
  'at-least-once',
  'liveness',
  'coordinator-contract',
  'abort-protocol',
  'barrier-protocol',
];

/** One event of a witness: its position in the History, the event itself and what it proves. */
export interface WitnessEvent {
  readonly index: number;
  readonly event: HistoryEvent;
  readonly note: string;
}

export type Verdict =
  | { readonly status: 'ok'; readonly property: PropertyName; readonly duplicates?: number }
  | {
      readonly status: 'violated';
      readonly property: PropertyName;
      readonly witness: readonly WitnessEvent[];
      readonly explanation: string;
      readonly checkpoint?: number;
      readonly channel?: number;
      readonly record?: string;
    }
  | { readonly status: 'not-applicable'; readonly property: PropertyName; readonly reason: string };

export type Violation = Extract<Verdict, { status: 'violated' }>;

/** What a checker knows about a violation besides the property name. */
export interface ViolationDetails {
  readonly witness: readonly WitnessEvent[];
  readonly explanation: string;
  readonly checkpoint?: number;
  readonly channel?: number;
  readonly record?: string;
}

export function ok(property: PropertyName, duplicates?: number): Verdict {
  return duplicates === undefined ? { status: 'ok', property } : { status: 'ok', property, duplicates };
}

export function notApplicable(property: PropertyName, reason: string): Verdict {
  return { status: 'not-applicable', property, reason };
}

export function violated(property: PropertyName, details: ViolationDetails): Violation {
  return { status: 'violated', property, ...details };
}

/** A witness entry for `history[index]`. */
export function witness(history: History, index: number, note: string): WitnessEvent {
  return { index, event: history[index]!, note };
}
