// Scenarios whose runs the Aligned spec covers: its topology (sources a, b -> c -> sink k, all of
// parallelism 1), no faults, and checkpoints that can only complete or be subsumed: triggers far
// enough apart that their RPCs reach the sources in id order (the spec's sources take triggers in
// order), and a checkpoint timeout no run reaches.
import type { LogicalTopology } from '../../dataflow/topology.ts';
import { DEFAULT_TIMING, SCENARIO_FORMAT_VERSION, type Scenario, type SourceRecordSpec, type Timing } from '../../scenario/scenario.ts';

export type AlignedTraceOperator = 'count' | 'sum' | 'union';

export interface AlignedTraceShape {
  readonly logA: readonly SourceRecordSpec[];
  readonly logB: readonly SourceRecordSpec[];
  readonly operator: AlignedTraceOperator;
  /** The first trigger's tick, then the extra gap before each later one (on top of the RPC delay bound). */
  readonly triggerGapsTicks: readonly number[];
  readonly timing: Pick<Timing, 'channelCapacity' | 'deliveryDelayTicksMax' | 'processingTicksMax' | 'uploadTicksMax' | 'rpcDelayTicksMax'>;
  readonly decisions: readonly number[];
}

/** No run of these small scenarios gets near it, so no checkpoint expires. */
export const TRACE_CHECKPOINT_TIMEOUT_TICKS = 1_000_000;

export function alignedTraceTopology(operator: AlignedTraceOperator): LogicalTopology {
  const partitioner = operator === 'union' ? 'forward' : 'hash'; // keyed operators are fed by hash edges
  return {
    nodes: [
      { id: 'a', kind: 'source', parallelism: 1 },
      { id: 'b', kind: 'source', parallelism: 1 },
      { id: 'c', kind: operator, parallelism: 1 },
      { id: 'k', kind: 'sink', parallelism: 1 },
    ],
    edges: [
      { from: 'a', to: 'c', partitioner },
      { from: 'b', to: 'c', partitioner },
      { from: 'c', to: 'k', partitioner: 'forward' },
    ],
  };
}

export function alignedTraceScenario(shape: AlignedTraceShape): Scenario {
  const triggers: number[] = [];
  for (const gap of shape.triggerGapsTicks) {
    const previous = triggers[triggers.length - 1];
    triggers.push(previous === undefined ? gap : previous + shape.timing.rpcDelayTicksMax + 1 + gap);
  }
  return {
    formatVersion: SCENARIO_FORMAT_VERSION,
    strategy: 'aligned',
    topology: alignedTraceTopology(shape.operator),
    sourceLogs: { a: [[...shape.logA]], b: [[...shape.logB]] },
    triggers,
    faults: [],
    timing: { ...DEFAULT_TIMING, ...shape.timing, checkpointTimeoutTicks: TRACE_CHECKPOINT_TIMEOUT_TICKS },
    limits: { faultWindowTicks: 100, livenessTicksMax: 5000 },
    decisions: [...shape.decisions],
  };
}
