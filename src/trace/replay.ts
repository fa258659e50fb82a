// Replaying a bundle: its scenario, run with its recorded decisions, by the named strategy. The new
// History's hash chain is compared step by step with the recorded one, and the bundle's property is
// checked again. Three outcomes:
//   reproduced  the property is still violated and the History is byte-identical (exit 1)
//   fixed       the property holds now (exit 0); where the History first differs says where the fix acts
//   diverged    the property is still violated, but the History differs from the recorded one (exit 3)
import type { HistoryEvent } from '../core/history.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { recordedEvent, type Bundle } from './bundle.ts';
import { ReplayChoices, type DecisionMismatch } from './choices.ts';
import { firstDifference, hashChain } from './hash-chain.ts';
import { runAndCheck, type CheckedRun, type PropertyOutcome } from './property-check.ts';

export interface Divergence {
  /** The first History step whose hash differs (or where one History ends). */
  readonly step: number;
  /** The recorded event at that step: null past the recorded end, or when the bundle did not store it. */
  readonly recorded: HistoryEvent | null;
  /** The replayed event at that step: null past the replayed end. */
  readonly replayed: HistoryEvent | null;
  /** False when the recorded History is shorter than `step` (as opposed to "not stored"). */
  readonly recordedStored: boolean;
  readonly recordedLength: number;
  readonly replayedLength: number;
}

export type ReplayOutcome =
  | { readonly kind: 'reproduced'; readonly run: CheckedRun; readonly outcome: Extract<PropertyOutcome, { status: 'violated' }> }
  | { readonly kind: 'fixed'; readonly run: CheckedRun; readonly divergence: Divergence | null; readonly decisionMismatch: DecisionMismatch | null }
  | {
      readonly kind: 'diverged';
      readonly run: CheckedRun;
      readonly outcome: Extract<PropertyOutcome, { status: 'violated' }>;
      readonly divergence: Divergence;
      readonly decisionMismatch: DecisionMismatch | null;
    };

export function replayBundle(bundle: Bundle, strategy: CheckpointStrategy): ReplayOutcome {
  const choices = new ReplayChoices(bundle.decisions);
  const run = runAndCheck(bundle.scenario, strategy, bundle.property, choices);
  const divergence = divergenceOf(bundle, run);
  const decisionMismatch = choices.mismatch;
  if (run.outcome.status === 'holds') return { kind: 'fixed', run, divergence, decisionMismatch };
  // The History is the ground truth: identical steps are a reproduction even if trailing decisions went unused.
  if (divergence === null) return { kind: 'reproduced', run, outcome: run.outcome };
  return { kind: 'diverged', run, outcome: run.outcome, divergence, decisionMismatch };
}

function divergenceOf(bundle: Bundle, run: CheckedRun): Divergence | null {
  if (run.kind === 'threw') {
    // A run that throws has no History; it "diverges" only if the recorded one did not throw the same way.
    if (bundle.history.error === run.error) return null;
    return endOfHistory(bundle, run);
  }
  if (bundle.history.error !== null) return { ...endOfHistory(bundle, run), step: 0, replayed: run.history[0] ?? null };
  const step = firstDifference(bundle.history.chain, hashChain(run.history));
  if (step === null) return null;
  return {
    step,
    recorded: recordedEvent(bundle.history, step),
    replayed: run.history[step] ?? null,
    recordedStored: step >= bundle.history.length || recordedEvent(bundle.history, step) !== null,
    recordedLength: bundle.history.length,
    replayedLength: run.history.length,
  };
}

function endOfHistory(bundle: Bundle, run: CheckedRun): Divergence {
  const replayedLength = run.kind === 'ran' ? run.history.length : 0;
  const step = Math.min(bundle.history.length, replayedLength);
  return {
    step,
    recorded: recordedEvent(bundle.history, step),
    replayed: run.kind === 'ran' ? (run.history[step] ?? null) : null,
    recordedStored: true,
    recordedLength: bundle.history.length,
    replayedLength,
  };
}
