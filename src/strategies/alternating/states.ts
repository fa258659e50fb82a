// Unaligned checkpoints (Flink FLIP-76) and aligned checkpoints that switch to unaligned after a
// timeout (Flink's alternating barrier handler), one class per situation:
//   Idle               no checkpoint in progress at this task;
//   Aligning(n)        aligned barriers of n arrived on some inputs (paused), waiting for the rest,
//                      with a timer at trigger + timeout;
//   Recording(n)       snapshot taken unaligned; storing every record that arrives on the inputs
//                      whose barrier n has not come yet, until it does.
// Taking the unaligned step: snapshot, store the output buffer, send a priority barrier that
// overtakes it, and store what that input's barrier overtook at this task.
import type { ChannelIndex, CheckpointId } from '../../core/ids.ts';
import { checkpointAndResume, unblockAll } from '../shared-steps.ts';
import type { Effect, TaskContext } from '../strategy.ts';

export interface Mode {
  /** False: every barrier is a priority barrier from the start (unaligned). */
  readonly alignFirst: boolean;
  readonly alignmentTimeoutTicks: number;
}

export interface Memory {
  readonly context: TaskContext;
  readonly mode: Mode;
  lastStarted: CheckpointId;
  readonly aborted: Set<CheckpointId>;
}

export interface BarrierArrival {
  readonly channel: ChannelIndex;
  readonly checkpoint: CheckpointId;
  readonly triggeredAt: number;
  readonly priority: boolean;
}

export type Transition = [HandlerState, readonly Effect[]];

export interface HandlerState {
  barrierReceived(arrival: BarrierArrival): Transition;
  recordReceived(channel: ChannelIndex): Transition;
  timerFired(checkpoint: CheckpointId): Transition;
  cancelled(checkpoint: CheckpointId, byMarker: boolean): Transition;
}

/** An aligned barrier paused its channel: resume it. A priority barrier paused nothing. */
function resume(arrival: BarrierArrival): Effect[] {
  return arrival.priority ? [] : [{ kind: 'unblock', channel: arrival.channel }];
}

function isObsolete(memory: Memory, checkpoint: CheckpointId): boolean {
  return checkpoint <= memory.lastStarted || memory.aborted.has(checkpoint);
}

function rememberAborted(memory: Memory, checkpoint: CheckpointId, byMarker: boolean): Effect[] {
  if (isObsolete(memory, checkpoint)) return [];
  memory.aborted.add(checkpoint);
  return byMarker ? [{ kind: 'forwardCancellation', checkpoint }] : [];
}

/** Give up `checkpoint` here because a newer one arrived: decline it and tell downstream. */
function subsume(checkpoint: CheckpointId): Effect[] {
  return [
    { kind: 'decline', checkpoint, reason: 'subsumed' }, // mutation-equivalent(swap-adjacent): one atomic step: the decline goes to the coordinator, the marker downstream; neither waits for the other
    { kind: 'forwardCancellation', checkpoint },
  ];
}

export class Idle implements HandlerState {
  constructor(private readonly memory: Memory) {}

  barrierReceived(arrival: BarrierArrival): Transition {
    if (isObsolete(this.memory, arrival.checkpoint)) return [this, resume(arrival)];
    return start(this.memory, arrival);
  }

  recordReceived(): Transition {
    return [this, []]; // nothing is being recorded
  }

  timerFired(): Transition {
    return [this, []]; // the alignment it was set for is over
  }

  cancelled(checkpoint: CheckpointId, byMarker: boolean): Transition {
    return [this, rememberAborted(this.memory, checkpoint, byMarker)];
  }
}

/** Give up the checkpoint in progress (`giveUp`), then start `arrival.checkpoint`: one atomic step. */
function subsumeAndStart(memory: Memory, giveUp: readonly Effect[], arrival: BarrierArrival): Transition {
  const [next, started] = start(memory, arrival);
  return [next, [...giveUp, ...started]]; // mutation-equivalent(swap-adjacent): one atomic step: giving the old checkpoint up and starting the new one touch different checkpoints, and no record is taken before the step ends
}

/** Start checkpoint `arrival.checkpoint` on its first barrier here. */
function start(memory: Memory, arrival: BarrierArrival): Transition {
  memory.lastStarted = arrival.checkpoint; // mutation-equivalent(swap-adjacent): the pruning compares with arrival.checkpoint, not lastStarted, so their order does not matter
  for (const id of memory.aborted) if (id <= arrival.checkpoint) memory.aborted.delete(id); // mutation-equivalent(remove-call, swap-adjacent, shift-boundary, off-by-one:id): pruning only bounds memory: an id at or below lastStarted is rejected by isObsolete's first test whether or not it stays in the set (and the checkpoint started is never in it: an aborted id starts nothing)
  const { inputs } = memory.context;
  if (arrival.priority || !memory.mode.alignFirst) return goUnaligned(memory, arrival.checkpoint, [arrival], new Set());
  if (inputs.length === 1) return [new Idle(memory), checkpointAndResume(arrival.checkpoint, [arrival.channel])];
  const timer: Effect = { kind: 'setTimer', checkpoint: arrival.checkpoint, at: arrival.triggeredAt + memory.mode.alignmentTimeoutTicks };
  return [new Aligning(memory, arrival.checkpoint, new Set([arrival.channel])), [timer]];
}

/**
 * The unaligned checkpoint step for `checkpoint`: `arrived` are barriers that arrive with it (their
 * overtaken input is stored); `aligned` are inputs whose aligned barrier came earlier (paused, no
 * state: what follows their barrier belongs to the next checkpoint). The other inputs are recorded.
 */
