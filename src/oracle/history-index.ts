// One pass over a History that files every event the checkers need by attempt, checkpoint and
// channel, as event indices. The checkers then work on these small sorted index lists instead of
// rescanning the History (they run on every generated scenario, so the History is scanned once).
import type { History, HistoryEvent } from '../core/history.ts';
import type { ChannelIndex, CheckpointId, TaskIndex } from '../core/ids.ts';
import { assert } from '../core/assert.ts';
import type { PhysicalGraph } from '../dataflow/physical.ts';

/** An attempt: attempt 0 starts at event 0, attempt n at its `restored` event. */
export interface AttemptSpan {
  readonly ordinal: number;
  /** First event of the attempt (its `restored` event, or 0). */
  readonly start: number;
  /** One past its last event. */
  readonly end: number;
  /** The checkpoint it restored from (null: the initial state, as attempt 0). */
  readonly from: CheckpointId | null;
}

export interface CheckpointFacts {
  readonly id: CheckpointId;
  /** Event index of `triggered`, -1 when the History never triggered it. */
  readonly triggeredAt: number;
  /** Attempt of the trigger, -1 when never triggered. */
  readonly attempt: number;
  /** Per task: the first `snapshotTaken` for this checkpoint, -1 when none. */
  readonly snapshotAt: readonly number[];
  readonly ackedAt: readonly number[];
  /** The first `completed` / `aborted` of this checkpoint, -1 when none. */
  readonly completedAt: number;
  readonly abortedAt: number;
  /** Per channel: its `channelStateRecorded` events for this checkpoint, in channel order (by position). */
  readonly channelState: ReadonlyMap<ChannelIndex, readonly number[]>;
}

export interface ChannelEvents {
  readonly sent: readonly number[];
  readonly processed: readonly number[];
  readonly reinjected: readonly number[];
  /** The `blocked` event still in force at the end of the History (restores clear blocks), -1 when none. */
  readonly blockedAtEnd: number;
}

