// A Scenario is plain JSON: everything a run depends on. `run(scenario, strategy)` is a pure
// function of it: same scenario, byte-identical History.
import type { LogicalTopology } from '../dataflow/topology.ts';

export const SCENARIO_FORMAT_VERSION = 1;

export interface SourceRecordSpec {
  readonly key: number;
  readonly value: number;
}

export type FaultSpec =
  /** Task `task` (modulo the task count) crashes at `tick`; the job fails over. */
  | { readonly kind: 'task-crash'; readonly tick: number; readonly task: number }
  /** Every task crashes at `tick`. */
  | { readonly kind: 'global-crash'; readonly tick: number }
  /** The coordinator crashes at `tick`: pending checkpoints are lost and the job fails over. */
  | { readonly kind: 'coordinator-crash'; readonly tick: number }
  /** The `upload`-th snapshot upload of the run (from 0) never finishes: its task crashes mid-write. */
  | { readonly kind: 'upload-crash'; readonly upload: number }
  /**
   * The `trigger`-th trigger RPC of the run (from 0; one per source task per checkpoint, in source
   * order) is lost, silently: that source never starts the checkpoint, and the coordinator learns
   * nothing, so the checkpoint expires, or is subsumed when a newer one completes. Downstream, the
   * newer barrier reaches tasks still aligning it: the subsumption and cancellation paths run.
   */
  | { readonly kind: 'lost-trigger'; readonly trigger: number };

export interface Timing {
  /** Records a channel holds before its sender blocks (credit). Barriers take no credit. */
  readonly channelCapacity: number;
  readonly deliveryDelayTicksMax: number;
  readonly processingTicksMax: number;
  readonly uploadTicksMax: number;
  /** Coordinator <-> task messages (trigger, ack, decline, notification). */
  readonly rpcDelayTicksMax: number;
  /** Time from a crash until every task is restored. */
  readonly restartTicks: number;
  /** A pending checkpoint older than this is aborted as expired. */
  readonly checkpointTimeoutTicks: number;
  /**
   * Consecutive failed (declined or expired) checkpoints the job tolerates; one more fails the job
   * over (Flink's tolerable-failed-checkpoints). Absent: unlimited.
   */
  readonly tolerableFailedCheckpoints?: number;
}

export interface Limits {
  /** Faults fire only before this tick; after it the run is fault-free (the liveness phase). */
  readonly faultWindowTicks: number;
  /** The liveness phase must reach quiescence within this many ticks. */
  readonly livenessTicksMax: number;
  /**
   * Once the job has drained in the liveness phase (sources exhausted, channels empty, nothing
   * pending), trigger one more checkpoint, with no expiry, that must complete: a strategy whose
   * checkpoints only ever expire or get declined fails liveness. Flink takes a final checkpoint the
   * same way when a bounded job ends. Absent: false.
   */
  readonly finalCheckpoint?: boolean;
}

export interface Scenario {
  readonly formatVersion: typeof SCENARIO_FORMAT_VERSION;
  /** Name of the strategy under test (informational for `run`; used by the CLI to look it up). */
  readonly strategy: string;
  /** Options handed to the strategy (TaskContext.options), e.g. `alignmentTimeoutTicks`. */
  readonly strategyOptions?: Readonly<Record<string, number>>;
  readonly topology: LogicalTopology;
  /** Per source node id, per subtask: the replayable log, read by offset. */
  readonly sourceLogs: Readonly<Record<string, readonly (readonly SourceRecordSpec[])[]>>;
  /** Ticks at which the coordinator triggers the next checkpoint, ascending. */
  readonly triggers: readonly number[];
  readonly faults: readonly FaultSpec[];
  readonly timing: Timing;
  readonly limits: Limits;
  /** Decisions for the ChoiceSource; values are taken modulo each choice's bound, zeros after the end. */
  readonly decisions: readonly number[];
}

export const DEFAULT_TIMING: Timing = {
  channelCapacity: 4,
  deliveryDelayTicksMax: 3,
  processingTicksMax: 2,
  uploadTicksMax: 4,
  rpcDelayTicksMax: 2,
  restartTicks: 5,
  checkpointTimeoutTicks: 400,
};

export const DEFAULT_LIMITS: Limits = { faultWindowTicks: 200, livenessTicksMax: 5000 };
