// Running a comparison: every workload, for every seed, through every strategy. Per (workload, seed)
// there is one scenario, identical for every strategy, and each strategy draws its decisions from
// `new SeededChoices(seed)`: the same seeded decision stream (a strategy that asks different
// questions, like sync pausing its sources, consumes it differently from there on). Numbers depend
// on nothing but the inputs: no wall clock, no randomness outside the seeds.
import { SeededChoices } from '../core/choice.ts';
import type { SnapshotState } from '../core/history.ts';
import { checkAll } from '../oracle/index.ts';
import { referenceFinalStates } from '../oracle/reference.ts';
import type { PropertyName } from '../oracle/verdict.ts';
import { StrategyContractError } from '../sim/effects.ts';
import { run, UnsupportedTopology } from '../sim/runner.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { CheckpointStrategy, Guarantee } from '../strategies/strategy.ts';
import { measure } from './measure.ts';
import { NO_CHECKPOINTS } from './no-checkpoints.ts';
import { summarize, type CellSummary } from './summary.ts';
import type { CheckpointMetrics, RunTotals } from './measure.ts';
import { buildScenario, type Workload } from './workload.ts';

/** The oracle properties a run is held to, by declared guarantee (determinism is the suites' business). */
export const ORACLE_PROPERTIES: Readonly<Record<Guarantee, readonly PropertyName[]>> = {
  'exactly-once': ['cut-consistency', 'prefix-consistency', 'exactly-once', 'liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol'],
  'at-least-once': ['at-least-once', 'liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol'],
  none: ['liveness', 'coordinator-contract', 'abort-protocol', 'barrier-protocol'],
};

export interface ViolationNote {
  readonly seed: number;
  /** An oracle property, or `no-exception` when the run threw. */
  readonly property: string;
  readonly explanation: string;
}

export interface RunRecord {
  readonly seed: number;
  readonly checkpoints: readonly CheckpointMetrics[];
  readonly totals: RunTotals;
  readonly throughputVsNoCheckpoints: number;
  readonly violations: readonly ViolationNote[];
}

export type Cell =
  | { readonly status: 'measured'; readonly strategy: string; readonly workload: string; readonly runs: readonly RunRecord[]; readonly summary: CellSummary }
  | { readonly status: 'unsupported'; readonly strategy: string; readonly workload: string; readonly reason: string };

export interface Comparison {
  readonly seeds: readonly number[];
  readonly strategies: readonly { readonly name: string; readonly guarantee: Guarantee }[];
  readonly workloads: readonly Workload[];
  /** Workload-major, then strategy, in the order given. */
  readonly cells: readonly Cell[];
}

export interface CompareOptions {
  readonly strategies: readonly CheckpointStrategy[];
  readonly workloads: readonly Workload[];
  /** Seeds 1..seedCount. */
  readonly seedCount: number;
  /** Called after every simulated run (strategy runs and the no-checkpoint baselines). */
  readonly onRun?: (done: number, total: number, workload: string) => void;
}

export function compareStrategies(options: CompareOptions): Comparison {
  const { strategies, workloads, seedCount } = options;
  const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
  const total = workloads.length * seeds.length * (strategies.length + 1);
  let done = 0;
  const cells: Cell[] = [];
  for (const workload of workloads) {
    const tick = () => options.onRun?.(++done, total, workload.name);
    const outcomes = strategies.map((): Outcome => ({ kind: 'ran', records: [] }));
    for (const seed of seeds) {
      const scenario = buildScenario(workload, seed);
      const reference = referenceFinalStates(scenario);
      const baseline = baselineThroughput(scenario, reference, seed);
      tick();
      strategies.forEach((strategy, i) => {
        const sofar = outcomes[i]!;
        // A strategy that cannot run the topology cannot run it for any seed: it is asked once.
        if (sofar.kind === 'ran') outcomes[i] = runOne(scenario, strategy, seed, reference, baseline, sofar.records);
        tick();
      });
    }
    strategies.forEach((strategy, i) => cells.push(cellOf(workload.name, strategy.name, outcomes[i]!)));
  }
  return { seeds, strategies: strategies.map((s) => ({ name: s.name, guarantee: s.guarantee })), workloads, cells };
}

/** A strategy's runs of one workload so far, or why it cannot run it. */
type Outcome = { readonly kind: 'ran'; readonly records: readonly RunRecord[] } | { readonly kind: 'unsupported'; readonly reason: string };

function cellOf(workload: string, strategy: string, outcome: Outcome): Cell {
  if (outcome.kind === 'unsupported') return { status: 'unsupported', strategy, workload, reason: outcome.reason };
  return { status: 'measured', strategy, workload, runs: outcome.records, summary: summarize(outcome.records) };
}

/** The same scenario with no checkpoint triggered, under a strategy that never checkpoints. */
function baselineThroughput(scenario: Scenario, reference: ReadonlyMap<string, SnapshotState>, seed: number): number {
  const unchecked: Scenario = { ...scenario, triggers: [] };
  const result = run(unchecked, NO_CHECKPOINTS, { choices: new SeededChoices(seed) });
  return measure(unchecked, result.history, reference).totals.throughput;
}

/** `before` plus this seed's run, or why the strategy cannot run this workload at all. */
function runOne(scenario: Scenario, strategy: CheckpointStrategy, seed: number, reference: ReadonlyMap<string, SnapshotState>, baseline: number, before: readonly RunRecord[]): Outcome {
  let history;
  try {
    history = run(scenario, strategy, { choices: new SeededChoices(seed) }).history;
  } catch (error) {
    if (error instanceof UnsupportedTopology) return { kind: 'unsupported', reason: error.message };
    if (error instanceof StrategyContractError) throw error; // a broken strategy, not a finding: the caller reports it
    return { kind: 'ran', records: [...before, crashedRun(seed, error)] };
  }
  const { checkpoints, totals } = measure(scenario, history, reference);
  const violations: ViolationNote[] = [];
  for (const verdict of checkAll(scenario, history, ORACLE_PROPERTIES[strategy.guarantee])) {
    if (verdict.status === 'violated') violations.push({ seed, property: verdict.property, explanation: verdict.explanation });
  }
  const record: RunRecord = { seed, checkpoints, totals, throughputVsNoCheckpoints: baseline > 0 ? totals.throughput / baseline : 0, violations };
  return { kind: 'ran', records: [...before, record] };
}

const NOTHING_MEASURED: RunTotals = {
  records_read: 0,
  makespan_ticks: 0,
  throughput: 0,
  records_replayed: 0,
  recovery_duration: 0,
  crashes: 0,
  duplicates: 0,
  checkpoints_triggered: 0,
  checkpoints_completed: 0,
  checkpoints_aborted: 0,
};

/** A strategy that threw: the run counts, with nothing measured and a `no-exception` violation. */
function crashedRun(seed: number, error: unknown): RunRecord {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const violation = { seed, property: 'no-exception', explanation: `the run threw ${message.split('\n')[0]}` };
  return { seed, checkpoints: [], totals: NOTHING_MEASURED, throughputVsNoCheckpoints: 0, violations: [violation] };
}
