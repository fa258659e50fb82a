// measure(scenario, history): every comparison metric of one run, a pure function of the run's
// History (the scenario only says which task runs which operator, and what a failure-free run
// would leave in the sinks). It never looks inside the simulator.
import type { History, SnapshotState } from '../core/history.ts';
import { expandTopology } from '../dataflow/physical.ts';
import { referenceFinalStates } from '../oracle/reference.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { checkpointMetrics, type CheckpointMetrics } from './checkpoint-metrics.ts';
import { runTotals, type RunTotals } from './run-metrics.ts';

export type { CheckpointMetrics } from './checkpoint-metrics.ts';
export type { RunTotals } from './run-metrics.ts';

export interface RunMeasurement {
  /** Every completed checkpoint, in id order. */
  readonly checkpoints: readonly CheckpointMetrics[];
  readonly totals: RunTotals;
}

/**
 * `reference` (node id -> final state of the failure-free run) is derived from the scenario when not
 * given; a comparison computes it once per scenario and shares it between strategies.
 */
export function measure(scenario: Scenario, history: History, reference: ReadonlyMap<string, SnapshotState> = referenceFinalStates(scenario)): RunMeasurement {
  const graph = expandTopology(scenario.topology);
  const kinds = graph.tasks.map((t) => t.node.kind);
  const sourceTasks = graph.tasks.filter((t) => t.node.kind === 'source').map((t) => t.index);
  const sinkTasks = new Map(scenario.topology.nodes.filter((n) => n.kind === 'sink').map((n) => [n.id, graph.tasksOfNode.get(n.id) ?? []]));
  return {
    checkpoints: checkpointMetrics(history, kinds),
    totals: runTotals(history, sourceTasks, sinkTasks, reference),
  };
}