export interface HistoryIndex {
  readonly attempts: readonly AttemptSpan[];
  readonly checkpoints: ReadonlyMap<CheckpointId, CheckpointFacts>;
  /** Event indices of `triggered`, `completed`, `aborted` and `notified` events, in History order. */
  readonly triggers: readonly number[];
  readonly completions: readonly number[];
  readonly notifications: readonly number[];
  readonly channels: readonly ChannelEvents[];
  /** Per task: its `finalState` event, -1 when none. */
  readonly finalStateAt: readonly number[];
  /** The last `quiesced` / `stuck` / `drained` event, -1 when none. */
  readonly quiescedAt: number;
  readonly stuckAt: number;
  readonly drainedAt: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type CheckpointDraft = Mutable<Omit<CheckpointFacts, 'channelState'>> & { channelState: Map<ChannelIndex, number[]> };
type IndexDraft = Mutable<Omit<HistoryIndex, 'channels' | 'checkpoints' | 'attempts'>> & {
  attemptStarts: number[];
  attemptFrom: (CheckpointId | null)[];
  checkpoints: Map<CheckpointId, CheckpointDraft>;
  channels: Mutable<ChannelEvents>[];
};

export function indexHistory(graph: PhysicalGraph, history: History): HistoryIndex {
  const draft = emptyDraft(graph);
  for (let i = 0; i < history.length; i++) fileEvent(draft, graph, history, i);
  sortChannelStateByPosition(draft, history);
  const attempts = draft.attemptStarts.map((start, ordinal) => ({
    ordinal,
    start,
    end: draft.attemptStarts[ordinal + 1] ?? history.length,
    from: draft.attemptFrom[ordinal]!,
  }));
  return { ...draft, attempts };
}

function emptyDraft(graph: PhysicalGraph): IndexDraft {
  return {
    attemptStarts: [0],
    attemptFrom: [null],
    checkpoints: new Map(),
    triggers: [],
    completions: [],
    notifications: [],
    channels: graph.channels.map(() => ({ sent: [], processed: [], reinjected: [], blockedAtEnd: -1 })),
    finalStateAt: graph.tasks.map(() => -1),
    quiescedAt: -1,
    stuckAt: -1,
    drainedAt: -1,
  };
}

function fileEvent(draft: IndexDraft, graph: PhysicalGraph, history: History, i: number): void {
  const event = history[i]!;
  switch (event.kind) {
    case 'sent':
      return void channelOf(draft, event.channel).sent.push(i);
    case 'processed':
      return void channelOf(draft, event.channel).processed.push(i);
    case 'reinjected':
      return void channelOf(draft, event.channel).reinjected.push(i);
    case 'blocked':
      channelOf(draft, event.channel).blockedAtEnd = i;
      return;
    case 'unblocked':
      channelOf(draft, event.channel).blockedAtEnd = -1;
      return;
    case 'restored':
      draft.attemptStarts.push(i);
      draft.attemptFrom.push(event.checkpoint);
      for (const channel of draft.channels) channel.blockedAtEnd = -1;
      return;
    case 'triggered': {
      draft.triggers.push(i);
      const checkpoint = checkpointOf(draft, graph, event.checkpoint);
      if (checkpoint.triggeredAt < 0) {
        checkpoint.triggeredAt = i;
        checkpoint.attempt = draft.attemptStarts.length - 1;
      }
      return;
    }
    case 'snapshotTaken': {
      const checkpoint = checkpointOf(draft, graph, event.checkpoint);
      assert(event.task >= 0 && event.task < graph.tasks.length, `event ${i}: no task ${event.task}`);
      if (checkpoint.snapshotAt[event.task]! < 0) checkpoint.snapshotAt[event.task] = i;
      return;
    }
    case 'channelStateRecorded':
      return void recordChannelState(draft, graph, i, event.checkpoint, event.channel);
    case 'acked':
      return void checkpointOf(draft, graph, event.checkpoint).ackedAt.push(i);
    case 'completed':
      return void fileOutcome(draft, graph, i, event.checkpoint, 'completedAt');
    case 'aborted':
      return void fileOutcome(draft, graph, i, event.checkpoint, 'abortedAt');
    case 'notified':
      return void draft.notifications.push(i);
    case 'finalState':
      draft.finalStateAt[event.task] = i;
      return;
    case 'quiesced':
      draft.quiescedAt = i;
      return;
    case 'stuck':
      draft.stuckAt = i;
      return;
    case 'drained':
      draft.drainedAt = i;
      return;
    default:
      // read, barrier traffic, uploads, declines, crashes and the liveness marker need no filing:
      // the checkers that care look them up directly, and only when explaining a violation.
      return;
  }
}

function channelOf(draft: IndexDraft, channel: ChannelIndex): Mutable<ChannelEvents> {
  const events = draft.channels[channel];
  assert(events !== undefined, `no channel ${channel} in the physical graph`);
  return events;
}

function checkpointOf(draft: IndexDraft, graph: PhysicalGraph, id: CheckpointId): CheckpointDraft {
  let checkpoint = draft.checkpoints.get(id);
  if (checkpoint === undefined) {
    checkpoint = {
      id,
      triggeredAt: -1,
      attempt: -1,
      snapshotAt: graph.tasks.map(() => -1),
      ackedAt: [],
      completedAt: -1,
      abortedAt: -1,
      channelState: new Map(),
    };
    draft.checkpoints.set(id, checkpoint);
  }
  return checkpoint;
}

function recordChannelState(draft: IndexDraft, graph: PhysicalGraph, i: number, id: CheckpointId, channel: ChannelIndex): void {
  channelOf(draft, channel);
  const records = checkpointOf(draft, graph, id).channelState;
  const list = records.get(channel);
  if (list === undefined) records.set(channel, [i]);
  else list.push(i);
}

/**
 * Channel state is in channel order by position, whoever recorded it and when: an unaligned sender
 * records its overtaken output before the receiver records the older input the barrier overtook.
 */
function sortChannelStateByPosition(draft: IndexDraft, history: History): void {
  const positionAt = (i: number) => (history[i] as Extract<History[number], { kind: 'channelStateRecorded' }>).position;
  for (const checkpoint of draft.checkpoints.values()) {
    for (const list of checkpoint.channelState.values()) list.sort((a, b) => positionAt(a) - positionAt(b) || a - b);
  }
}

function fileOutcome(draft: IndexDraft, graph: PhysicalGraph, i: number, id: CheckpointId, slot: 'completedAt' | 'abortedAt'): void {
  if (slot === 'completedAt') draft.completions.push(i);
  const checkpoint = checkpointOf(draft, graph, id);
  if (checkpoint[slot] < 0) checkpoint[slot] = i;
}

/** The attempt that event `index` belongs to. */
export function attemptAt(index: HistoryIndex, eventIndex: number): AttemptSpan {
  const { attempts } = index;
  let low = 0;
  let high = attempts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (attempts[mid]!.start <= eventIndex) low = mid;
    else high = mid - 1;
  }
  return attempts[low]!;
}

/** The entries of `sorted` (ascending event indices) within [from, to). */
export function within(sorted: readonly number[], from: number, to: number): number[] {
  const first = lowerBound(sorted, from);
  const last = lowerBound(sorted, to);
  return first < last ? sorted.slice(first, last) : [];
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Completed checkpoints in id order. */
export function completedCheckpoints(index: HistoryIndex): CheckpointFacts[] {
  const completed: CheckpointFacts[] = [];
  for (const checkpoint of index.checkpoints.values()) if (checkpoint.completedAt >= 0) completed.push(checkpoint);
  return completed.sort((a, b) => a.id - b.id);
}

const INPUT_STEP_KINDS: ReadonlySet<string> = new Set(['read', 'processed', 'barrierReceived', 'cancellationReceived']);

/**
 * Does `event` start a step of its task on an input (a source read, a record, a barrier or a
 * marker)? The task's step before it is then over, and its mailbox (notifications) handled.
 */
export function startsInputStep(event: HistoryEvent): event is Extract<HistoryEvent, { task: number }> {
  return INPUT_STEP_KINDS.has(event.kind);
}

/**
 * History indices of `task`'s events at the tick of the event at `at`: the task's step then, since a
 * task takes at most one (atomic) step per tick, and the events of one tick are contiguous.
 */
export function stepOf(history: History, at: number, task: TaskIndex): number[] {
  const tick = history[at]!.tick;
  let first = at;
  while (first > 0 && history[first - 1]!.tick === tick) first--;
  const indices: number[] = [];
  for (let i = first; i < history.length && history[i]!.tick === tick; i++) {
    if ((history[i] as { task?: unknown }).task === task) indices.push(i);
  }
  return indices;
}
