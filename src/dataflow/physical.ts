// Expansion of the logical topology into physical tasks (one per subtask) and FIFO channels
// (one per sender subtask -> receiver subtask pair that the partitioner connects).
import type { ChannelIndex, TaskIndex } from '../core/ids.ts';
import type { EdgeSpec, LogicalTopology, NodeSpec, Partitioner } from './topology.ts';

export interface PhysicalTask {
  readonly index: TaskIndex;
  readonly node: NodeSpec;
  readonly subtask: number;
  /** `node.subtask`, used in record ids, digests and diagnostics. */
  readonly label: string;
  readonly inputs: readonly ChannelIndex[];
  readonly outputs: readonly OutputEdge[];
  /** Every output channel, in edge then receiver order. */
  readonly outputChannels: readonly ChannelIndex[];
}

export interface OutputEdge {
  readonly edge: EdgeSpec;
  readonly partitioner: Partitioner;
  readonly receiverParallelism: number;
  /** Channel to each receiver subtask (undefined where the partitioner never routes). */
  readonly channelTo: readonly (ChannelIndex | undefined)[];
}

export interface PhysicalChannel {
  readonly index: ChannelIndex;
  readonly from: TaskIndex;
  readonly to: TaskIndex;
  readonly side: 0 | 1;
  /** Part of a back-edge: it closes a cycle. */
  readonly backEdge: boolean;
  /** `sender->receiver`, e.g. `src0.1->join2.0`. */
  readonly label: string;
}

export interface PhysicalGraph {
  readonly tasks: readonly PhysicalTask[];
  readonly channels: readonly PhysicalChannel[];
  /** Task indices of each logical node, by node id, in subtask order. */
  readonly tasksOfNode: ReadonlyMap<string, readonly TaskIndex[]>;
}

function connects(partitioner: Partitioner, senderSubtask: number, receiverSubtask: number): boolean {
  return partitioner !== 'forward' || senderSubtask === receiverSubtask;
}

/** Deterministic: tasks in node order then subtask order; channels in edge order, sender, receiver. */
export function expandTopology(topology: LogicalTopology): PhysicalGraph {
  const tasksOfNode = new Map<string, TaskIndex[]>();
  const taskDrafts: { node: NodeSpec; subtask: number; inputs: ChannelIndex[]; outputs: OutputEdge[] }[] = [];
  for (const node of topology.nodes) {
    const indices: TaskIndex[] = [];
    for (let s = 0; s < node.parallelism; s++) {
      indices.push(taskDrafts.length);
      taskDrafts.push({ node, subtask: s, inputs: [], outputs: [] });
    }
    tasksOfNode.set(node.id, indices);
  }
  const channels: PhysicalChannel[] = [];
  for (const edge of topology.edges) {
    const senders = tasksOfNode.get(edge.from)!;
    const receivers = tasksOfNode.get(edge.to)!;
    senders.forEach((from, senderSubtask) => {
      const channelTo: (ChannelIndex | undefined)[] = receivers.map(() => undefined);
      receivers.forEach((to, receiverSubtask) => {
        if (!connects(edge.partitioner, senderSubtask, receiverSubtask)) return;
        const index = channels.length;
        // Join inputs name their side: a self-join has two channels between the same pair of tasks.
        const side = edge.side === undefined ? '' : edge.side === 0 ? '(left)' : '(right)';
        const label = `${edge.from}.${senderSubtask}->${edge.to}.${receiverSubtask}${side}`;
        channels.push({ index, from, to, side: edge.side ?? 0, backEdge: edge.backEdge === true, label });
        channelTo[receiverSubtask] = index;
        taskDrafts[to]!.inputs.push(index);
      });
      taskDrafts[from]!.outputs.push({ edge, partitioner: edge.partitioner, receiverParallelism: receivers.length, channelTo });
    });
  }
  const tasks = taskDrafts.map((d, index) => ({
    index,
    label: `${d.node.id}.${d.subtask}`,
    ...d,
    outputChannels: d.outputs.flatMap((o) => o.channelTo.filter((c): c is ChannelIndex => c !== undefined)),
  }));
  return { tasks, channels, tasksOfNode };
}
