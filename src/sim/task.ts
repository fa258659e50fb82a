// Per-task runtime state. The strategy's state machine lives in `strategy`; everything else here is
// the runtime's: operator state, source offset, outputs waiting for credit, mailbox, uploads.
import type { CheckpointId, ChannelIndex, Tick } from '../core/ids.ts';
import type { TaskSnapshot } from '../core/history.ts';
import type { Barrier, ChannelMessage, DataRecord, PositionedRecord } from '../core/messages.ts';
import { operatorFor, type OperatorDefinition } from '../dataflow/operators.ts';
import { initialRoundRobin } from '../dataflow/partitioners.ts';
import type { RecordFactory } from '../dataflow/records.ts';
import type { PhysicalTask } from '../dataflow/physical.ts';
import type { CheckpointStrategy, StrategyEvent, TaskContext, TaskStrategy } from '../strategies/strategy.ts';
import type { SourceRecordSpec } from '../scenario/scenario.ts';

export interface PendingOutput {
  readonly channel: ChannelIndex;
  readonly message: ChannelMessage;
  /** The record's position in its channel (-1 for control messages). */
  readonly position: number;
}

/** The record being handed to the strategy as `recordReceived`, for `persistReceived`. */
export interface ReceivedRecord {
  readonly channel: ChannelIndex;
  readonly record: DataRecord;
  readonly position: number;
}

export class TaskRuntime {
  readonly operator: OperatorDefinition;
  readonly context: TaskContext;
  state: unknown;
  roundRobin: number[];
  strategy: TaskStrategy;
  /** Sources: the next log offset to read. */
  offset = 0;
  busyUntil: Tick = 0;
  /** Outputs that found no credit, in emission order; the task is stalled until they are placed. */
  pending: PendingOutput[] = [];
  /** Coordinator messages (triggers, notifications), handled between records. */
  mailbox: StrategyEvent[] = [];
  /** Earliest tick of a scheduled wake, or Infinity. */
  wakeAt: Tick = Infinity;
  /** Uploads started and not yet finished, per checkpoint. */
  readonly uploadsInFlight = new Map<CheckpointId, number>();
  /** Checkpoints acknowledged by the strategy whose uploads are still running. */
  readonly acksAwaitingUpload = new Set<CheckpointId>();
  /** Checkpoints this task snapshotted since its last restart (an ack needs one). */
  readonly snapshotsTaken = new Set<CheckpointId>();
  /** Sources: reading paused by the strategy (stop-the-world). */
  paused = false;
  /** The last barrier dequeued per input channel (for `persistOvertaken`). */
  readonly lastBarrier = new Map<ChannelIndex, Barrier>();
  /** Set while the strategy handles `recordReceived`. */
  received: ReceivedRecord | null = null;
  /** Channel state restored for this task's inputs, waiting for `replayChannelState`. */
  readonly restoredChannelState = new Map<ChannelIndex, readonly PositionedRecord[]>();
  readonly observesRecords: boolean;

  constructor(
    readonly physical: PhysicalTask,
    readonly log: readonly SourceRecordSpec[] | null,
    readonly strategyFactory: CheckpointStrategy,
    readonly records: RecordFactory,
    backEdgeInputs: readonly ChannelIndex[],
    options: Readonly<Record<string, number>>,
  ) {
    this.operator = operatorFor(physical.node, records);
    this.observesRecords = strategyFactory.observesRecords === true;
    this.context = {
      task: physical.index,
      label: physical.label,
      isSource: physical.node.kind === 'source',
      inputs: physical.inputs,
      backEdgeInputs,
      outputs: physical.outputChannels,
      options,
    };
    this.state = this.operator.createState();
    this.roundRobin = this.initialRoundRobin();
    this.strategy = strategyFactory.createTask(this.context);
  }

  get isSource(): boolean {
    return this.log !== null;
  }

  get exhausted(): boolean {
    return this.log === null || this.offset >= this.log.length;
  }

  capture(): TaskSnapshot {
    return { operator: this.operator.snapshot(this.state), roundRobin: [...this.roundRobin] };
  }

  /** Restart from a snapshot (or the initial state) with a fresh strategy state machine. */
  restart(snapshot: TaskSnapshot | null, sourceOffset: number | null, now: Tick): void {
    this.state = snapshot ? this.operator.restore(snapshot.operator) : this.operator.createState();
    this.roundRobin = snapshot ? [...snapshot.roundRobin] : this.initialRoundRobin();
    this.offset = sourceOffset ?? 0;
    this.strategy = this.strategyFactory.createTask(this.context);
    this.halt(now);
  }

  /** Drop everything transient: used at a crash and at a restart. */
  halt(now: Tick): void {
    this.busyUntil = now;
    this.pending = [];
    this.mailbox = [];
    this.wakeAt = Infinity;
    this.uploadsInFlight.clear();
    this.acksAwaitingUpload.clear();
    this.snapshotsTaken.clear();
    this.paused = false;
    this.lastBarrier.clear();
    this.received = null;
    this.restoredChannelState.clear();
  }

  private initialRoundRobin(): number[] {
    return this.physical.outputs.map((o) => initialRoundRobin(this.physical.subtask, o.receiverParallelism));
  }
}
