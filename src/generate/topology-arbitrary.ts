// Random logical topologies, biased toward what makes checkpointing hard: shuffles (hash,
// rebalance, broadcast) and multi-input operators (join, union). A topology is built from a recipe
// of small integers, so fast-check shrinks it by dropping operators and lowering parallelism.
import fc from 'fast-check';
import { orderDeterministicNodes, type EdgeSpec, type LogicalTopology, type NodeSpec, type OperatorKind, type Partitioner } from '../dataflow/topology.ts';

export const TASKS_MAX = 12;
export const SOURCES_MAX = 3;
export const OPERATORS_MAX = 4;

interface OperatorRecipe {
  readonly kind: OperatorKind;
  readonly parallelism: number;
  readonly inputs: readonly [number, number];
  readonly partitioners: readonly [number, number];
  readonly param: number;
}

/** An iteration: a union head fed by an existing node, a decrement body, and a back-edge from body to head. */
interface LoopRecipe {
  readonly feed: number;
  readonly headParallelism: number;
  readonly bodyParallelism: number;
  readonly partitioners: readonly [number, number];
}

interface TopologyRecipe {
  readonly sources: readonly number[];
  readonly operators: readonly OperatorRecipe[];
  readonly loops: readonly LoopRecipe[];
  readonly sinkParallelism: number;
  readonly sinkPartitioner: number;
}

const parallelism = fc.oneof({ weight: 2, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 3 }) });

// Listed plainest-first: fast-check shrinks constantFrom toward the first entry.
const operatorKind = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<OperatorKind>('union', 'join') },
  { weight: 3, arbitrary: fc.constantFrom<OperatorKind>('count', 'digest', 'sum') },
  { weight: 2, arbitrary: fc.constantFrom<OperatorKind>('map', 'filter', 'flatMap') },
);

const operatorRecipe: fc.Arbitrary<OperatorRecipe> = fc.record({
  kind: operatorKind,
  parallelism,
  inputs: fc.tuple(fc.nat(7), fc.nat(7)),
  partitioners: fc.tuple(fc.nat(7), fc.nat(7)),
  param: fc.integer({ min: 2, max: 3 }),
});

const loopRecipe: fc.Arbitrary<LoopRecipe> = fc.record({
  feed: fc.nat(7),
  headParallelism: parallelism,
  bodyParallelism: parallelism,
  partitioners: fc.tuple(fc.nat(7), fc.nat(7)),
});

/** With `cycles`, about half the topologies get an iteration (a loop closed by a back-edge). */
export function topologyRecipe(cycles: boolean): fc.Arbitrary<TopologyRecipe> {
  return fc.record({
    sources: fc.array(parallelism, { minLength: 1, maxLength: SOURCES_MAX }),
    operators: fc.array(operatorRecipe, { maxLength: OPERATORS_MAX }),
    loops: cycles ? fc.array(loopRecipe, { maxLength: 1 }) : fc.constant([]),
    sinkParallelism: fc.integer({ min: 1, max: 2 }),
    sinkPartitioner: fc.nat(3),
  });
}

// Shuffles dominate: forward only where it is the plainest choice.
const SHUFFLES: readonly Partitioner[] = ['hash', 'rebalance', 'hash', 'broadcast', 'rebalance', 'hash', 'forward', 'rebalance'];

function partitionerFor(pick: number, from: NodeSpec, to: NodeSpec): Partitioner {
  if (to.kind === 'count' || to.kind === 'sum' || to.kind === 'digest' || to.kind === 'join') return 'hash';
  const p = SHUFFLES[pick % SHUFFLES.length]!;
  return p === 'forward' && from.parallelism !== to.parallelism ? 'rebalance' : p;
}

/** Build a valid topology from a recipe, repairing what the recipe cannot express. */
export function buildTopology(recipe: TopologyRecipe): LogicalTopology {
  const nodes: NodeSpec[] = recipe.sources.map((p, i) => ({ id: `src${i}`, kind: 'source', parallelism: p }));
  const edges: EdgeSpec[] = [];
  let budget = TASKS_MAX - recipe.sinkParallelism - nodes.reduce((n, s) => n + s.parallelism, 0);
  recipe.operators.forEach((op, i) => {
    const p = Math.min(op.parallelism, budget - (recipe.operators.length - i - 1));
    if (p < 1) return;
    budget -= p;
    addOperator(nodes, edges, op, `op${i}`, p);
  });
  recipe.loops.forEach((loop, i) => {
    const [head, body] = [Math.min(loop.headParallelism, budget - 1), Math.min(loop.bodyParallelism, budget - 1)];
    if (head < 1 || body < 1 || head + body > budget) return;
    budget -= head + body;
    addLoop(nodes, edges, loop, `loop${i}`, head, body);
  });
  const sink: NodeSpec = { id: 'sink', kind: 'sink', parallelism: recipe.sinkParallelism };
  // Every node whose records go nowhere feeds the sink; so does a loop head that only feeds its body
  // (else the sink could be left with no input, and records would never leave the iteration).
  const bodies = new Set(nodes.map(bodyOf));
  const exits = nodes.filter((n) => !bodies.has(n.id) && !edges.some((e) => e.from === n.id && e.to !== bodyOf(n)));
  for (const node of exits) {
    edges.push({ from: node.id, to: sink.id, partitioner: partitionerFor(recipe.sinkPartitioner + 6, node, sink) });
  }
  nodes.push(sink);
  return { nodes, edges };
}

