// A causality-aware scenario minimizer, run after fast-check's shrinking (and by `snapcheck shrink`).
// fast-check shrinks the generator's inputs, where removing an operator re-wires the rest of the
// topology and re-interprets every decision after it, so it often stops early. Here each step removes
// one thing from the scenario itself (a fault, a checkpoint, a source with its records, an operator,
// a subtask, a record, a decision) and keeps the change only if the same property is still violated.
// Removing something also removes the decisions its steps consumed: a record takes its sends, their
// delivery delays and its processing costs along, so the rest of the schedule stays where it was
// (see decision-transfer.ts). When that schedule no longer fails, the plainest schedule and a few
// fresh ones are tried.
import { DEFAULT_TIMING, type Scenario, type Timing } from '../scenario/scenario.ts';
import { parseScenario } from '../scenario/scenario-schema.ts';
import { Prng } from '../core/prng.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { labelledRun, transferDecisions, trimZeros, type LabelledRun } from './decision-transfer.ts';
import {
  lowerParallelism,
  plainerTiming,
  simplerDecisions,
  withoutFaults,
  withoutIdleSources,
  withoutOperators,
  withoutRecords,
  withoutSources,
  withoutTriggers,
  type Candidate,
  type Pass,
} from './minimize-passes.ts';

export type StillFails = (scenario: Scenario) => boolean;

export interface MinimizeOptions {
  /** The strategy under test: lets the minimizer carry decisions over causally. Without it, lists are kept or reset. */
  readonly strategy?: CheckpointStrategy;
  readonly attemptsMax?: number;
}

export interface MinimizeResult {
  readonly scenario: Scenario;
  readonly attempts: number;
  readonly accepted: number;
}

export const ATTEMPTS_MAX = 4000;
/** Fresh schedules tried for a smaller scenario whose carried-over schedule no longer fails. */
const RESCHEDULES = 12;
const DECISION_VALUE_MAX = 7;
/** One-decision schedules: the position of the raised decision, and the values tried there. */
const SPARSE_POSITIONS = 12;
const SPARSE_VALUES = [1, 3];

const PASSES: readonly Pass[] = [
  withoutFaults,
  withoutTriggers,
  withoutSources,
  withoutOperators,
  withoutIdleSources,
  lowerParallelism,
  withoutRecords,
  simplerDecisions,
  plainerTiming,
];

/**
 * How big a counterexample is for a reader: its tasks (every node's subtasks), source records,
 * checkpoints (triggers) and crashes (faults). Channels follow from the tasks and partitioners; the
 * schedule is counted apart, as its non-plain (non-zero) decisions.
 */
export function counterexampleSize(s: Scenario): { readonly size: number; readonly nonPlainDecisions: number } {
  const tasks = s.topology.nodes.reduce((n, node) => n + node.parallelism, 0);
  const records = Object.values(s.sourceLogs).flat().reduce((n, log) => n + log.length, 0);
  return { size: tasks + records + s.triggers.length + s.faults.length, nonPlainDecisions: s.decisions.filter((d) => d !== 0).length };
}

export function minimizeScenario(start: Scenario, stillFails: StillFails, options: MinimizeOptions = {}): MinimizeResult {
  const state = new Minimizer(start, stillFails, options);
  state.run();
  return { scenario: state.current, attempts: state.attempts, accepted: state.accepted };
}

/** Each timing bound at least its default: room for delays that a smaller scenario may need. */
function widerTiming(timing: Timing): Timing {
  const wider = { ...timing };
  for (const key of ['deliveryDelayTicksMax', 'processingTicksMax', 'uploadTicksMax', 'rpcDelayTicksMax'] as const) wider[key] = Math.max(timing[key], DEFAULT_TIMING[key]);
  return wider;
}

class Minimizer {
  current: Scenario;
  attempts = 0;
  accepted = 0;
  private labelled: LabelledRun | null = null;
  // Deterministic: the minimizer's own schedule search uses a fixed-seed PRNG.
  private readonly prng = new Prng(0x5eed);
  private readonly attemptsMax: number;

