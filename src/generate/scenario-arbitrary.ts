// Random scenarios: a topology, source logs, checkpoint triggers, a fault plan, timing and a
// decision list. Everything shrinks toward the plainest case: fewer records, triggers and faults,
// zero delays and first-choice decisions.
import fc from 'fast-check';
import { DEFAULT_TIMING, SCENARIO_FORMAT_VERSION, type FaultSpec, type Scenario, type SourceRecordSpec, type Timing } from '../scenario/scenario.ts';
import { PARALLELISM_MAX, type LogicalTopology } from '../dataflow/topology.ts';
import { buildTopology, SOURCES_MAX, TASKS_MAX, topologyRecipe } from './topology-arbitrary.ts';

export const KEYS_MAX = 3;
export const RECORDS_PER_SOURCE_MAX = 12;
export const TRIGGER_TICK_MAX = 40;
export const FAULT_WINDOW_TICKS = 80;
export const LIVENESS_TICKS_MAX = 3000;
export const BURST_GAP_TICKS_MAX = 2;
export const LOST_TRIGGER_MAX = 7;

export interface ScenarioShape {
  readonly recordsPerSourceMax: number;
  readonly triggersMax: number;
  readonly faultsMax: number;
  readonly decisionsMax: number;
}

export const DEFAULT_SHAPE: ScenarioShape = { recordsPerSourceMax: RECORDS_PER_SOURCE_MAX, triggersMax: 5, faultsMax: 2, decisionsMax: 400 };


// Per source slot, one list of records each tagged with a subtask; a source of parallelism p reads
// the records tagged s (mod p) at subtask s. Generated independently of the topology (no `chain`):
// shrinking parallelism keeps the records (they move to lower subtasks), shrinking records keeps
// the topology.
interface TaggedRecord extends SourceRecordSpec {
  readonly subtask: number;
}

const taggedRecord: fc.Arbitrary<TaggedRecord> = fc.record({ key: fc.nat(KEYS_MAX), value: fc.nat(9), subtask: fc.nat(PARALLELISM_MAX - 1) });

function recordLists(shape: ScenarioShape): fc.Arbitrary<TaggedRecord[][]> {
  return fc.array(fc.array(taggedRecord, { maxLength: shape.recordsPerSourceMax }), { minLength: SOURCES_MAX, maxLength: SOURCES_MAX });
}

function logsFor(topology: LogicalTopology, lists: TaggedRecord[][]): Record<string, SourceRecordSpec[][]> {
  const sources = topology.nodes.filter((n) => n.kind === 'source');
  return Object.fromEntries(
    sources.map((n, i) => [
      n.id,
      Array.from({ length: n.parallelism }, (_, s) => lists[i]!.filter((r) => r.subtask % n.parallelism === s).map(({ key, value }) => ({ key, value }))),
    ]),
  );
}

const fault: fc.Arbitrary<FaultSpec> = fc.oneof(
  fc.record({ kind: fc.constant('task-crash' as const), tick: fc.nat(FAULT_WINDOW_TICKS - 1), task: fc.nat(TASKS_MAX - 1) }),
  fc.record({ kind: fc.constant('global-crash' as const), tick: fc.nat(FAULT_WINDOW_TICKS - 1) }),
  fc.record({ kind: fc.constant('upload-crash' as const), upload: fc.nat(15) }),
  fc.record({ kind: fc.constant('coordinator-crash' as const), tick: fc.nat(FAULT_WINDOW_TICKS - 1) }),
  // One of the first few trigger RPCs: a source skips that checkpoint, and the newer barrier meets
  // tasks still aligning it downstream (subsumption, declines, cancellation markers).
  fc.record({ kind: fc.constant('lost-trigger' as const), trigger: fc.nat(LOST_TRIGGER_MAX) }),
);