function addOperator(nodes: NodeSpec[], edges: EdgeSpec[], op: OperatorRecipe, id: string, p: number): void {
  const node: NodeSpec = { id, kind: op.kind, parallelism: p, ...(paramFor(op) === undefined ? {} : { param: paramFor(op) }) };
  if (op.kind === 'digest') {
    // A digest needs order-deterministic inputs: choose among those only (sources always qualify).
    const deterministic = orderDeterministicNodes({ nodes, edges });
    const candidates = nodes.filter((n) => deterministic.has(n.id));
    edges.push({ from: candidates[op.inputs[0] % candidates.length]!.id, to: id, partitioner: 'hash' });
  } else if (op.kind === 'join' || op.kind === 'union') {
    // A join of a join's output multiplies records (n^2, then n^4): keep joins off each other's paths,
    // so that a scenario's work stays within its liveness bound.
    const inputs = op.kind === 'join' ? nodes.filter((n) => !downstreamOfJoin(nodes, edges).has(n.id)) : nodes;
    const first = inputs[op.inputs[0] % inputs.length]!;
    const second = inputs[(op.inputs[0] + 1 + (op.inputs[1] % Math.max(1, inputs.length - 1))) % inputs.length]!;
    // With a single upstream node a join joins it with itself; a union just reads it once.
    const sides: [NodeSpec, 0 | 1][] = second === first && op.kind === 'union' ? [[first, 0]] : [[first, 0], [second, 1]];
    for (const [from, side] of sides) {
      const edge: EdgeSpec = { from: from.id, to: id, partitioner: partitionerFor(op.partitioners[side], from, node) };
      edges.push(op.kind === 'join' ? { ...edge, side } : edge);
    }
  } else {
    const from = nodes[op.inputs[0] % nodes.length]!;
    edges.push({ from: from.id, to: id, partitioner: partitionerFor(op.partitioners[0], from, node) });
  }
  nodes.push(node);
}

function addLoop(nodes: NodeSpec[], edges: EdgeSpec[], loop: LoopRecipe, id: string, headParallelism: number, bodyParallelism: number): void {
  const head: NodeSpec = { id: `${id}head`, kind: 'union', parallelism: headParallelism };
  const body: NodeSpec = { id: `${id}body`, kind: 'decrement', parallelism: bodyParallelism };
  const feed = nodes[loop.feed % nodes.length]!;
  edges.push({ from: feed.id, to: head.id, partitioner: partitionerFor(loop.partitioners[0], feed, head) });
  // No broadcast inside the iteration: it would multiply every record on every pass.
  edges.push({ from: head.id, to: body.id, partitioner: loopPartitioner(loop.partitioners[1], head, body) });
  // The body feeds only the head: records leave the iteration through the head's other outputs.
  edges.push({ from: body.id, to: head.id, partitioner: loopPartitioner(loop.partitioners[0], body, head), backEdge: true });
  nodes.push(head, body);
}

/** The id of the loop body a loop head feeds (loop heads are named `<loop>head`, bodies `<loop>body`). */
function bodyOf(node: NodeSpec): string | undefined {
  return node.id.startsWith('loop') && node.id.endsWith('head') ? `${node.id.slice(0, -'head'.length)}body` : undefined;
}

function loopPartitioner(pick: number, from: NodeSpec, to: NodeSpec): Partitioner {
  const p = (['forward', 'rebalance', 'hash'] as const)[pick % 3]!;
  return p === 'forward' && from.parallelism !== to.parallelism ? 'rebalance' : p;
}

/** Joins and every node fed, directly or not, by a join. */
function downstreamOfJoin(nodes: readonly NodeSpec[], edges: readonly EdgeSpec[]): Set<string> {
  const reached = new Set(nodes.filter((n) => n.kind === 'join').map((n) => n.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of edges) if (reached.has(e.from) && !reached.has(e.to)) grew = reached.add(e.to) !== undefined;
  }
  return reached;
}

function paramFor(op: OperatorRecipe): number | undefined {
  if (op.kind === 'filter') return op.param;
  if (op.kind === 'map') return op.param + 1;
  if (op.kind === 'flatMap') return op.param - 1;
  return undefined;
}

export const topologyArbitrary: fc.Arbitrary<LogicalTopology> = topologyRecipe(false).map(buildTopology);