function goUnaligned(memory: Memory, checkpoint: CheckpointId, arrived: readonly BarrierArrival[], aligned: ReadonlySet<ChannelIndex>): Transition {
  const effects: Effect[] = [
    { kind: 'snapshot', checkpoint },
    { kind: 'persistOutput', checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step; a priority barrier moves no record, so persistOutput stores the same either side of it
    { kind: 'forwardBarrier', checkpoint, priority: true }, // mutation-equivalent(swap-adjacent): one atomic step; a priority barrier moves no record, so persistOutput stores the same either side of it, and no record is processed before the inputs resume
    ...unblockAll(aligned),
  ];
  for (const arrival of arrived) {
    if (arrival.priority) effects.push({ kind: 'persistOvertaken', checkpoint, channel: arrival.channel });
    else effects.push({ kind: 'unblock', channel: arrival.channel }); // mutation-equivalent(remove-call): every barrier of an unaligned run is a priority barrier, and aligned-timeout goes unaligned only on a priority barrier or its timer, so no aligned barrier arrives here
  }
  const done = new Set([...aligned, ...arrived.map((a) => a.channel)]);
  const waiting = new Set(memory.context.inputs.filter((c) => !done.has(c)));
  if (waiting.size === 0) return [new Idle(memory), [...effects, { kind: 'ack', checkpoint }]];
  return [new Recording(memory, checkpoint, waiting), effects];
}

export class Aligning implements HandlerState {
  constructor(
    private readonly memory: Memory,
    private readonly checkpoint: CheckpointId,
    private readonly aligned: ReadonlySet<ChannelIndex>,
  ) {}

  barrierReceived(arrival: BarrierArrival): Transition {
    const { checkpoint } = arrival;
    if (checkpoint < this.checkpoint) return [this, resume(arrival)]; // obsolete // mutation-equivalent(swap-adjacent): the two tests exclude each other (older, newer) and answer alike
    if (checkpoint > this.checkpoint && this.memory.aborted.has(checkpoint)) return [this, resume(arrival)]; // mutation-equivalent(off-by-one:checkpoint, shift-boundary): they add checkpoint === this.checkpoint, never in aborted: rememberAborted adds only ids above lastStarted (this.checkpoint here), and start pruned the rest
    if (checkpoint > this.checkpoint) return subsumeAndStart(this.memory, [...subsume(this.checkpoint), ...unblockAll(this.aligned)], arrival); // mutation-equivalent(swap-adjacent:...subsume): one atomic step: no record is taken from a resumed input before the decline and the marker go
    // An upstream task already switched: switch too, or downstream would wait behind our alignment.
    if (arrival.priority) return goUnaligned(this.memory, checkpoint, [arrival], this.aligned);
    const aligned = new Set(this.aligned).add(arrival.channel);
    if (aligned.size < this.memory.context.inputs.length) return [new Aligning(this.memory, checkpoint, aligned), []];
    return [new Idle(this.memory), checkpointAndResume(checkpoint, [...aligned])];
  }

  recordReceived(): Transition {
    return [this, []]; // aligned so far: records on open inputs precede their barrier and are state
  }

  timerFired(checkpoint: CheckpointId): Transition {
    if (checkpoint !== this.checkpoint) return [this, []]; // set for an alignment that is over
    return goUnaligned(this.memory, checkpoint, [], this.aligned);
  }

  cancelled(checkpoint: CheckpointId, byMarker: boolean): Transition {
    if (checkpoint !== this.checkpoint) return [this, rememberAborted(this.memory, checkpoint, byMarker)];
    const passOn: Effect[] = byMarker ? [{ kind: 'forwardCancellation', checkpoint }] : [];
    return [new Idle(this.memory), [...passOn, ...unblockAll(this.aligned)]]; // mutation-equivalent(swap-adjacent): one atomic step: no record is taken from a resumed input before the marker goes
  }
}

export class Recording implements HandlerState {
  constructor(
    private readonly memory: Memory,
    private readonly checkpoint: CheckpointId,
    private readonly waiting: ReadonlySet<ChannelIndex>,
  ) {}

  barrierReceived(arrival: BarrierArrival): Transition {
    const { checkpoint, channel } = arrival;
    if (checkpoint > this.checkpoint && !this.memory.aborted.has(checkpoint)) return subsumeAndStart(this.memory, subsume(this.checkpoint), arrival);
    if (checkpoint !== this.checkpoint || !this.waiting.has(channel)) return [this, resume(arrival)]; // obsolete
    const effects: Effect[] = arrival.priority ? [{ kind: 'persistOvertaken', checkpoint, channel }] : resume(arrival);
    const waiting = new Set(this.waiting);
    waiting.delete(channel);
    if (waiting.size > 0) return [new Recording(this.memory, checkpoint, waiting), effects]; // mutation-equivalent(early-unblock): the effects already resume this channel, or it was never paused (a record or a priority barrier came through it): a second resume changes nothing
    return [new Idle(this.memory), [...effects, { kind: 'ack', checkpoint }]]; // mutation-equivalent(swap-adjacent): one atomic step: the ack reaches the coordinator a tick later at the earliest, when the overtaken records are stored already
  }

  recordReceived(channel: ChannelIndex): Transition {
    return [this, this.waiting.has(channel) ? [{ kind: 'persistReceived', checkpoint: this.checkpoint }] : []];
  }

  timerFired(): Transition {
    return [this, []]; // already unaligned
  }

  cancelled(checkpoint: CheckpointId, byMarker: boolean): Transition {
    if (checkpoint !== this.checkpoint) return [this, rememberAborted(this.memory, checkpoint, byMarker)];
    return [new Idle(this.memory), byMarker ? [{ kind: 'forwardCancellation', checkpoint }] : []];
  }
}
