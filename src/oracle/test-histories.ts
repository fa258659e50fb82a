// Test-only: two small scenarios and a builder that writes Histories by hand, step by step, keeping
// the task states, rebalance counters and channel queues a real run would have. A test drives it to
// a correct History, or bends one step (an early snapshot, a skipped restore, a forged event) to
// produce exactly the violation it wants the oracle to find.
import type { AbortReason, History, HistoryEvent, TaskSnapshot } from '../core/history.ts';
import type { ChannelIndex, CheckpointId, TaskIndex } from '../core/ids.ts';
import type { DataRecord } from '../core/messages.ts';
import { operatorFor, type OperatorDefinition } from '../dataflow/operators.ts';
import { initialRoundRobin, nextRoundRobin, receiversOf } from '../dataflow/partitioners.ts';
import { expandTopology, type PhysicalGraph } from '../dataflow/physical.ts';
import type { LogicalTopology } from '../dataflow/topology.ts';
import { DEFAULT_LIMITS, DEFAULT_TIMING, type Scenario, type SourceRecordSpec } from '../scenario/scenario.ts';

export function scenarioOf(topology: LogicalTopology, sourceLogs: Record<string, SourceRecordSpec[][]>): Scenario {
  return { formatVersion: 1, strategy: 'aligned', topology, sourceLogs, triggers: [], faults: [], timing: DEFAULT_TIMING, limits: DEFAULT_LIMITS, decisions: [] };
}

/** srcA, srcB -> union -> sink. Tasks 0 srcA.0, 1 srcB.0, 2 union.0, 3 sink.0; channels 0 srcA->union, 1 srcB->union, 2 union->sink. */
export const UNION = scenarioOf(
  {
    nodes: [
      { id: 'srcA', kind: 'source', parallelism: 1 },
      { id: 'srcB', kind: 'source', parallelism: 1 },
      { id: 'union', kind: 'union', parallelism: 1 },
      { id: 'sink', kind: 'sink', parallelism: 1 },
    ],
    edges: [
      { from: 'srcA', to: 'union', partitioner: 'forward' },
      { from: 'srcB', to: 'union', partitioner: 'forward' },
      { from: 'union', to: 'sink', partitioner: 'forward' },
    ],
  },
  { srcA: [[{ key: 1, value: 10 }, { key: 2, value: 20 }]], srcB: [[{ key: 1, value: 5 }]] },
);
export const [A, B, U, K] = [0, 1, 2, 3];

/** src -> count (hash). Tasks 0 src.0, 1 count.0; channel 0. */
export const COUNT = scenarioOf(
  {
    nodes: [
      { id: 'src', kind: 'source', parallelism: 1 },
      { id: 'count', kind: 'count', parallelism: 1 },
    ],
    edges: [{ from: 'src', to: 'count', partitioner: 'hash' }],
  },
  { src: [[{ key: 1, value: 1 }, { key: 2, value: 1 }, { key: 1, value: 1 }]] },
);

type Untimed<E> = E extends unknown ? Omit<E, 'tick'> : never;
type StoredSnapshot = { readonly state: TaskSnapshot; readonly sourceOffset: number | null };

export class HistoryBuilder {
  readonly graph: PhysicalGraph;
  private readonly events: HistoryEvent[] = [];
  private readonly operators: OperatorDefinition[];
  private readonly snapshots = new Map<CheckpointId, Map<TaskIndex, StoredSnapshot>>();
  private readonly channelState = new Map<CheckpointId, { channel: ChannelIndex; record: DataRecord }[]>();
  private attempt = 0;
  private states: unknown[] = [];
  private roundRobin: number[][] = [];
  private offsets: number[] = [];
  private queues: DataRecord[][] = [];
  /** Per channel, the position each queued record was sent at (its send index in this attempt). */
  private positions: number[][] = [];
  private sentCounts: number[] = [];

  constructor(readonly scenario: Scenario) {
    this.graph = expandTopology(scenario.topology);
    this.operators = this.graph.tasks.map((t) => operatorFor(t.node));
    this.resetTo(null);
  }

  build(): History {
    return [...this.events];
  }

  /** Set by `inOneStep`: the tick every event gets until it returns. */
  private heldTick: number | null = null;

  /** Append any event (to forge what a correct run would never do). */
  raw(event: Untimed<HistoryEvent>): this {
    this.events.push({ ...event, tick: this.heldTick ?? this.events.length } as HistoryEvent);
    return this;
  }

  /** Events appended by `build` share one tick, as the events of one task step do. */
  inOneStep(build: (builder: this) => void): this {
    this.heldTick = this.events.length;
    build(this);
    this.heldTick = null;
    return this;
  }

