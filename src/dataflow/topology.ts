// The logical dataflow graph: nodes with parallelism, edges with partitioners.
// Rules (checked by `validateTopology`) keep every correct run's final state unique, and every run finite:
//  - keyed operators (count, sum, digest, join) are fed only through hash edges, as after keyBy;
//  - forward edges connect nodes of equal parallelism;
//  - a digest (order-sensitive per input channel) is fed only by order-deterministic tasks,
//    so each of its input channels carries one well-defined sequence in every correct run;
//  - cycles are closed only by edges marked `backEdge`, and every cycle passes through a decrement
//    (which lets a record around fewer than ITERATION_PASSES_MAX times), so no record circulates forever.

export type OperatorKind = 'count' | 'sum' | 'digest' | 'filter' | 'map' | 'flatMap' | 'union' | 'join' | 'decrement';
export type NodeKind = 'source' | 'sink' | OperatorKind;
export type Partitioner = 'forward' | 'hash' | 'broadcast' | 'rebalance';

export interface NodeSpec {
  readonly id: string;
  readonly kind: NodeKind;
  readonly parallelism: number;
  /** filter: keep values not divisible by it; map: multiplier; flatMap: copies per record. */
  readonly param?: number;
}

export interface EdgeSpec {
  readonly from: string;
  readonly to: string;
  readonly partitioner: Partitioner;
  /** Join input: 0 (left) or 1 (right). Other operators ignore it. */
  readonly side?: 0 | 1;
  /** Closes a cycle (a feedback edge of an iteration). */
  readonly backEdge?: boolean;
}

export interface LogicalTopology {
  readonly nodes: readonly NodeSpec[];
  readonly edges: readonly EdgeSpec[];
}

export const KEYED_KINDS: ReadonlySet<NodeKind> = new Set(['count', 'sum', 'digest', 'join']);
export const PARALLELISM_MAX = 3;

export type TopologyCheck = { ok: true } | { ok: false; problem: string };

export function validateTopology(topology: LogicalTopology): TopologyCheck {
  const problems = [...structuralProblems(topology), ...partitioningProblems(topology)];
  if (problems.length === 0) problems.push(...cycleProblems(topology));
  if (problems.length === 0) problems.push(...digestProblems(topology));
  return problems.length === 0 ? { ok: true } : { ok: false, problem: problems[0]! };
}

function structuralProblems(topology: LogicalTopology): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const node of topology.nodes) {
    if (ids.has(node.id)) problems.push(`node id "${node.id}" is used twice`);
    ids.add(node.id);
    if (!Number.isInteger(node.parallelism) || node.parallelism < 1 || node.parallelism > PARALLELISM_MAX) {
      problems.push(`node "${node.id}" has parallelism ${node.parallelism}; expected 1..${PARALLELISM_MAX}`);
    }
  }
  for (const edge of topology.edges) {
    if (!ids.has(edge.from)) problems.push(`edge ${edge.from} -> ${edge.to} starts at an unknown node`);
    if (!ids.has(edge.to)) problems.push(`edge ${edge.from} -> ${edge.to} ends at an unknown node`);
  }
  if (!topology.nodes.some((n) => n.kind === 'source')) problems.push('the topology has no source');
  for (const node of topology.nodes) {
    const inputs = topology.edges.filter((e) => e.to === node.id);
    const outputs = topology.edges.filter((e) => e.from === node.id);
    if (node.kind === 'source' && inputs.length > 0) problems.push(`source "${node.id}" has an input edge`);
    if (node.kind !== 'source' && !inputs.some((e) => e.backEdge !== true)) problems.push(`node "${node.id}" has no input edge`);
    if (node.kind === 'sink' && outputs.length > 0) problems.push(`sink "${node.id}" has an output edge`);
    if (node.kind === 'join') problems.push(...joinProblems(node, inputs));
    if ((node.kind === 'filter' || node.kind === 'map' || node.kind === 'flatMap') && !validParam(node)) {
      const [min, max] = paramRange(node.kind);
      problems.push(`${node.kind} "${node.id}" needs an integer param in ${min}..${max}`);
    }
  }
  return problems;
}

/** A filter keeps values not divisible by its param (1 would drop everything); flat-map fans out up to 3. */
function paramRange(kind: NodeKind): [number, number] {
  return [kind === 'filter' ? 2 : 1, kind === 'flatMap' ? 3 : 7];
}

function validParam(node: NodeSpec): boolean {
  const [min, max] = paramRange(node.kind);
  return node.param !== undefined && Number.isInteger(node.param) && node.param >= min && node.param <= max;
}

