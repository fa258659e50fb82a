// Small hand-built scenarios for the simulator's unit tests.
import type { LogicalTopology } from '../dataflow/topology.ts';
import { DEFAULT_TIMING, type FaultSpec, type Scenario, type Timing } from '../scenario/scenario.ts';

/** Two sources feeding a count through a hash shuffle (so the count aligns two inputs), then a sink. */
export const TWO_INPUT_TOPOLOGY: LogicalTopology = {
  nodes: [
    { id: 'a', kind: 'source', parallelism: 1 },
    { id: 'b', kind: 'source', parallelism: 1 },
    { id: 'c', kind: 'count', parallelism: 1 },
    { id: 'k', kind: 'sink', parallelism: 1 },
  ],
  edges: [
    { from: 'a', to: 'c', partitioner: 'hash' },
    { from: 'b', to: 'c', partitioner: 'hash' },
    { from: 'c', to: 'k', partitioner: 'forward' },
  ],
};

export function logOf(length: number, salt = 0): { key: number; value: number }[] {
  return Array.from({ length }, (_, i) => ({ key: (i + salt) % 3, value: (i * 7 + salt) % 10 }));
}

export function twoInputScenario(overrides: { triggers?: number[]; faults?: FaultSpec[]; timing?: Partial<Timing>; records?: number; decisions?: number[] } = {}): Scenario {
  const records = overrides.records ?? 8;
  return {
    formatVersion: 1,
    strategy: 'aligned',
    topology: TWO_INPUT_TOPOLOGY,
    sourceLogs: { a: [logOf(records)], b: [logOf(records, 1)] },
    triggers: overrides.triggers ?? [2, 6],
    faults: overrides.faults ?? [],
    timing: { ...DEFAULT_TIMING, ...overrides.timing },
    limits: { faultWindowTicks: 60, livenessTicksMax: 2000 },
    decisions: overrides.decisions ?? [],
  };
}