  /** A source reads its next record and sends it downstream. */
  read(task: TaskIndex): this {
    const t = this.graph.tasks[task]!;
    const offset = this.offsets[task]!;
    const spec = this.scenario.sourceLogs[t.node.id]![t.subtask]![offset]!;
    const record = { id: `${t.label}@${offset}`, key: spec.key, value: spec.value };
    this.offsets[task] = offset + 1;
    this.raw({ kind: 'read', task, offset, record });
    return this.emit(task, record);
  }

  /** The receiver of `channel` takes the record at `position` (0: the head) and processes it. */
  deliver(channel: ChannelIndex, position = 0): this {
    const c = this.graph.channels[channel]!;
    const [record] = this.queues[channel]!.splice(position, 1);
    this.positions[channel]!.splice(position, 1);
    if (record === undefined) throw new Error(`channel ${c.label} is empty`);
    this.raw({ kind: 'processed', task: c.to, channel, record });
    const out: DataRecord[] = [];
    this.operators[c.to]!.apply(this.states[c.to], record, this.graph.tasks[c.from]!.label, c.side, out);
    for (const derived of out) this.emit(c.to, derived);
    return this;
  }

  trigger(checkpoint: CheckpointId): this {
    return this.raw({ kind: 'triggered', checkpoint });
  }

  snapshot(task: TaskIndex, checkpoint: CheckpointId, forged?: Partial<StoredSnapshot>): this {
    const isSource = this.graph.tasks[task]!.node.kind === 'source';
    const taken: StoredSnapshot = {
      state: forged?.state ?? { operator: this.operators[task]!.snapshot(this.states[task]), roundRobin: [...this.roundRobin[task]!] },
      sourceOffset: forged?.sourceOffset !== undefined ? forged.sourceOffset : isSource ? this.offsets[task]! : null,
    };
    if (!this.snapshots.has(checkpoint)) this.snapshots.set(checkpoint, new Map());
    this.snapshots.get(checkpoint)!.set(task, taken);
    return this.raw({ kind: 'snapshotTaken', task, checkpoint, ...taken });
  }

  /** `task` stores everything now queued on `channel` as channel state of `checkpoint` (records stay queued). */
  recordInFlight(task: TaskIndex, checkpoint: CheckpointId, channel: ChannelIndex): this {
    if (!this.channelState.has(checkpoint)) this.channelState.set(checkpoint, []);
    this.queues[channel]!.forEach((record, i) => {
      this.channelState.get(checkpoint)!.push({ channel, record });
      this.raw({ kind: 'channelStateRecorded', task, checkpoint, channel, record, position: this.positions[channel]![i]! });
    });
    return this;
  }

  /** Acks of `checkpoint` from the given tasks (default: all). */
  acks(checkpoint: CheckpointId, tasks: readonly TaskIndex[] = this.graph.tasks.map((t) => t.index)): this {
    for (const task of tasks) this.raw({ kind: 'acked', task, checkpoint });
    return this;
  }

  complete(checkpoint: CheckpointId): this {
    this.raw({ kind: 'completed', checkpoint });
    for (const t of this.graph.tasks) this.raw({ kind: 'notified', task: t.index, checkpoint, outcome: 'completed' });
    return this;
  }

  abort(checkpoint: CheckpointId, reason: AbortReason = 'expired'): this {
    return this.raw({ kind: 'aborted', checkpoint, reason });
  }

  /** A checkpoint snapshotted by every task in task order, acked and completed. */
  checkpoint(checkpoint: CheckpointId): this {
    this.trigger(checkpoint);
    for (const t of this.graph.tasks) this.snapshot(t.index, checkpoint);
    return this.acks(checkpoint).complete(checkpoint);
  }

  block(channel: ChannelIndex): this {
    return this.raw({ kind: 'blocked', task: this.graph.channels[channel]!.to, channel });
  }

  unblock(channel: ChannelIndex): this {
    return this.raw({ kind: 'unblocked', task: this.graph.channels[channel]!.to, channel });
  }

  crash(): this {
    return this.raw({ kind: 'crashed', fault: 'global-crash', task: null });
  }

  /** Every task restarts from `checkpoint`'s snapshots (null: initial state); its channel state is re-injected. */
  restore(checkpoint: CheckpointId | null): this {
    this.attempt++;
    this.raw({ kind: 'restored', checkpoint, attempt: this.attempt });
    this.resetTo(checkpoint);
    for (const { channel, record } of checkpoint === null ? [] : (this.channelState.get(checkpoint) ?? [])) {
      this.enqueue(channel, record);
      this.raw({ kind: 'reinjected', channel, record });
    }
    return this;
  }

