// The reference evaluator: a plain sequential run of the dataflow, written independently of the
// simulator. It shares only the operator definitions, the partitioners and the topology expansion;
// there are no channels with capacity, no timing, no barriers and no faults. Records are pushed
// through a FIFO work queue until the graph is quiet, which keeps every channel's order.
//
// It pours source records in a fixed order (source tasks in task order, which is node order then
// subtask order, and offsets in order). The merged node states do not depend on that order (see
// node-states.ts), so a caller may also pour in steps, prefix by prefix.
import type { SnapshotState, TaskSnapshot } from '../core/history.ts';
import type { ChannelIndex, TaskIndex } from '../core/ids.ts';
import type { DataRecord } from '../core/messages.ts';
import { assert } from '../core/assert.ts';
import { initialRoundRobin, nextRoundRobin, receiversOf } from '../dataflow/partitioners.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { mergeNodeStates, type NodeStates } from './node-states.ts';
import { factsOf, type ScenarioFacts } from './scenario-facts.ts';

export class ReferenceEvaluator {
  private readonly states: unknown[];
  private readonly roundRobin: number[][];
  /** Per task: the next log offset a source will pour (0 for every other task). */
  private readonly offsets: number[];
  // The FIFO work queue as two parallel arrays, and scratch arrays reused for every record: the
  // evaluator runs for every completed checkpoint of every scenario, so it avoids allocation.
  private readonly queuedChannels: ChannelIndex[] = [];
  private readonly queuedRecords: DataRecord[] = [];
  private readonly outputs: DataRecord[] = [];

  /** Starts from the initial state, or from `initial` (one snapshot per task, e.g. a checkpoint's). */
  constructor(
    private readonly facts: ScenarioFacts,
    initial?: readonly TaskSnapshot[],
  ) {
    const { graph, operators } = facts;
    this.states = graph.tasks.map((t) => {
      const snapshot = initial?.[t.index];
      return snapshot === undefined ? operators[t.index]!.createState() : operators[t.index]!.restore(snapshot.operator);
    });
    this.roundRobin = graph.tasks.map((t) => {
      const restored = initial?.[t.index]?.roundRobin;
      return restored !== undefined ? [...restored] : t.outputs.map((o) => initialRoundRobin(t.subtask, o.receiverParallelism));
    });
    this.offsets = graph.tasks.map(() => 0);
  }

  offsetOf(task: TaskIndex): number {
    return this.offsets[task]!;
  }

  /** Pour source `task`'s log from where it stands up to `end` (exclusive, clamped to the log). */
  pourSource(task: TaskIndex, end: number): void {
    const log = this.facts.logs[task];
    assert(log !== null && log !== undefined, `task ${task} is not a source`);
    const nodeId = this.facts.graph.tasks[task]!.node.id;
    const subtask = this.facts.graph.tasks[task]!.subtask;
    const stop = Math.min(end, log.length);
    for (let offset = this.offsets[task]!; offset < stop; offset++) {
      const spec = log[offset]!;
      this.emit(task, { id: `${nodeId}.${subtask}@${offset}`, key: spec.key, value: spec.value });
      this.drain();
      this.offsets[task] = offset + 1;
    }
  }

  /** A record arriving on `channel` (replayed channel state), pushed until the graph is quiet. */
  deliver(channel: ChannelIndex, record: DataRecord): void {
    this.deliverAll([[channel, record]]);
  }

  /**
   * Replayed channel state: every record enters its channel first, as a restore re-injects it ahead
   * of anything new, and only then does the graph run, so what the replay produces queues behind
   * the recorded state of each channel (the work queue is FIFO, so each channel stays FIFO).
   */
  deliverAll(entries: readonly (readonly [ChannelIndex, DataRecord])[]): void {
    for (const [channel, record] of entries) {
      this.queuedChannels.push(channel);
      this.queuedRecords.push(record);
    }
    this.drain();
  }

  taskSnapshots(): TaskSnapshot[] {
    return this.facts.graph.tasks.map((t) => ({
      operator: this.facts.operators[t.index]!.snapshot(this.states[t.index]),
      roundRobin: [...this.roundRobin[t.index]!],
    }));
  }

  nodeStates(): NodeStates {
    const operatorSnapshots: SnapshotState[] = this.states.map((state, task) => this.facts.operators[task]!.snapshot(state));
    return mergeNodeStates(this.facts, operatorSnapshots);
  }

  /** Route `record` from `task` on each output edge, with the task's rebalance counter for that edge. */
  private emit(task: TaskIndex, record: DataRecord): void {
    const sender = this.facts.graph.tasks[task]!;
    const counters = this.roundRobin[task]!;
    for (let k = 0; k < sender.outputs.length; k++) {
      const output = sender.outputs[k]!;
      const receivers = receiversOf(output.partitioner, record, sender.subtask, output.receiverParallelism, counters[k]!);
      counters[k] = nextRoundRobin(output.partitioner, output.receiverParallelism, counters[k]!);
      for (const receiver of receivers) {
        const channel = output.channelTo[receiver];
        assert(channel !== undefined, `${sender.label} routed to unconnected subtask ${receiver}`);
        this.queuedChannels.push(channel);
        this.queuedRecords.push(record);
      }
    }
  }

  private drain(): void {
    const { graph, operators } = this.facts;
    for (let head = 0; head < this.queuedChannels.length; head++) {
      const channel = graph.channels[this.queuedChannels[head]!]!;
      const out = this.outputs;
      out.length = 0;
      operators[channel.to]!.apply(this.states[channel.to], this.queuedRecords[head]!, graph.tasks[channel.from]!.label, channel.side, out);
      for (const derived of out) this.emit(channel.to, derived);
    }
    this.queuedChannels.length = 0;
    this.queuedRecords.length = 0;
  }
}

/** Merged node states over the source prefixes `prefixes[task]` (full logs where unspecified). */
export function referenceNodeStates(facts: ScenarioFacts, prefixes?: readonly (number | null)[]): NodeStates {
  return pourAll(facts, prefixes).nodeStates();
}

const fullReferenceCache = new WeakMap<ScenarioFacts, NodeStates>();

/** Merged node states of the failure-free run over the full logs; computed once per scenario. */
export function fullReference(facts: ScenarioFacts): NodeStates {
  let states = fullReferenceCache.get(facts);
  if (states === undefined) {
    states = referenceNodeStates(facts);
    fullReferenceCache.set(facts, states);
  }
  return states;
}

/** Node id -> merged state of the failure-free run over the full logs (what a correct run ends with). */
export function referenceFinalStates(scenario: Scenario): ReadonlyMap<string, SnapshotState> {
  const facts = factsOf(scenario);
  const states = fullReference(facts);
  return new Map(facts.nodes.map((n, i) => [n.node.id, states.values[i]]));
}

/** Per-task reference snapshots over the given prefixes (full logs where unspecified). */
export function referenceSnapshots(scenario: Scenario, prefixes?: readonly (number | null)[]): TaskSnapshot[] {
  return pourAll(factsOf(scenario), prefixes).taskSnapshots();
}

function pourAll(facts: ScenarioFacts, prefixes?: readonly (number | null)[]): ReferenceEvaluator {
  const evaluator = new ReferenceEvaluator(facts);
  for (const task of facts.sourceTasks) evaluator.pourSource(task, prefixes?.[task] ?? Number.POSITIVE_INFINITY);
  return evaluator;
}
