// Logical-node states: the subtasks' operator snapshots merged with the operator's own `merge`.
// Comparing merged states (not per-task ones) is what makes the reference independent of schedule:
// a rebalance edge spreads records differently in different correct runs, but the merged state of
// every node is the same (the topology rules guarantee it).
import type { SnapshotState } from '../core/history.ts';
import { compareStrings } from '../dataflow/operators.ts';
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
  names: SideNames,
): NodeDifference | null {
  for (let i = 0; i < facts.nodes.length; i++) {
    if (expected.json[i] === actual.json[i]) continue;
    return { node: facts.nodes[i]!.node, diff: describeDifference(expected.values[i], actual.values[i], names) };
  }
  return null;
}

/** Names for the two sides of a comparison, e.g. "the reference" and "checkpoint 3". */
export interface SideNames {
  readonly expected: string;
  readonly actual: string;
}

type EntryKey = string | number;

/**
 * The first differing entry. Every operator snapshot is a list of entries sorted by their first
 * element (a key, a digest slot or a record id), so the lists are walked side by side by that key:
 * a missing record then reads as missing instead of shifting every later entry.
 */
export function describeDifference(expected: SnapshotState, actual: SnapshotState, names: SideNames): string {
  if (!isKeyedList(expected) || !isKeyedList(actual)) {
    return `${names.expected} has ${JSON.stringify(expected)}, ${names.actual} has ${JSON.stringify(actual)}`;
  }
  let e = 0;
  let a = 0;
  while (e < expected.length || a < actual.length) {
    const order = e >= expected.length ? 1 : a >= actual.length ? -1 : compareKeys(expected[e]![0], actual[a]![0]);
    if (order < 0) return `${names.expected} has ${JSON.stringify(expected[e])}, ${names.actual} has no such entry`;
    if (order > 0) return `${names.actual} has ${JSON.stringify(actual[a])}, ${names.expected} has no such entry`;
    const [left, right] = [JSON.stringify(expected[e]), JSON.stringify(actual[a])];
    if (left !== right) return `${JSON.stringify(expected[e]![0])}: ${names.expected} has ${left}, ${names.actual} has ${right}`;
    e++;
    a++;
  }
  return `${names.expected} and ${names.actual} differ only in representation`;
}

function isKeyedList(state: SnapshotState): state is readonly (readonly [EntryKey, ...unknown[]])[] {
  return Array.isArray(state) && state.every((entry) => Array.isArray(entry) && (typeof entry[0] === 'string' || typeof entry[0] === 'number'));
}

function compareKeys(a: EntryKey, b: EntryKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareStrings(String(a), String(b));
}