  /** Deliver everything queued and read every source to its end, channels first, in index order. */
  drain(): this {
    for (;;) {
      const channel = this.queues.findIndex((q) => q.length > 0);
      if (channel >= 0) {
        this.deliver(channel);
        continue;
      }
      const source = this.graph.tasks.find((t) => this.offsets[t.index]! < (this.scenario.sourceLogs[t.node.id]?.[t.subtask]?.length ?? 0));
      if (source === undefined) return this;
      this.read(source.index);
    }
  }

  quiesce(): History {
    return this.raw({ kind: 'livenessPhaseStarted' }).raw({ kind: 'quiesced' }).finals().build();
  }

  stuck(reason: string): History {
    return this.raw({ kind: 'livenessPhaseStarted' }).raw({ kind: 'stuck', reason }).finals().build();
  }

  private finals(): this {
    for (const t of this.graph.tasks) {
      const state = { operator: this.operators[t.index]!.snapshot(this.states[t.index]), roundRobin: [...this.roundRobin[t.index]!] };
      this.raw({ kind: 'finalState', task: t.index, state, sourceOffset: t.node.kind === 'source' ? this.offsets[t.index]! : null });
    }
    return this;
  }

  private enqueue(channel: ChannelIndex, record: DataRecord): void {
    this.queues[channel]!.push(record);
    this.positions[channel]!.push(this.sentCounts[channel]!++);
  }

  private emit(task: TaskIndex, record: DataRecord): this {
    const t = this.graph.tasks[task]!;
    t.outputs.forEach((output, k) => {
      const counter = this.roundRobin[task]![k]!;
      const receivers = receiversOf(output.partitioner, record, t.subtask, output.receiverParallelism, counter);
      this.roundRobin[task]![k] = nextRoundRobin(output.partitioner, output.receiverParallelism, counter);
      for (const r of receivers) {
        const channel = output.channelTo[r]!;
        this.enqueue(channel, record);
        this.raw({ kind: 'sent', task, channel, record });
      }
    });
    return this;
  }

  private resetTo(checkpoint: CheckpointId | null): void {
    const taken = checkpoint === null ? undefined : this.snapshots.get(checkpoint);
    this.states = this.graph.tasks.map((t) => {
      const snapshot = taken?.get(t.index);
      return snapshot ? this.operators[t.index]!.restore(snapshot.state.operator) : this.operators[t.index]!.createState();
    });
    this.roundRobin = this.graph.tasks.map(
      (t) => taken?.get(t.index)?.state.roundRobin.slice() ?? t.outputs.map((o) => initialRoundRobin(t.subtask, o.receiverParallelism)),
    );
    this.offsets = this.graph.tasks.map((t) => taken?.get(t.index)?.sourceOffset ?? 0);
    this.queues = this.graph.channels.map(() => []);
    this.positions = this.graph.channels.map(() => []);
    this.sentCounts = this.graph.channels.map(() => 0);
  }
}

/** The event kinds of a witness, for compact assertions. */
export function kindsOf(witness: readonly { readonly event: HistoryEvent }[]): string[] {
  return witness.map((w) => w.event.kind);
}

/**
 * A correct aligned run of UNION: checkpoint 1 cuts after srcA.0@0, more records flow, the job
 * crashes, restores from checkpoint 1 and runs to quiescence.
 */
export function correctUnionRun(): History {
  return new HistoryBuilder(UNION)
    .read(A)
    .trigger(1)
    .snapshot(A, 1)
    .snapshot(B, 1)
    .read(A)
    .deliver(0)
    .read(B)
    .snapshot(U, 1)
    .deliver(2)
    .snapshot(K, 1)
    .acks(1)
    .complete(1)
    .deliver(0)
    .crash()
    .restore(1)
    .drain()
    .quiesce();
}

/** Checkpoint 1 orphans srcA.0@1 (union consumed it, srcA's snapshot precedes it); restoring re-sends it. */
export function duplicatingRun(): History {
  return new HistoryBuilder(UNION).read(A).trigger(1).snapshot(A, 1).snapshot(B, 1)
    .read(A).deliver(0).deliver(0).snapshot(U, 1).deliver(2).deliver(2).snapshot(K, 1)
    .acks(1).complete(1).crash().restore(1).drain().quiesce();
}

/** Checkpoint 1 loses srcA.0@0 (union snapshots before consuming it, no channel state); the restore never re-sends it. */
export function losingRun(): History {
  return new HistoryBuilder(UNION).read(A).trigger(1).snapshot(A, 1).snapshot(B, 1).snapshot(U, 1).snapshot(K, 1)
    .acks(1).complete(1).deliver(0).crash().restore(1).drain().quiesce();
}
