// A workload: what a comparison runs through every strategy. It is data (a preset, or a user's JSON
// file), and `buildScenario(workload, seed)` turns it into one Scenario per seed with the project's
// own PRNG, so every strategy gets the identical topology, source logs, triggers, faults and timing.
import { Prng } from '../core/prng.ts';
import type { LogicalTopology } from '../dataflow/topology.ts';
import { DEFAULT_TIMING, SCENARIO_FORMAT_VERSION, type FaultSpec, type Limits, type Scenario, type SourceRecordSpec, type Timing } from '../scenario/scenario.ts';

/** Source logs drawn per seed: `records` per subtask, keys in [0, keys), a share of them on the hot key 0. */
export interface GeneratedSource {
  readonly records: number;
  readonly keys: number;
  /** Percent of records (0..100) that carry key 0: skew. */
  readonly hotKeyPercent?: number;
  /** Values are drawn in [0, valueMax). */
  readonly valueMax?: number;
}

/** Source logs given record by record (the same for every seed), one log per subtask. */
export interface ExplicitSource {
  readonly logs: readonly (readonly SourceRecordSpec[])[];
}

export type SourceSpec = GeneratedSource | ExplicitSource;

/** Triggers at fromTick, fromTick + everyTicks, ... up to untilTick (inclusive). */
export interface CheckpointInterval {
  readonly fromTick: number;
  readonly everyTicks: number;
  readonly untilTick: number;
}

export type CheckpointSchedule = CheckpointInterval | { readonly triggers: readonly number[] };

export type CrashKind = 'task-crash' | 'global-crash' | 'coordinator-crash';

/** `count` crashes per seed, at ticks drawn in [fromTick, untilTick), of kinds drawn from `kinds`. */
export interface RandomCrashes {
  readonly count: number;
  readonly fromTick: number;
  readonly untilTick: number;
  readonly kinds?: readonly CrashKind[];
}

/** Places a workload on an axis, for charts of a metric as something grows (e.g. backpressure). */
export interface Sweep {
  readonly family: string;
  readonly axis: string;
  readonly value: number;
}

export interface Workload {
  readonly name: string;
  readonly description: string;
  readonly sweep?: Sweep;
  readonly topology: LogicalTopology;
  readonly sources: Readonly<Record<string, SourceSpec>>;
  readonly checkpoints: CheckpointSchedule;
  readonly faults?: readonly FaultSpec[];
  readonly randomCrashes?: RandomCrashes;
  readonly timing?: Partial<Timing>;
  readonly limits?: Partial<Limits>;
  readonly strategyOptions?: Readonly<Record<string, number>>;
}

export const DEFAULT_VALUE_MAX = 1000;
/** Generous: a comparison wants every checkpoint measured, not expired by the default timeout. */
export const COMPARE_CHECKPOINT_TIMEOUT_TICKS = 2000;
export const COMPARE_LIVENESS_TICKS_MAX = 20_000;

/** Independent PRNG streams per purpose, so that changing the crash settings leaves the logs alone. */
const LOG_STREAM = 1;
const CRASH_STREAM = 2;

function streamSeed(seed: number, stream: number): number {
  return seed * 4 + stream;
}

/** The scenario of `workload` for `seed`. Pure: the same workload and seed give the same scenario. */
export function buildScenario(workload: Workload, seed: number): Scenario {
  const faults = [...(workload.faults ?? []), ...randomCrashes(workload.randomCrashes, seed)];
  const faultTicks = faults.flatMap((f) => ('tick' in f ? [f.tick] : []));
  const timing: Timing = { ...DEFAULT_TIMING, checkpointTimeoutTicks: COMPARE_CHECKPOINT_TIMEOUT_TICKS, ...workload.timing };
  const limits: Limits = {
    faultWindowTicks: faults.length === 0 ? 0 : Math.max(0, ...faultTicks) + 1,
    livenessTicksMax: COMPARE_LIVENESS_TICKS_MAX,
    ...workload.limits,
  };
  return {
    formatVersion: SCENARIO_FORMAT_VERSION,
    strategy: 'compare',
    ...(workload.strategyOptions === undefined ? {} : { strategyOptions: workload.strategyOptions }),
    topology: workload.topology,
    sourceLogs: sourceLogs(workload, seed),
    triggers: triggerTicks(workload.checkpoints),
    faults,
    timing,
    limits,
    decisions: [],
  };
}

export function triggerTicks(schedule: CheckpointSchedule): number[] {
  if ('triggers' in schedule) return [...schedule.triggers];
  const ticks: number[] = [];
  for (let tick = schedule.fromTick; tick <= schedule.untilTick; tick += schedule.everyTicks) ticks.push(tick);
  return ticks;
}

/** Logs in topology order (source nodes, then subtasks), each drawn from one PRNG stream per seed. */
function sourceLogs(workload: Workload, seed: number): Record<string, SourceRecordSpec[][]> {
  const prng = new Prng(streamSeed(seed, LOG_STREAM));
  const logs: Record<string, SourceRecordSpec[][]> = {};
  for (const node of workload.topology.nodes) {
    if (node.kind !== 'source') continue;
    const spec = workload.sources[node.id];
    if (spec === undefined) continue; // reported by the scenario validation, naming the source
    if ('logs' in spec) logs[node.id] = spec.logs.map((log) => log.map((r) => ({ key: r.key, value: r.value })));
    else logs[node.id] = Array.from({ length: node.parallelism }, () => generatedLog(prng, spec));
  }
  return logs;
}

function generatedLog(prng: Prng, spec: GeneratedSource): SourceRecordSpec[] {
  const hot = spec.hotKeyPercent ?? 0;
  const valueMax = spec.valueMax ?? DEFAULT_VALUE_MAX;
  return Array.from({ length: spec.records }, () => {
    const key = prng.nextBelow(100) < hot ? 0 : prng.nextBelow(spec.keys);
    return { key, value: prng.nextBelow(valueMax) };
  });
}

function randomCrashes(spec: RandomCrashes | undefined, seed: number): FaultSpec[] {
  if (spec === undefined || spec.count === 0) return [];
  const prng = new Prng(streamSeed(seed, CRASH_STREAM));
  const kinds = spec.kinds ?? ['task-crash'];
  const span = Math.max(1, spec.untilTick - spec.fromTick);
  const faults: FaultSpec[] = [];
  for (let i = 0; i < spec.count; i++) {
    const tick = spec.fromTick + prng.nextBelow(span);
    const kind = kinds[prng.nextBelow(kinds.length)]!;
    // The task index is taken modulo the task count by the simulator; any small number spreads well.
    const task = prng.nextBelow(64);
    faults.push(kind === 'task-crash' ? { kind, tick, task } : { kind, tick });
  }
  return faults.sort((a, b) => ('tick' in a ? a.tick : 0) - ('tick' in b ? b.tick : 0));
}
