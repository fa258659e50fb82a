// A counterexample bundle: everything needed to replay a failure byte for byte anywhere, and to
// notice when a replay no longer does. Versioned JSON (format "snapcheck-bundle", formatVersion 1):
//
//   tool         which snapcheck wrote it
//   strategy     a built-in name, or a module path with the sha256 of its content
//   property     the violated property, and `verdict` with the oracle's explanation and witness
//   search       how the suite found it (seed, fast-check path, runs, shrink and minimizer steps)
//   scenario     the (minimized) scenario; `decisions` every decision the run took, replayed strictly
//   history      the hash chain (one hash per History step) and the recorded events (see HISTORY_*)
//   expectation  pinned bundles only: still failing (a canary) or holding (a fixed regression)
//   checksum     sha256 over the canonical JSON of everything else: a hand edit is detected on read
import { createHash } from 'node:crypto';
import type { History, HistoryEvent } from '../core/history.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { CheckpointStrategy, Guarantee } from '../strategies/strategy.ts';
import { canonicalJson } from './canonical.ts';
import { ReplayChoices, LabelledChoices } from './choices.ts';
import { hashChain } from './hash-chain.ts';
import { runAndCheck, type CheckedProperty, type PropertyOutcome } from './property-check.ts';
import { TOOL_VERSION } from './tool-version.ts';

export const BUNDLE_FORMAT = 'snapcheck-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/**
 * Histories up to this many events are stored whole (a minimized counterexample has tens to a few
 * hundred). A longer one keeps its first steps and a window either side of each witness event;
 * every step's hash is always stored, so a divergence is still named exactly, with the
 * recorded event printed when it falls in a stored window.
 */
export const HISTORY_EVENTS_STORED_MAX = 1000;
export const HISTORY_HEAD_STORED = 100;
export const HISTORY_WITNESS_WINDOW = 20;

export type StrategyRef =
  | { readonly kind: 'built-in'; readonly name: string }
  | { readonly kind: 'module'; readonly name: string; readonly path: string; readonly sha256: string };

export interface SearchInfo {
  readonly seed: number;
  /** fast-check's replay path: `snapcheck run --seed S --path P` reaches the shrunk scenario. */
  readonly path: string;
  readonly runs: number;
  readonly runsToFind: number;
  readonly shrinks: number;
  readonly minimizerSteps: number;
  /** The properties the suite checked (null: every property of the guarantee). */
  readonly properties: readonly string[] | null;
}

export interface StoredSegment {
  readonly start: number;
  readonly events: readonly HistoryEvent[];
}

export interface RecordedHistory {
  readonly length: number;
  /** chain[i] = fnv64(chain[i-1] + "\n" + canonical JSON of event i), chain[-1] = CHAIN_ORIGIN. */
  readonly chain: readonly string[];
  /** The recorded events, whole or in segments (ascending, disjoint). */
  readonly segments: readonly StoredSegment[];
  /** Set when the run threw instead of finishing (the no-exception property). */
  readonly error: string | null;
}

export interface Expectation {
  /** violated: the bundle must still violate its property (a canary); holds: it must now hold (a fixed bug). */
  readonly outcome: 'violated' | 'holds';
  readonly description: string;
}

export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly formatVersion: typeof BUNDLE_FORMAT_VERSION;
  readonly tool: { readonly name: 'snapcheck'; readonly version: string };
  readonly strategy: StrategyRef;
  readonly guarantee: Guarantee;
  readonly property: CheckedProperty;
  readonly verdict: PropertyOutcome;
  readonly search: SearchInfo | null;
  /** The command (or tool step) that wrote it, for the reader. */
  readonly createdBy: string;
  readonly scenario: Scenario;
  readonly decisions: readonly number[];
  readonly history: RecordedHistory;
  readonly expectation: Expectation | null;
  readonly checksum: string;
}

export interface BundleInput {
  readonly strategy: CheckpointStrategy;
  readonly strategyRef: StrategyRef;
  readonly scenario: Scenario;
  readonly property: CheckedProperty;
  readonly search: SearchInfo | null;
  readonly createdBy: string;
  readonly expectation?: Expectation | null;
  /** Replay these decisions instead of the scenario's own list (a bundle being re-written). */
  readonly decisions?: readonly number[];
}

/** Run the scenario once more, recording its decisions, History chain and verdict. */
export function createBundle(input: BundleInput): Bundle {
  const choices = input.decisions === undefined ? new LabelledChoices(input.scenario.decisions) : new ReplayChoices(input.decisions);
  const checked = runAndCheck(input.scenario, input.strategy, input.property, choices);
  const history: History = checked.kind === 'ran' ? checked.history : [];
  const witnessIndices = checked.outcome.status === 'violated' ? checked.outcome.witness.map((w) => w.index) : [];
  const body: Omit<Bundle, 'checksum'> = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    tool: { name: 'snapcheck', version: TOOL_VERSION },
    strategy: input.strategyRef,
    guarantee: input.strategy.guarantee,
    property: input.property,
    verdict: checked.outcome,
    search: input.search,
    createdBy: input.createdBy,
    scenario: input.scenario,
    decisions: checked.kind === 'ran' ? [...checked.decisions] : [...choices.taken()],
    history: {
      length: history.length,
      chain: hashChain(history),
      segments: storedSegments(history, witnessIndices),
      error: checked.kind === 'threw' ? checked.error : null,
    },
    expectation: input.expectation ?? null,
  };
  return { ...body, checksum: bundleChecksum(body) };
}

export function bundleChecksum(body: Omit<Bundle, 'checksum'>): string {
  return `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
}

/** A copy with some fields replaced and the checksum recomputed (pinning, renaming). */
export function withFields(bundle: Bundle, fields: Partial<Omit<Bundle, 'checksum'>>): Bundle {
  const { checksum: _old, ...body } = { ...bundle, ...fields };
  return { ...body, checksum: bundleChecksum(body) };
}

/** Which steps to store: everything when short, else the head and a window around each witness event. */
export function storedSegments(history: History, witnessIndices: readonly number[]): StoredSegment[] {
  if (history.length <= HISTORY_EVENTS_STORED_MAX) return history.length === 0 ? [] : [{ start: 0, events: history.slice() }];
  const ranges: [number, number][] = [[0, HISTORY_HEAD_STORED]];
  for (const i of [...witnessIndices].sort((a, b) => a - b)) ranges.push([Math.max(0, i - HISTORY_WITNESS_WINDOW), i + HISTORY_WITNESS_WINDOW + 1]);
  const merged: [number, number][] = [];
  for (const [from, to] of ranges.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, Math.min(to, history.length)]);
  }
  return merged.map(([from, to]) => ({ start: from, events: history.slice(from, Math.min(to, history.length)) }));
}

/** The recorded event at `step`, when the bundle stored it. */
export function recordedEvent(history: RecordedHistory, step: number): HistoryEvent | null {
  for (const segment of history.segments) {
    if (step >= segment.start && step < segment.start + segment.events.length) return segment.events[step - segment.start]!;
  }
  return null;
}

/** The whole recorded History, or null when only segments were stored. */
export function recordedHistory(history: RecordedHistory): History | null {
  const only = history.segments[0];
  if (history.length === 0) return [];
  return history.segments.length === 1 && only!.start === 0 && only!.events.length === history.length ? only!.events : null;
}
