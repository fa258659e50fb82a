import { describe, expect, it } from 'vitest';
import { type EdgeSpec, type LogicalTopology, type NodeSpec, orderDeterministicNodes, topologicalOrder, validateTopology } from './topology.ts';

const node = (id: string, kind: NodeSpec['kind'], parallelism = 1, param?: number): NodeSpec =>
  param === undefined ? { id, kind, parallelism } : { id, kind, parallelism, param };
const edge = (from: string, to: string, partitioner: EdgeSpec['partitioner'] = 'forward', side?: 0 | 1): EdgeSpec =>
  side === undefined ? { from, to, partitioner } : { from, to, partitioner, side };

function problemOf(topology: LogicalTopology): string {
  const check = validateTopology(topology);
  if (check.ok) throw new Error('expected the topology to be rejected');
  return check.problem;
}

/** src -> op -> out, each of parallelism 1: valid for every stateless op with a valid param. */
function chain(op: NodeSpec, partitioner: EdgeSpec['partitioner'] = 'forward'): LogicalTopology {
  return { nodes: [node('src', 'source'), op, node('out', 'sink')], edges: [edge('src', op.id, partitioner), edge(op.id, 'out')] };
}

const JOIN: LogicalTopology = {
  nodes: [node('a', 'source', 2), node('b', 'source'), node('j', 'join', 2), node('out', 'sink', 2)],
  edges: [edge('a', 'j', 'hash', 0), edge('b', 'j', 'hash', 1), edge('j', 'out')],
};

describe('validateTopology accepts', () => {
  it.each([
    ['a stateless chain', chain(node('m', 'map', 1, 3))],
    ['a keyed count behind a hash edge', chain(node('c', 'count', 1), 'hash')],
    ['a two-sided join', JOIN],
    ['a digest fed directly by a source', chain(node('d', 'digest', 1), 'hash')],
  ])('%s', (_name, topology) => {
    expect(validateTopology(topology)).toEqual({ ok: true });
  });
});

describe('validateTopology rejects', () => {
  it('a duplicate node id', () => {
    const topology = chain(node('m', 'map', 1, 2));
    expect(problemOf({ ...topology, nodes: [...topology.nodes, node('m', 'union')] })).toContain('node id "m" is used twice');
  });

  it.each([0, 4, 1.5])('parallelism %d', (parallelism) => {
    expect(problemOf(chain(node('u', 'union', parallelism), 'rebalance'))).toContain(`node "u" has parallelism ${parallelism}; expected 1..3`);
  });

  it('an edge from an unknown node', () => {
    const topology = chain(node('u', 'union'));
    expect(problemOf({ ...topology, edges: [...topology.edges, edge('ghost', 'u')] })).toContain('edge ghost -> u starts at an unknown node');
  });

  it('an edge to an unknown node', () => {
    const topology = chain(node('u', 'union'));
    expect(problemOf({ ...topology, edges: [...topology.edges, edge('u', 'ghost')] })).toContain('edge u -> ghost ends at an unknown node');
  });

  it('a topology without a source', () => {
    expect(problemOf({ nodes: [node('out', 'sink')], edges: [] })).toContain('the topology has no source');
  });

  it('a source with an input edge', () => {
    const topology = { nodes: [node('a', 'source'), node('b', 'source'), node('out', 'sink')], edges: [edge('a', 'b'), edge('b', 'out')] };
    expect(problemOf(topology)).toContain('source "b" has an input edge');
  });

  it('a non-source node without an input edge', () => {
    const topology = chain(node('u', 'union'));
    expect(problemOf({ ...topology, nodes: [...topology.nodes, node('lonely', 'sink')] })).toContain('node "lonely" has no input edge');
  });

  it('a sink with an output edge', () => {
    const topology = { nodes: [node('src', 'source'), node('out', 'sink'), node('last', 'sink')], edges: [edge('src', 'out'), edge('out', 'last')] };
    expect(problemOf(topology)).toContain('sink "out" has an output edge');
  });

  it.each([
    ['two left sides', [edge('a', 'j', 'hash', 0), edge('b', 'j', 'hash', 0)]],
    ['a side missing', [edge('a', 'j', 'hash', 0), edge('b', 'j', 'hash')]],
    ['a single input', [edge('a', 'j', 'hash', 0)]],
    ['three inputs', [edge('a', 'j', 'hash', 0), edge('b', 'j', 'hash', 1), edge('b', 'j', 'hash', 1)]],
  ])('a join with %s', (_name, inputs) => {
    const topology = { nodes: JOIN.nodes, edges: [...inputs, edge('j', 'out')] };
    expect(problemOf(topology)).toContain('join "j" needs exactly one input edge with side 0 and one with side 1');
  });

  it.each([
    ['filter', 1],
    ['filter', 8],
    ['map', 0],
    ['map', 8],
    ['map', 2.5],
    ['flatMap', 0],
    ['flatMap', 4],
    ['map', undefined],
  ] as const)('%s with param %s', (kind, param) => {
    expect(problemOf(chain(node('op', kind, 1, param)))).toContain(`${kind} "op" needs an integer param in`);
  });

  it.each(['forward', 'broadcast', 'rebalance'] as const)('a keyed operator fed through a %s edge', (partitioner) => {
    expect(problemOf(chain(node('c', 'sum'), partitioner))).toContain(`keyed sum "c" must be fed through a hash edge, but src -> c is ${partitioner}`);
  });

  it('a join side fed through a non-hash edge', () => {
    const topology = { nodes: JOIN.nodes, edges: [edge('a', 'j', 'hash', 0), edge('b', 'j', 'broadcast', 1), edge('j', 'out')] };
    expect(problemOf(topology)).toContain('keyed join "j" must be fed through a hash edge, but b -> j is broadcast');
  });

  it('a forward edge between unequal parallelism', () => {
    expect(problemOf(chain(node('m', 'map', 2, 3)))).toContain('forward edge src -> m joins parallelism 1 to 2');
  });

  it('a cycle not closed by a back-edge', () => {
    const topology = {
      nodes: [node('src', 'source'), node('u', 'union'), node('m', 'map', 1, 2), node('out', 'sink')],
      edges: [edge('src', 'u'), edge('u', 'm'), edge('m', 'u'), edge('m', 'out')],
    };
    expect(problemOf(topology)).toBe('the topology has a cycle not closed by an edge marked backEdge');
  });

  it('a back-edge cycle without a decrement, where records could circulate forever', () => {
    const topology = {
      nodes: [node('src', 'source'), node('u', 'union'), node('m', 'map', 1, 2), node('out', 'sink')],
      edges: [edge('src', 'u'), edge('u', 'm'), { ...edge('m', 'u'), backEdge: true }, edge('m', 'out')],
    };
    expect(problemOf(topology)).toBe('a cycle passes through no decrement, so records could circulate forever');
  });

  it('a back-edge that closes no cycle', () => {
    const topology = {
      nodes: [node('src', 'source'), node('u', 'union'), node('d', 'decrement'), node('out', 'sink')],
      edges: [edge('src', 'u'), edge('src', 'd'), { ...edge('d', 'u'), backEdge: true }, edge('u', 'out')],
    };
    expect(problemOf(topology)).toBe('back-edge d -> u closes no cycle');
  });

  it('accepts an iteration closed by a back-edge through a decrement', () => {
    const topology = {
      nodes: [node('src', 'source'), node('u', 'union'), node('d', 'decrement'), node('out', 'sink')],
      edges: [edge('src', 'u'), edge('u', 'd'), { ...edge('d', 'u'), backEdge: true }, edge('u', 'out')],
    };
    expect(validateTopology(topology)).toEqual({ ok: true });
  });

  it('a digest fed by a node whose output order differs between correct runs', () => {
    // Rebalancing two source subtasks into the map interleaves two channels per map subtask.
    const topology = {
      nodes: [node('src', 'source', 2), node('m', 'map', 2, 3), node('d', 'digest', 2), node('out', 'sink', 2)],
      edges: [edge('src', 'm', 'rebalance'), edge('m', 'd', 'hash'), edge('d', 'out')],
    };
    expect(problemOf(topology)).toContain('digest "d" is fed by "m", whose output order differs between correct runs');
  });

  it('a digest fed by a union', () => {
    const topology = {
      nodes: [node('a', 'source'), node('b', 'source'), node('u', 'union'), node('d', 'digest'), node('out', 'sink')],
      edges: [edge('a', 'u'), edge('b', 'u'), edge('u', 'd', 'hash'), edge('d', 'out')],
    };
    expect(problemOf(topology)).toContain('digest "d" is fed by "u"');
  });
});

