// Benchmark workloads: large scenarios built by hand (not generated), so runs are comparable.
import { DEFAULT_TIMING, type LogicalTopology, type Scenario, type SourceRecordSpec } from '../src/index.ts';

export function sourceLog(records: number, salt: number): SourceRecordSpec[] {
  return Array.from({ length: records }, (_, i) => ({ key: (i * 7 + salt) % 16, value: (i * 13 + salt) % 10 }));
}

/** source -> map -> filter(keeps ~all) -> count -> sink, parallelism 1: every record crosses 4 channels. */
export const LINEAR_PIPELINE: LogicalTopology = {
  nodes: [
    { id: 'src', kind: 'source', parallelism: 1 },
    { id: 'map', kind: 'map', parallelism: 1, param: 3 },
    { id: 'union', kind: 'union', parallelism: 1 },
    { id: 'count', kind: 'count', parallelism: 1 },
    { id: 'sink', kind: 'sink', parallelism: 1 },
  ],
  edges: [
    { from: 'src', to: 'map', partitioner: 'forward' },
    { from: 'map', to: 'union', partitioner: 'forward' },
    { from: 'union', to: 'count', partitioner: 'hash' },
    { from: 'count', to: 'sink', partitioner: 'forward' },
  ],
};

/** Two sources, a hash shuffle into a join and a count at parallelism 3, rebalanced into the sink. */
export const SHUFFLE_HEAVY: LogicalTopology = {
  nodes: [
    { id: 'left', kind: 'source', parallelism: 3 },
    { id: 'right', kind: 'source', parallelism: 3 },
    { id: 'union', kind: 'union', parallelism: 3 },
    { id: 'count', kind: 'count', parallelism: 3 },
    { id: 'sink', kind: 'sink', parallelism: 2 },
  ],
  edges: [
    { from: 'left', to: 'union', partitioner: 'rebalance' },
    { from: 'right', to: 'union', partitioner: 'hash' },
    { from: 'union', to: 'count', partitioner: 'hash' },
    { from: 'count', to: 'sink', partitioner: 'rebalance' },
  ],
};

export function benchScenario(topology: LogicalTopology, recordsPerSubtask: number, checkpoints: number): Scenario {
  const sourceLogs = Object.fromEntries(
    topology.nodes.filter((n) => n.kind === 'source').map((n, i) => [n.id, Array.from({ length: n.parallelism }, (_, s) => sourceLog(recordsPerSubtask, i * 10 + s))]),
  );
  const spacing = Math.max(1, Math.floor((recordsPerSubtask * 2) / (checkpoints + 1)));
  return {
    formatVersion: 1,
    strategy: 'aligned',
    topology,
    sourceLogs,
    triggers: Array.from({ length: checkpoints }, (_, i) => (i + 1) * spacing),
    faults: [],
    timing: { ...DEFAULT_TIMING, channelCapacity: 64, checkpointTimeoutTicks: 10_000_000 },
    limits: { faultWindowTicks: 0, livenessTicksMax: 100_000_000 },
    decisions: [],
  };
}
