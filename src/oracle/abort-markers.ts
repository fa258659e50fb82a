// The other half of the abort protocol: a cancellation marker is an alarm, and a false alarm costs
// as much as a missed one. A marker for n cancels n at every task downstream, so a task sends one
// only when it has cause, and once. Within one attempt:
//  - cause: the step that sends a marker for n handles a marker for n, or gives n up here: n's
//    barrier had reached this task, and the step takes a barrier of a newer checkpoint not known
//    aborted (n is subsumed) or releases an input paused for n; or the task declines n (a decline
//    is recorded when it reaches the coordinator, so it counts from anywhere in the attempt, and a
//    crash before it could arrive excuses its absence). A coordinator's notification is no cause:
//    the coordinator tells every task itself (Flink's CancelCheckpointMarker travels the same way);
//  - once: at most one marker for n on each channel.
// A marker may follow barrier n on a channel: an unaligned task forwards n at once and may give it
// up later, and downstream tasks recording n must then stop (Flink sends the marker too).
// A step is the events one task records at one tick: a task takes at most one step per tick.
import type { EventOf, History } from '../core/history.ts';
import type { ChannelIndex, CheckpointId } from '../core/ids.ts';
import type { OracleContext } from './context.ts';
import { stepOf } from './history-index.ts';
import { taskLabel } from './scenario-facts.ts';
import { violated, witness, type Verdict } from './verdict.ts';

/** What one task did in the current attempt that the marker rules look at. */
class TaskView {
  /** Checkpoints whose barrier reached this task (on any input). */
  private started = new Set<CheckpointId>();
  /** Input -> checkpoint of the barrier that paused it. */
  private pausedBy = new Map<ChannelIndex, CheckpointId>();
  /** `${channel}:${checkpoint}` -> History index of the marker sent. */
  readonly markersSent = new Map<string, number>();
  /** Checkpoints the task was told were aborted (a notification, handled before its next step, or a marker). */
  readonly knownAborted = new Set<CheckpointId>();
  /** The tick of this task's current step, and what it had started and paused when the step began. */
  private stepTick = -1;
  startedBefore: ReadonlySet<CheckpointId> = this.started;
  pausedBefore: ReadonlyMap<ChannelIndex, CheckpointId> = this.pausedBy;

  /** Called with each event of this task: a new tick begins a new step, which starts from what is now. */
  enter(tick: number): void {
    if (tick === this.stepTick) return;
    this.stepTick = tick;
    this.startedBefore = this.started;
    this.pausedBefore = this.pausedBy;
  }

  barrierReceived(checkpoint: CheckpointId, channel: ChannelIndex, priority: boolean): void {
    this.copyOnWrite();
    this.started.add(checkpoint);
    if (!priority) this.pausedBy.set(channel, checkpoint);
  }

  unblocked(channel: ChannelIndex): void {
    this.copyOnWrite();
    this.pausedBy.delete(channel);
  }

  /** The first change in a step leaves the step's starting view behind, as it was (few steps change it). */
  private copyOnWrite(): void {
    if (this.startedBefore !== this.started) return;
    this.started = new Set(this.started);
    this.pausedBy = new Map(this.pausedBy);
  }
}

/** The first false alarm, or null when every marker sent had cause and went once per channel. */
export function falseAlarm(context: OracleContext): Verdict | null {
  const { history, facts } = context;
  const fresh = () => facts.graph.tasks.map(() => new TaskView());
  let views = fresh();
  const declines = declinesByAttempt(history);
  const crashes = history.flatMap((e) => (e.kind === 'crashed' ? [e.tick] : []));
  // A decline sent at tick t reaches the coordinator by t + 1 + rpcDelayTicksMax; a crash before that drops it.
  const declineMayBeLost = (tick: number) => crashes.some((c) => c >= tick && c <= tick + 1 + facts.scenario.timing.rpcDelayTicksMax);
  let attempt = 0;
  for (let i = 0; i < history.length; i++) {
    const event = history[i]!;
    if (event.kind === 'crashed' || event.kind === 'restored') {
      views = fresh();
      if (event.kind === 'restored') attempt++;
      continue;
    }
    if (!('task' in event) || event.task === null) continue;
    const view = views[event.task]!;
    view.enter(event.tick);
    switch (event.kind) {
      case 'barrierReceived':
        view.barrierReceived(event.checkpoint, event.channel, event.priority);
        break;
      case 'unblocked':
        view.unblocked(event.channel);
        break;
      case 'notified':
        if (event.outcome === 'aborted') view.knownAborted.add(event.checkpoint);
        break;
      case 'cancellationReceived':
        view.knownAborted.add(event.checkpoint);
        break;
      case 'cancellationSent': {
        const label = taskLabel(facts, event.task);
        const key = `${event.channel}:${event.checkpoint}`;
        const channelLabel = facts.graph.channels[event.channel]!.label;
        const first = view.markersSent.get(key);
        if (first !== undefined) {
          return violated('abort-protocol', {
            witness: [witness(history, first, 'first marker sent'), witness(history, i, 'then this one')],
            explanation: `${label} sent a cancellation marker for checkpoint ${event.checkpoint} twice on ${channelLabel}: one marker cancels the checkpoint downstream, and a second costs a message and a lookup at every task it reaches.`,
            checkpoint: event.checkpoint,
            channel: event.channel,
          });
        }
        view.markersSent.set(key, i);
        const declined = declines.has(`${attempt}:${event.task}:${event.checkpoint}`) || declineMayBeLost(event.tick);
        if (!declined && !hasCause(history, i, view, event)) {
          return violated('abort-protocol', {
            witness: [witness(history, i, 'marker sent without cause')],
            explanation:
              `${label} sent a cancellation marker for checkpoint ${event.checkpoint} on ${channelLabel} in a step that neither took a marker for it ` +
              `nor gave it up (a barrier of ${event.checkpoint} had ${view.startedBefore.has(event.checkpoint) ? '' : 'not '}reached the task): ` +
              `a marker cancels the checkpoint at every task downstream, so it goes out only when the task has cause; an abort the coordinator announced needs none.`,
            checkpoint: event.checkpoint,
            channel: event.channel,
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return null;
}

/** Does the step of `sent` (its task's events at its tick) give the marker a cause? */
function hasCause(history: History, at: number, view: TaskView, sent: EventOf<'cancellationSent'>): boolean {
  const n = sent.checkpoint;
  for (const i of stepOf(history, at, sent.task)) {
    const event = history[i]!;
    if (event.kind === 'cancellationReceived' && event.checkpoint === n) return true;
    if (!view.startedBefore.has(n)) continue;
    if (event.kind === 'barrierReceived' && event.checkpoint > n && !view.knownAborted.has(event.checkpoint)) return true; // a barrier of an aborted checkpoint subsumes nothing
    if (event.kind === 'unblocked' && view.pausedBefore.get(event.channel) === n) return true;
  }
  return false;
}

/** `${attempt}:${task}:${checkpoint}` of every decline (attempts counted by restores, as the oracle does). */
function declinesByAttempt(history: History): Set<string> {
  const declines = new Set<string>();
  let attempt = 0;
  for (const event of history) {
    if (event.kind === 'restored') attempt++;
    else if (event.kind === 'declined') declines.add(`${attempt}:${event.task}:${event.checkpoint}`);
  }
  return declines;
}