describe('orderDeterministicNodes', () => {
  it('holds sources, forward chains and nodes with a single upstream task, but not merges or shuffles', () => {
    const topology: LogicalTopology = {
      nodes: [
        node('a', 'source', 2),
        node('b', 'source'),
        node('fwd', 'map', 2, 2), // forward from a: one channel per subtask
        node('fan', 'filter', 3, 2), // broadcast from b (parallelism 1): one channel per subtask
        node('shuf', 'map', 3, 2), // rebalance from fwd (parallelism 2): two channels per subtask
        node('after', 'map', 3, 2), // forward from a non-deterministic node
        node('u', 'union', 3), // two inputs
        node('out', 'sink', 3),
      ],
      edges: [
        edge('a', 'fwd'),
        edge('b', 'fan', 'broadcast'),
        edge('fwd', 'shuf', 'rebalance'),
        edge('shuf', 'after'),
        edge('fan', 'u'),
        edge('after', 'u'),
        edge('u', 'out'),
      ],
    };
    expect([...orderDeterministicNodes(topology)].sort()).toEqual(['a', 'b', 'fan', 'fwd']);
  });
});

describe('topologicalOrder', () => {
  it('puts every edge forward and breaks ties by declaration order', () => {
    const topology: LogicalTopology = {
      nodes: [node('out', 'sink'), node('m', 'map', 1, 2), node('b', 'source'), node('a', 'source'), node('u', 'union')],
      edges: [edge('u', 'out'), edge('m', 'u'), edge('a', 'u'), edge('b', 'm')],
    };
    expect(topologicalOrder(topology)).toEqual(['b', 'a', 'm', 'u', 'out']);
  });

  it('returns null for a cyclic graph', () => {
    const topology: LogicalTopology = {
      nodes: [node('src', 'source'), node('x', 'union'), node('y', 'union')],
      edges: [edge('src', 'x'), edge('x', 'y'), edge('y', 'x')],
    };
    expect(topologicalOrder(topology)).toBeNull();
  });
});

describe('parameter ranges in problems', () => {
  it('states the range a filter param is actually checked against (2..7)', () => {
    const check = validateTopology({
      nodes: [
        { id: 'src', kind: 'source', parallelism: 1 },
        { id: 'f', kind: 'filter', parallelism: 1, param: 1 },
        { id: 'out', kind: 'sink', parallelism: 1 },
      ],
      edges: [
        { from: 'src', to: 'f', partitioner: 'forward' },
        { from: 'f', to: 'out', partitioner: 'forward' },
      ],
    });
    expect(check).toEqual({ ok: false, problem: 'filter "f" needs an integer param in 2..7' });
  });
});
