import { describe, expect, it } from 'vitest';
import { expandTopology } from './physical.ts';
import type { LogicalTopology } from './topology.ts';

// Two sources into a join (two left tasks, one right task), then a forward edge to the sink:
// all-to-all, one-to-all and one-to-one connections in one small graph.
const TOPOLOGY: LogicalTopology = {
  nodes: [
    { id: 'a', kind: 'source', parallelism: 2 },
    { id: 'b', kind: 'source', parallelism: 1 },
    { id: 'j', kind: 'join', parallelism: 2 },
    { id: 'out', kind: 'sink', parallelism: 2 },
  ],
  edges: [
    { from: 'a', to: 'j', partitioner: 'hash', side: 0 },
    { from: 'b', to: 'j', partitioner: 'hash', side: 1 },
    { from: 'j', to: 'out', partitioner: 'forward' },
  ],
};

describe('expandTopology', () => {
  const graph = expandTopology(TOPOLOGY);

  it('numbers tasks in node order, then subtask order, labelled node.subtask', () => {
    expect(graph.tasks.map((t) => [t.index, t.label, t.subtask, t.node.id])).toEqual([
      [0, 'a.0', 0, 'a'],
      [1, 'a.1', 1, 'a'],
      [2, 'b.0', 0, 'b'],
      [3, 'j.0', 0, 'j'],
      [4, 'j.1', 1, 'j'],
      [5, 'out.0', 0, 'out'],
      [6, 'out.1', 1, 'out'],
    ]);
    expect([...graph.tasksOfNode.entries()]).toEqual([
      ['a', [0, 1]],
      ['b', [2]],
      ['j', [3, 4]],
      ['out', [5, 6]],
    ]);
  });

  it('numbers channels in edge order, then sender, then receiver, with join sides in the label', () => {
    expect(graph.channels.map((c) => [c.index, c.from, c.to, c.side, c.label])).toEqual([
      [0, 0, 3, 0, 'a.0->j.0(left)'],
      [1, 0, 4, 0, 'a.0->j.1(left)'],
      [2, 1, 3, 0, 'a.1->j.0(left)'],
      [3, 1, 4, 0, 'a.1->j.1(left)'],
      [4, 2, 3, 1, 'b.0->j.0(right)'],
      [5, 2, 4, 1, 'b.0->j.1(right)'],
      [6, 3, 5, 0, 'j.0->out.0'],
      [7, 4, 6, 0, 'j.1->out.1'],
    ]);
  });

  it('connects a forward edge only between equal subtasks, leaving the other receivers undefined', () => {
    expect(graph.tasks[3]!.outputs.map((o) => o.channelTo)).toEqual([[6, undefined]]);
    expect(graph.tasks[4]!.outputs.map((o) => o.channelTo)).toEqual([[undefined, 7]]);
  });

  it('gives each sender one output per edge with its channel to every receiver subtask', () => {
    expect(graph.tasks[0]!.outputs).toEqual([{ edge: TOPOLOGY.edges[0], partitioner: 'hash', receiverParallelism: 2, channelTo: [0, 1] }]);
    expect(graph.tasks[2]!.outputs.map((o) => o.channelTo)).toEqual([[4, 5]]);
    expect(graph.tasks[5]!.outputs).toEqual([]);
  });

  it('lists each task’s input channels in channel order', () => {
    expect(graph.tasks.map((t) => t.inputs)).toEqual([[], [], [], [0, 2, 4], [1, 3, 5], [6], [7]]);
  });

  it('keeps the two channels of a self-join apart by side', () => {
    const selfJoin = expandTopology({
      nodes: [
        { id: 's', kind: 'source', parallelism: 1 },
        { id: 'j', kind: 'join', parallelism: 1 },
      ],
      edges: [
        { from: 's', to: 'j', partitioner: 'hash', side: 0 },
        { from: 's', to: 'j', partitioner: 'hash', side: 1 },
      ],
    });
    expect(selfJoin.channels.map((c) => [c.label, c.side])).toEqual([
      ['s.0->j.0(left)', 0],
      ['s.0->j.0(right)', 1],
    ]);
    expect(selfJoin.tasks[1]!.inputs).toEqual([0, 1]);
  });
});
