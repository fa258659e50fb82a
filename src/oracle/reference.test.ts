import { describe, expect, it } from 'vitest';
import { ReferenceEvaluator, referenceFinalStates, referenceNodeStates, referenceSnapshots } from './reference.ts';
import { factsOf } from './scenario-facts.ts';
import { COUNT, UNION, scenarioOf } from './test-histories.ts';

describe('reference evaluator', () => {
  it('pours every source record through union into the sink', () => {
    const states = referenceFinalStates(UNION);
    expect(states.get('union')).toBeNull();
    expect(states.get('sink')).toEqual([
      ['srcA.0@0>union', 1, 10],
      ['srcA.0@1>union', 2, 20],
      ['srcB.0@0>union', 1, 5],
    ]);
  });

  it('counts per key over a prefix and over the full log', () => {
    const facts = factsOf(COUNT);
    expect(referenceNodeStates(facts, [2]).values[1]).toEqual([[1, 1], [2, 1]]);
    expect(referenceNodeStates(facts).values[1]).toEqual([[1, 2], [2, 1]]);
  });

  it('spreads a rebalance edge round-robin and merges subtasks per node', () => {
    const scenario = scenarioOf(
      {
        nodes: [
          { id: 'src', kind: 'source', parallelism: 1 },
          { id: 'map', kind: 'map', parallelism: 2, param: 2 },
          { id: 'sum', kind: 'sum', parallelism: 2 },
        ],
        edges: [
          { from: 'src', to: 'map', partitioner: 'rebalance' },
          { from: 'map', to: 'sum', partitioner: 'hash' },
        ],
      },
      { src: [[{ key: 1, value: 1 }, { key: 2, value: 2 }, { key: 1, value: 3 }]] },
    );
    const snapshots = referenceSnapshots(scenario);
    // Three records from counter 0 over two receivers: 0, 1, 0, so the counter ends at 1.
    expect(snapshots[0]!.roundRobin).toEqual([1]);
    // map: value * 2 + 1, summed per key.
    expect(referenceFinalStates(scenario).get('sum')).toEqual([[1, 3 + 7], [2, 5]]);
  });

  it('emits each matching join pair once, when its second half arrives', () => {
    const scenario = scenarioOf(
      {
        nodes: [
          { id: 'left', kind: 'source', parallelism: 1 },
          { id: 'right', kind: 'source', parallelism: 1 },
          { id: 'join', kind: 'join', parallelism: 1 },
          { id: 'sink', kind: 'sink', parallelism: 1 },
        ],
        edges: [
          { from: 'left', to: 'join', partitioner: 'hash', side: 0 },
          { from: 'right', to: 'join', partitioner: 'hash', side: 1 },
          { from: 'join', to: 'sink', partitioner: 'forward' },
        ],
      },
      { left: [[{ key: 7, value: 1 }]], right: [[{ key: 7, value: 2 }, { key: 8, value: 3 }]] },
    );
    expect(referenceFinalStates(scenario).get('sink')).toEqual([['(left.0@0*right.0@0)>join', 7, 33]]);
  });

  it('replays in-flight records from snapshot states to the same result as pouring them', () => {
    const facts = factsOf(COUNT);
    const atOne = referenceSnapshots(COUNT, [1]);
    const replay = new ReferenceEvaluator(facts, atOne);
    replay.deliver(0, { id: 'src.0@1', key: 2, value: 1 });
    expect(replay.nodeStates().json).toEqual(referenceNodeStates(facts, [2]).json);
  });

  it('pours in steps to the same merged states as in one go', () => {
    const facts = factsOf(UNION);
    const stepwise = new ReferenceEvaluator(facts);
    stepwise.pourSource(0, 1);
    stepwise.pourSource(1, 1);
    stepwise.pourSource(0, 2);
    expect(stepwise.nodeStates().json).toEqual(referenceNodeStates(facts).json);
  });
});