// Small capacities make backpressure (and so alignment stalls) common.
const timing: fc.Arbitrary<Timing> = fc.record({
  channelCapacity: fc.integer({ min: 1, max: 4 }),
  deliveryDelayTicksMax: fc.integer({ min: 0, max: 4 }),
  processingTicksMax: fc.integer({ min: 0, max: 2 }),
  uploadTicksMax: fc.integer({ min: 0, max: 6 }),
  rpcDelayTicksMax: fc.integer({ min: 0, max: 6 }),
  restartTicks: fc.integer({ min: 1, max: 6 }),
  // Short timeouts make expiries (and so aborts racing with barriers) common.
  checkpointTimeoutTicks: fc.oneof(fc.constant(DEFAULT_TIMING.checkpointTimeoutTicks), fc.integer({ min: 5, max: 60 })),
  // Sometimes present: the job fails over after too many failed checkpoints.
  tolerableFailedCheckpoints: fc.integer({ min: 0, max: 2 }),
}, { requiredKeys: ['channelCapacity', 'deliveryDelayTicksMax', 'processingTicksMax', 'uploadTicksMax', 'rpcDelayTicksMax', 'restartTicks', 'checkpointTimeoutTicks'] });

/**
 * Trigger ticks: spread over the safety phase, or a burst a few ticks apart. A burst overlaps
 * checkpoints: triggers race as RPCs, a newer barrier reaches a task still aligning an older one,
 * and the abort, subsumption and cancellation paths run.
 */
function triggerTicks(triggersMax: number): fc.Arbitrary<number[]> {
  const spread = fc.array(fc.nat(TRIGGER_TICK_MAX), { minLength: 1, maxLength: triggersMax });
  if (triggersMax < 2) return spread;
  const burst = fc
    .tuple(fc.nat(TRIGGER_TICK_MAX), fc.array(fc.nat(BURST_GAP_TICKS_MAX), { minLength: 1, maxLength: triggersMax - 1 }))
    .map(([first, gaps]) => gaps.reduce((ticks, gap) => [...ticks, ticks[ticks.length - 1]! + gap], [first]));
  return fc.oneof(spread, burst);
}

/**
 * Decisions: a short list (the rest of the run takes every first choice: plain, fast, easy to read)
 * or one long enough to cover a whole run's delays, so that reorderings happen late in a run too.
 */
function decisionList(decisionsMax: number): fc.Arbitrary<number[]> {
  const short = fc.array(fc.nat(7), { maxLength: Math.min(decisionsMax, 64) });
  if (decisionsMax <= 64) return short;
  return fc.oneof(short, fc.array(fc.nat(7), { maxLength: decisionsMax, size: 'max' }));
}

/** What the generator needs to know of the strategy under test. */
export interface StrategyTraits {
  readonly name: string;
  readonly supportsCycles: boolean;
}

export function scenarioArbitrary(strategy: StrategyTraits, shape: ScenarioShape = DEFAULT_SHAPE): fc.Arbitrary<Scenario> {
  return fc
    .record({
      recipe: topologyRecipe(strategy.supportsCycles),
      logs: recordLists(shape),
      triggers: triggerTicks(shape.triggersMax),
      faults: fc.array(fault, { maxLength: shape.faultsMax }),
      timing,
      decisions: decisionList(shape.decisionsMax),
      alignmentTimeoutTicks: fc.integer({ min: 0, max: 30 }),
    })
    .map(({ recipe, logs, triggers, faults, timing, decisions, alignmentTimeoutTicks }): Scenario => {
      const topology = buildTopology(recipe);
      return {
        formatVersion: SCENARIO_FORMAT_VERSION,
        strategy: strategy.name,
        // Every strategy gets the options; only those that read them (aligned-timeout) care.
        strategyOptions: { alignmentTimeoutTicks },
        topology,
        sourceLogs: logsFor(topology, logs),
        triggers: [...triggers].sort((a, b) => a - b),
        faults,
        timing,
        limits: { faultWindowTicks: FAULT_WINDOW_TICKS, livenessTicksMax: LIVENESS_TICKS_MAX, finalCheckpoint: true },
        decisions,
      };
    });
}