function joinProblems(node: NodeSpec, inputs: readonly EdgeSpec[]): string[] {
  const left = inputs.filter((e) => e.side === 0).length;
  const right = inputs.filter((e) => e.side === 1).length;
  if (left === 1 && right === 1 && inputs.length === 2) return [];
  return [`join "${node.id}" needs exactly one input edge with side 0 and one with side 1`];
}

function partitioningProblems(topology: LogicalTopology): string[] {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const problems: string[] = [];
  for (const edge of topology.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    if (KEYED_KINDS.has(to.kind) && edge.partitioner !== 'hash') {
      problems.push(`keyed ${to.kind} "${to.id}" must be fed through a hash edge, but ${edge.from} -> ${edge.to} is ${edge.partitioner}`);
    }
    if (edge.partitioner === 'forward' && from.parallelism !== to.parallelism) {
      problems.push(`forward edge ${edge.from} -> ${edge.to} joins parallelism ${from.parallelism} to ${to.parallelism}`);
    }
  }
  return problems;
}

/** Does the topology have back-edges (cycles)? */
export function hasCycle(topology: LogicalTopology): boolean {
  return topology.edges.some((e) => e.backEdge === true);
}

function cycleProblems(topology: LogicalTopology): string[] {
  if (topologicalOrder(topology) === null) return ['the topology has a cycle not closed by an edge marked backEdge'];
  const problems: string[] = [];
  for (const edge of topology.edges.filter((e) => e.backEdge === true)) {
    if (!reaches(topology, edge.to, edge.from, () => true)) problems.push(`back-edge ${edge.from} -> ${edge.to} closes no cycle`);
  }
  // Without its decrements (and counting back-edges as edges) the graph must have no cycle left.
  const decrements = new Set(topology.nodes.filter((n) => n.kind === 'decrement').map((n) => n.id));
  const withoutDecrements: LogicalTopology = {
    nodes: topology.nodes.filter((n) => !decrements.has(n.id)),
    edges: topology.edges.filter((e) => !decrements.has(e.from) && !decrements.has(e.to)).map((e) => ({ ...e, backEdge: false })),
  };
  if (problems.length === 0 && topologicalOrder(withoutDecrements) === null) {
    problems.push('a cycle passes through no decrement, so records could circulate forever');
  }
  return problems;
}

/** Is `to` reachable from `from` over forward edges, through nodes that pass `through`? */
function reaches(topology: LogicalTopology, from: string, to: string, through: (id: string) => boolean): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id) || !through(id)) continue;
    seen.add(id);
    for (const e of topology.edges) if (e.from === id && e.backEdge !== true) stack.push(e.to);
  }
  return false;
}

/** Node ids in an order where every forward edge points forward (back-edges ignored), or null when they form a cycle. */
export function topologicalOrder(topology: LogicalTopology): string[] | null {
  const forward = topology.edges.filter((e) => e.backEdge !== true);
  const indegree = new Map<string, number>(topology.nodes.map((n) => [n.id, 0]));
  for (const e of forward) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const ready = topology.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of forward) {
      if (e.from !== id) continue;
      const left = indegree.get(e.to)! - 1;
      indegree.set(e.to, left);
      if (left === 0) ready.push(e.to);
    }
  }
  return order.length === topology.nodes.length ? order : null;
}

/**
 * A node's per-subtask output order is the same in every correct run when it is a source, or it has
 * exactly one input channel per subtask (parallelism-preserving forward chain, or a single upstream task)
 * coming from an order-deterministic node.
 */
export function orderDeterministicNodes(topology: LogicalTopology): Set<string> {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const result = new Set<string>();
  for (const id of topologicalOrder(topology) ?? []) {
    const node = byId.get(id)!;
    const inputs = topology.edges.filter((e) => e.to === id);
    if (node.kind === 'source') {
      result.add(id);
      continue;
    }
    if (inputs.length !== 1 || inputs[0]!.backEdge === true) continue;
    const edge = inputs[0]!;
    const upstream = byId.get(edge.from)!;
    const oneChannelPerSubtask = edge.partitioner === 'forward' || upstream.parallelism === 1;
    if (oneChannelPerSubtask && result.has(edge.from)) result.add(id);
  }
  return result;
}

function digestProblems(topology: LogicalTopology): string[] {
  const deterministic = orderDeterministicNodes(topology);
  return topology.edges
    .filter((e) => topology.nodes.find((n) => n.id === e.to)?.kind === 'digest' && !deterministic.has(e.from))
    .map((e) => `digest "${e.to}" is fed by "${e.from}", whose output order differs between correct runs; feed it from a source or a single-input chain`);
}
