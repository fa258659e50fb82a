// Test only: the canaries' minimal counterexamples (as the suites find them) and a strategy that
// behaves like no-align except at sources, for replay tests.
import { DEFAULT_TIMING, type Scenario } from '../scenario/scenario.ts';
import { findStrategy } from '../strategies/registry.ts';
import type { CheckpointStrategy, Effect } from '../strategies/strategy.ts';

const PAIR_INTO_SINK = {
  nodes: [
    { id: 'src0', kind: 'source' as const, parallelism: 2 },
    { id: 'sink', kind: 'sink' as const, parallelism: 1 },
  ],
  edges: [{ from: 'src0', to: 'sink', partitioner: 'rebalance' as const }],
};

const PLAIN_TIMING = { ...DEFAULT_TIMING, channelCapacity: 1, deliveryDelayTicksMax: 0, processingTicksMax: 0, uploadTicksMax: 0, rpcDelayTicksMax: 0, restartTicks: 1 };

/** no-align loses src0.0@0 from checkpoint 1: the sink snapshots on src0.1's barrier while the record is delayed. */
export const NO_ALIGN_LOST: Scenario = {
  formatVersion: 1,
  strategy: 'no-align',
  topology: PAIR_INTO_SINK,
  sourceLogs: { src0: [[{ key: 0, value: 0 }], []] },
  triggers: [0],
  faults: [],
  timing: { ...PLAIN_TIMING, deliveryDelayTicksMax: 1, checkpointTimeoutTicks: 5 },
  limits: { faultWindowTicks: 80, livenessTicksMax: 3000 },
  decisions: [1, 0, 0, 1],
};

/** early-unblock: src0.0@1, sent after src0.0's snapshot, is consumed before the sink's snapshot (an orphan). */
export const EARLY_UNBLOCK_ORPHAN: Scenario = {
  ...NO_ALIGN_LOST,
  strategy: 'early-unblock',
  sourceLogs: { src0: [[{ key: 0, value: 0 }, { key: 0, value: 0 }], []] },
  timing: PLAIN_TIMING,
  decisions: [],
};

/** no-align with a crash: the lost record is never delivered after the restore (exactly-once). */
export const NO_ALIGN_CRASH: Scenario = {
  ...NO_ALIGN_LOST,
  faults: [{ kind: 'task-crash', tick: 5, task: 0 }],
  timing: { ...PLAIN_TIMING, deliveryDelayTicksMax: 3, checkpointTimeoutTicks: 5 },
  decisions: [3],
};


/** unaligned-forgets-output: the priority barrier overtakes src0.0@0, which neither end records as channel state. */
export const UNALIGNED_FORGOT_OUTPUT: Scenario = {
  ...NO_ALIGN_LOST,
  strategy: 'unaligned-forgets-output',
  strategyOptions: { alignmentTimeoutTicks: 0 },
  topology: {
    nodes: [
      { id: 'src0', kind: 'source', parallelism: 1 },
      { id: 'sink', kind: 'sink', parallelism: 1 },
    ],
    edges: [{ from: 'src0', to: 'sink', partitioner: 'rebalance' }],
  },
  sourceLogs: { src0: [[{ key: 0, value: 0 }]] },
  timing: { ...PLAIN_TIMING, deliveryDelayTicksMax: 1 },
  decisions: [1],
};

/** obsolete-keeps-blocked: barrier 1 arrives after checkpoint 1 expired and pauses its channel for good (liveness). */
export const OBSOLETE_KEPT_BLOCKED: Scenario = {
  ...UNALIGNED_FORGOT_OUTPUT,
  strategy: 'obsolete-keeps-blocked',
  sourceLogs: { src0: [[]] },
  timing: { ...PLAIN_TIMING, deliveryDelayTicksMax: 3, rpcDelayTicksMax: 2, checkpointTimeoutTicks: 5 },
  decisions: [2, 3],
};

export function builtIn(name: string): CheckpointStrategy {
  const strategy = findStrategy(name);
  if (strategy === undefined) throw new Error(`no built-in strategy ${name}`);
  return strategy;
}

/** no-align, except that sources forward their barrier before taking their snapshot: a changed behaviour. */
export function reorderedSources(base: CheckpointStrategy): CheckpointStrategy {
  return {
    ...base,
    name: base.name,
    createTask(context) {
      const inner = base.createTask(context);
      return {
        handle(event) {
          const effects = inner.handle(event);
          if (!context.isSource) return effects;
          const barrier = effects.filter((e: Effect) => e.kind === 'forwardBarrier');
          return [...barrier, ...effects.filter((e: Effect) => e.kind !== 'forwardBarrier')];
        },
      };
    },
  };
}
