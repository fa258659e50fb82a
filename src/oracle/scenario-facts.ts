// What the oracle derives from a scenario alone: the physical graph, each task's operator and source
// log, and the logical nodes with their tasks. Cached per scenario object, because the checkers run
// on every generated scenario and a scenario is immutable data.
import type { TaskIndex } from '../core/ids.ts';
import { operatorFor, type OperatorDefinition } from '../dataflow/operators.ts';
import { expandTopology, type PhysicalGraph } from '../dataflow/physical.ts';
import type { NodeSpec } from '../dataflow/topology.ts';
import type { Scenario, SourceRecordSpec } from '../scenario/scenario.ts';

export interface NodeFacts {
  readonly node: NodeSpec;
  readonly tasks: readonly TaskIndex[];
  readonly operator: OperatorDefinition;
}

export interface ScenarioFacts {
  readonly scenario: Scenario;
  readonly graph: PhysicalGraph;
  /** Per task: its node's operator definition. */
  readonly operators: readonly OperatorDefinition[];
  /** Per task: the source log of a source subtask, null for every other task. */
  readonly logs: readonly (readonly SourceRecordSpec[] | null)[];
  /** Logical nodes in topology order. */
  readonly nodes: readonly NodeFacts[];
  readonly sourceTasks: readonly TaskIndex[];
}

const cache = new WeakMap<Scenario, ScenarioFacts>();

export function factsOf(scenario: Scenario): ScenarioFacts {
  let facts = cache.get(scenario);
  if (facts === undefined) {
    facts = deriveFacts(scenario);
    cache.set(scenario, facts);
  }
  return facts;
}

function deriveFacts(scenario: Scenario): ScenarioFacts {
  const graph = expandTopology(scenario.topology);
  const nodes = scenario.topology.nodes.map((node) => ({
    node,
    tasks: graph.tasksOfNode.get(node.id) ?? [],
    operator: operatorFor(node),
  }));
  const operatorOfNode = new Map(nodes.map((n) => [n.node.id, n.operator]));
  const operators = graph.tasks.map((t) => operatorOfNode.get(t.node.id)!);
  // A missing log reads as empty; parseScenario rejects such scenarios before they get here.
  const logs = graph.tasks.map((t) => (t.node.kind === 'source' ? (scenario.sourceLogs[t.node.id]?.[t.subtask] ?? []) : null));
  const sourceTasks = graph.tasks.filter((t) => t.node.kind === 'source').map((t) => t.index);
  return { scenario, graph, operators, logs, nodes, sourceTasks };
}

export function taskLabel(facts: ScenarioFacts, task: TaskIndex): string {
  return facts.graph.tasks[task]?.label ?? `task#${task}`;
}

export function channelLabel(facts: ScenarioFacts, channel: number): string {
  return facts.graph.channels[channel]?.label ?? `channel#${channel}`;
}