  constructor(
    start: Scenario,
    private readonly stillFails: StillFails,
    private readonly options: MinimizeOptions,
  ) {
    this.current = start;
    this.attemptsMax = options.attemptsMax ?? ATTEMPTS_MAX;
  }

  run(): void {
    this.canonicalize();
    for (let changed = true; changed && this.attempts < this.attemptsMax; ) {
      changed = false;
      for (const pass of PASSES) {
        // Candidates are derived from the scenario as it was: after an accepted one, regenerate.
        for (const candidate of pass(this.current)) {
          if (this.tryCandidate(candidate)) {
            changed = true;
            break;
          }
        }
      }
    }
    this.canonicalize();
  }

  /** Replace the decisions by the ones the run actually took (in bounds), without the trailing zeros. */
  private canonicalize(): void {
    const labelled = this.labelledCurrent();
    if (labelled === null) return;
    const decisions = trimZeros(labelled.values);
    if (decisions.length === this.current.decisions.length && decisions.every((d, i) => d === this.current.decisions[i])) return;
    this.accept({ ...this.current, decisions }, false);
  }

  private tryCandidate(candidate: Candidate): boolean {
    if (this.attempts >= this.attemptsMax || !parseScenario(candidate.scenario).ok) return false;
    const carried = this.carriedOver(candidate);
    if (carried !== null && this.accept(carried)) return true;
    if (this.accept(candidate.scenario)) return true;
    if (!candidate.reschedule) return false;
    if (candidate.scenario.decisions.length > 0 && this.accept({ ...candidate.scenario, decisions: [] })) return true;
    return this.reschedule(candidate.scenario);
  }

  /**
   * Fresh schedules for a smaller scenario: first the plainest schedule with one decision raised
   * (minimal counterexamples rarely need more than one non-plain choice), then random ones. A smaller
   * structure may need more room in time than the plainest timing left, so these also run with the
   * timing widened back to the defaults (the timing pass narrows it again afterwards).
   */
  private reschedule(scenario: Scenario): boolean {
    const widened = { ...scenario, timing: widerTiming(scenario.timing) };
    for (let at = 0; at < SPARSE_POSITIONS; at++) {
      for (const value of SPARSE_VALUES) {
        const decisions = [...Array.from({ length: at }, () => 0), value];
        if (this.accept({ ...widened, decisions })) return true;
      }
    }
    for (let i = 0; i < RESCHEDULES && this.attempts < this.attemptsMax; i++) {
      const length = Math.max(8, scenario.decisions.length);
      const decisions = Array.from({ length }, () => this.prng.nextBelow(DECISION_VALUE_MAX + 1));
      if (this.accept({ ...(i % 2 === 0 ? scenario : widened), decisions })) return true;
    }
    return false;
  }

  /** The candidate with the current run's decisions carried over causally; null when that changes nothing. */
  private carriedOver(candidate: Candidate): Scenario | null {
    const strategy = this.options.strategy;
    const labelled = this.labelledCurrent();
    if (strategy === undefined || labelled === null) return null;
    if (candidate.drops === undefined && candidate.forcedLabels === undefined && candidate.scenario.decisions !== this.current.decisions) return null;
    const decisions = transferDecisions(candidate.scenario, strategy, labelled, candidate);
    if (decisions === null) return null;
    const same = decisions.length === candidate.scenario.decisions.length && decisions.every((d, i) => d === candidate.scenario.decisions[i]);
    return same ? null : { ...candidate.scenario, decisions };
  }

  private accept(scenario: Scenario, counts = true): boolean {
    if (this.attempts >= this.attemptsMax) return false;
    this.attempts++;
    if (!this.stillFails(scenario)) return false;
    this.current = scenario;
    this.labelled = null;
    if (counts) this.accepted++;
    return true;
  }

  private labelledCurrent(): LabelledRun | null {
    const strategy = this.options.strategy;
    if (strategy === undefined) return null;
    return (this.labelled ??= labelledRun(this.current, strategy));
  }
}
