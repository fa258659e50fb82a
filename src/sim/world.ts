// The simulated world: tasks, channels, coordinator and storage on one agenda of events.
// Nothing here reads a clock or a random source: every decision is asked of the ChoiceSource.
import type { ChoiceSource } from '../core/choice.ts';
import type { HistoryEvent } from '../core/history.ts';
import { HistoryRecorder } from './recorder.ts';
import { RecordTable } from './lineage.ts';
import type { TaskIndex, Tick } from '../core/ids.ts';
import { expandTopology, type PhysicalGraph } from '../dataflow/physical.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { ChannelRuntime } from './channel.ts';
import { Coordinator } from './coordinator.ts';
import { EventQueue, type SimEvent, type SimEventKind } from './event-queue.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { SnapshotStorage } from './storage.ts';
import { TaskRuntime } from './task.ts';

export class World {
  tick: Tick = 0;
  /** Increments at every crash; events scheduled in an older epoch are in flight and get dropped. */
  epoch = 0;
  /** Number of restores so far (the `attempt` of the next `restored` event minus one). */
  restores = 0;
  /** True between a crash and the restore that follows it. */
  down = false;
  faultsEnabled = true;
  /** Snapshot uploads started so far, for upload-crash faults. */
  uploadsStarted = 0;
  /** Trigger RPCs sent so far, for lost-trigger faults. */
  triggersSent = 0;
  /** Set once any priority barrier was sent: until then tasks need not look for them. */
  priorityBarriersSent = false;
  /** The History being recorded; null when recording is off (benchmarks). */
  readonly recorder: HistoryRecorder | null;
  /** Lineage of every record created in this run: ids are built from it on demand. */
  readonly records = new RecordTable();
  readonly queue = new EventQueue();
  readonly graph: PhysicalGraph;
  readonly tasks: TaskRuntime[];
  readonly channels: ChannelRuntime[];
  readonly sources: TaskRuntime[];
  readonly coordinator: Coordinator;
  readonly storage = new SnapshotStorage();
  readonly doomedUploads: ReadonlySet<number>;
  readonly lostTriggers: ReadonlySet<number>;

  constructor(
    readonly scenario: Scenario,
    readonly strategy: CheckpointStrategy,
    readonly choices: ChoiceSource,
    /** Manual driving (model-based tests) schedules no task wakes: the driver picks every step. */
    readonly timed = true,
    recordHistory = true,
  ) {
    this.recorder = recordHistory ? new HistoryRecorder(this.records) : null;
    this.graph = expandTopology(scenario.topology);
    const options = scenario.strategyOptions ?? {};
    this.tasks = this.graph.tasks.map((t) => {
      const backEdges = t.inputs.filter((c) => this.graph.channels[c]!.backEdge);
      return new TaskRuntime(t, scenario.sourceLogs[t.node.id]?.[t.subtask] ?? null, strategy, this.records, backEdges, options);
    });
    // Feedback channels are unbounded, as iteration feedback queues are: bounded ones let a cycle
    // deadlock on its own backpressure (head waits for credit from tail, tail from head).
    this.channels = this.graph.channels.map((c) => new ChannelRuntime(c.index, c.from, c.to, c.backEdge ? Infinity : scenario.timing.channelCapacity));
    this.sources = this.tasks.filter((t) => t.isSource);
    this.coordinator = new Coordinator(this);
    this.doomedUploads = new Set(scenario.faults.flatMap((f) => (f.kind === 'upload-crash' ? [f.upload] : [])));
    this.lostTriggers = new Set(scenario.faults.flatMap((f) => (f.kind === 'lost-trigger' ? [f.trigger] : [])));
  }

  /** Record a rare event (the frequent ones go to the recorder's typed methods directly). */
  record(event: HistoryEvent): void {
    this.recorder?.object(event);
  }

  /** A decision in [0, max]; 0 is the plainest. */
  choose(label: string, max: number): number {
    return max <= 0 ? 0 : this.choices.choose(label, max + 1);
  }

  schedule(kind: SimEventKind, at: Tick, task: TaskIndex = -1, checkpoint = 0, detail = 0, note = ''): void {
    this.queue.push(at, kind, this.epoch, task, checkpoint, detail, note);
  }

  /** Make sure `task` steps at `at` (or earlier). Duplicate wakes are harmless; missing ones are deadlocks. */
  wake(task: TaskRuntime, at: Tick): void {
    // A busy task can do nothing before its step ends: waking it earlier would be an empty step.
    const when = at > task.busyUntil ? at : task.busyUntil;
    if (!this.timed || when >= task.wakeAt) return;
    task.wakeAt = when;
    this.schedule('wake', when, task.physical.index);
  }

  /** One-way message delay between the coordinator and a task. */
  rpcArrival(): Tick {
    return this.tick + 1 + this.choose('rpc', this.scenario.timing.rpcDelayTicksMax);
  }

  isCurrent(event: SimEvent): boolean {
    return event.attempt === this.epoch;
  }
}
