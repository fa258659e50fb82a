// Logical-node states: the subtasks' operator snapshots merged with the operator's own `merge`.
// Comparing merged states (not per-task ones) is what makes the reference independent of schedule:
// a rebalance edge spreads records differently in different correct runs, but the merged state of
// every node is the same (the topology rules guarantee it).
import type { SnapshotState } from '../core/history.ts';
import type { NodeSpec } from '../dataflow/topology.ts';
import type { ScenarioFacts } from './scenario-facts.ts';

/** Per logical node in topology order: the merged state and its canonical JSON (for comparison). */
export interface NodeStates {
  readonly values: readonly SnapshotState[];
  readonly json: readonly string[];
}

export interface NodeDifference {
  readonly node: NodeSpec;
  /** A short human-readable diff: the first differing entry. */
  readonly diff: string;
}

/** Merge per node; `operatorSnapshots` is indexed by task. */
export function mergeNodeStates(facts: ScenarioFacts, operatorSnapshots: readonly SnapshotState[]): NodeStates {
  const values: SnapshotState[] = [];
  const json: string[] = [];
  for (const { tasks, operator } of facts.nodes) {
    const merged = operator.merge(tasks.map((t) => operatorSnapshots[t]));
    values.push(merged);
    json.push(JSON.stringify(merged) ?? 'undefined');
  }
  return { values, json };
}

/** The first node (in topology order) whose merged state differs, or null when all agree. */
export function firstNodeDifference(
  facts: ScenarioFacts,
  expected: NodeStates,
  actual: NodeStates,
  names: { readonly expected: string; readonly actual: string },
): NodeDifference | null {
  for (let i = 0; i < facts.nodes.length; i++) {
    if (expected.json[i] === actual.json[i]) continue;
    return { node: facts.nodes[i]!.node, diff: describeDifference(expected.values[i], actual.values[i], names) };
  }
  return null;
}

/** Entry-wise for the array-shaped snapshots every operator produces; whole values otherwise. */
export function describeDifference(
  expected: SnapshotState,
  actual: SnapshotState,
  names: { readonly expected: string; readonly actual: string },
): string {
  if (!Array.isArray(expected) || !Array.isArray(actual)) {
    return `${names.expected} ${JSON.stringify(expected)}, ${names.actual} ${JSON.stringify(actual)}`;
  }
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    const e = i < expected.length ? JSON.stringify(expected[i]) : 'nothing';
    const a = i < actual.length ? JSON.stringify(actual[i]) : 'nothing';
    if (e !== a) return `entry ${i}: ${names.expected} ${e}, ${names.actual} ${a}`;
  }
  return `${names.expected} and ${names.actual} differ only in shape`;
}
