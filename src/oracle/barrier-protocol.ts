// The barrier protocol of each task, the rules every ABS-family strategy keeps whatever its
// guarantee (Flink's CheckpointBarrierHandler and SubtaskCheckpointCoordinator keep them too).
// Breaking one loses no data, so the state properties cannot see it; it costs latency or wasted
// checkpoints, which is what users of a snapshot protocol tune for. Within one attempt:
//  - order: the barriers a task sends on a channel carry increasing ids, and its snapshots go
//    forward (a late trigger RPC or an old barrier starts nothing);
//  - no work for the dead: a task told that checkpoint n was aborted (by the coordinator, or by a
//    cancellation marker) takes no snapshot for n;
//  - pause only to align: before a task takes its next input, no input of it is still paused by
//    barrier n once it was told n was aborted, has snapshotted n or newer, or has seen a barrier of a
//    newer checkpoint not known aborted;
//  - prompt snapshot: a task that has received barrier n on every input, was not told n was
//    aborted and has no snapshot of a newer checkpoint, has snapshotted n before its next input;
//  - stop-the-world: a source paused for a checkpoint resumes only once told its outcome
//    (source-pause.ts).
// A crash ends the attempt, and with it every rule's memory.
import type { EventOf, History } from '../core/history.ts';
import type { ChannelIndex, CheckpointId, TaskIndex } from '../core/ids.ts';
import type { OracleContext } from './context.ts';
import { startsInputStep } from './history-index.ts';
import { pauseBroken } from './source-pause.ts';
import { taskLabel } from './scenario-facts.ts';
import { ok, violated, witness, type Verdict, type WitnessEvent } from './verdict.ts';

const PROPERTY = 'barrier-protocol';

/** A checkpoint id and the History index of the event that carried it. */
type Seen = readonly [CheckpointId, number];

/** What one task did in the current attempt, as far as the rules look. */
class TaskView {
  readonly lastSentOn = new Map<ChannelIndex, Seen>();
  readonly pausedBy = new Map<ChannelIndex, Seen>();
  readonly barriersOf = new Map<CheckpointId, Set<ChannelIndex>>();
  /** Checkpoint -> the event that told this task it was aborted (notification or marker). */
  readonly told = new Map<CheckpointId, number>();
  /** Notifications recorded but maybe not handled yet: the task handles its mailbox before its next input. */
  readonly notifiedAborted: Seen[] = [];
  readonly snapshotted = new Set<CheckpointId>();
  lastSnapshot: Seen | null = null;
  newestBarrier: Seen | null = null;
  /** Barrier n arrived on every input here (at that index): a snapshot of n is due before the next input. */
  readonly snapshotDue: Seen[] = [];

  /** A due snapshot not taken, if any. */
  missedSnapshot(): Seen | undefined {
    return this.snapshotDue.find(([n]) => !this.snapshotted.has(n));
  }
}


export function checkBarrierProtocol(context: OracleContext): Verdict {
  const { history, facts } = context;
  const fresh = () => facts.graph.tasks.map(() => new TaskView());
  let views = fresh();
  const label = (task: TaskIndex) => taskLabel(facts, task);
  const fail = (explanation: string, witnesses: WitnessEvent[], checkpoint: CheckpointId, channel?: ChannelIndex): Verdict =>
    violated(PROPERTY, { witness: witnesses, explanation, checkpoint, ...(channel === undefined ? {} : { channel }) });

  for (let i = 0; i < history.length; i++) {
    const event = history[i]!;
    if (event.kind === 'crashed' || event.kind === 'restored') {
      views = fresh();
      continue;
    }
    if (!('task' in event) || event.task === null) continue;
    const view = views[event.task]!;
    if (startsInputStep(event)) { // the deadline of the task's step before
      for (const [n, at] of view.notifiedAborted) if (!view.told.has(n)) view.told.set(n, at);
      view.notifiedAborted.length = 0;
      const late = overdue(history, view, event.task, i, label);
      if (late !== null) return fail(late.explanation, late.witnesses, late.checkpoint, late.channel);
      view.snapshotDue.length = 0; // all taken: the step they were due in is over
    }
    switch (event.kind) {
      case 'barrierSent': {
        const last = view.lastSentOn.get(event.channel);
        if (last !== undefined && last[0] >= event.checkpoint) {
          return fail(
            `${label(event.task)} sent barrier ${event.checkpoint} on ${facts.graph.channels[event.channel]!.label} after barrier ${last[0]}: ` +
              `barriers on a channel must carry increasing ids, or the task downstream starts an older checkpoint after a newer one (a late trigger must be ignored).`,
            [witness(history, last[1], `barrier ${last[0]} sent`), witness(history, i, `then barrier ${event.checkpoint}`)],
            event.checkpoint,
            event.channel,
          );
        }
        view.lastSentOn.set(event.channel, [event.checkpoint, i]);
        break;
      }
      case 'barrierReceived':
        received(view, event, i, facts.graph.tasks[event.task]!.inputs.length);
        break;
      case 'unblocked':
        view.pausedBy.delete(event.channel);
        break;
      case 'cancellationReceived':
        if (!view.told.has(event.checkpoint)) view.told.set(event.checkpoint, i);
        break;
      case 'notified':
        if (event.outcome === 'aborted') view.notifiedAborted.push([event.checkpoint, i]);
        break;
      case 'snapshotTaken': {
        const broken = snapshotBreaks(history, view, event, i, label(event.task));
        if (broken !== null) return fail(broken.explanation, broken.witnesses, event.checkpoint);
        view.snapshotted.add(event.checkpoint);
        view.lastSnapshot = [event.checkpoint, i];
        break;
      }
      default:
        break;
    }
  }
  for (let task = 0; task < views.length; task++) {
    const view = views[task]!;
    const due = view.missedSnapshot();
    if (due !== undefined) return fail(snapshotNotTaken(label(task), due[0]), [witness(history, due[1], `last barrier ${due[0]} received`)], due[0]);
  }
  return pauseBroken(context) ?? ok(PROPERTY);
}

function received(view: TaskView, event: EventOf<'barrierReceived'>, at: number, inputCount: number): void {
  const n = event.checkpoint;
  if (!event.priority) view.pausedBy.set(event.channel, [n, at]);
  // A barrier of a checkpoint known aborted is obsolete: it supersedes nothing.
  if (!view.told.has(n) && (view.newestBarrier === null || view.newestBarrier[0] < n)) view.newestBarrier = [n, at];
  const arrived = view.barriersOf.get(n) ?? new Set<ChannelIndex>();
  view.barriersOf.set(n, arrived.add(event.channel));
  const overtaken = view.lastSnapshot !== null && view.lastSnapshot[0] >= n; // a newer (unaligned) checkpoint got here first
  if (arrived.size === inputCount && !view.told.has(n) && !overtaken) view.snapshotDue.push([n, at]);
}

interface Finding {
  readonly explanation: string;
  readonly witnesses: WitnessEvent[];
  readonly checkpoint: CheckpointId;
  readonly channel?: ChannelIndex;
}

function snapshotBreaks(history: History, view: TaskView, event: EventOf<'snapshotTaken'>, at: number, label: string): Finding | null {
  const n = event.checkpoint;
  const last = view.lastSnapshot;
  if (last !== null && last[0] >= n) {
    return {
      explanation: `${label} took a snapshot for checkpoint ${n} after one for checkpoint ${last[0]}: a task's snapshots must go forward; an older checkpoint started late only costs a snapshot that can never complete.`,
      witnesses: [witness(history, last[1], `snapshot ${last[0]}`), witness(history, at, `then snapshot ${n}`)],
      checkpoint: n,
    };
  }
  const toldAt = view.told.get(n);
  if (toldAt === undefined) return null;
  return {
    explanation: `${label} took a snapshot for checkpoint ${n} after it was told checkpoint ${n} was aborted: the snapshot and its upload are wasted work for a checkpoint that can no longer complete.`,
    witnesses: [witness(history, toldAt, `told checkpoint ${n} was aborted`), witness(history, at, `snapshot ${n} anyway`)],
    checkpoint: n,
  };
}

/** Before `task` takes the input at `at`: every snapshot due is taken, and no input is paused for nothing. */
function overdue(history: History, view: TaskView, task: TaskIndex, at: number, label: (task: TaskIndex) => string): Finding | null {
  const missed = view.missedSnapshot();
  if (missed !== undefined) {
    const [n, since] = missed;
    return { explanation: snapshotNotTaken(label(task), n), witnesses: [witness(history, since, `last barrier ${n} received`), witness(history, at, 'next input taken')], checkpoint: n };
  }
  for (const [channel, [n, pausedAt]] of view.pausedBy) {
    const reason = pointlessPause(view, n);
    if (reason === null) continue;
    return {
      explanation:
        `${label(task)} kept an input paused for checkpoint ${n} after ${reason[0]}, and took other input: ` +
        `the records behind that barrier wait for nothing. A task keeps an input paused only while it aligns that checkpoint.`,
      witnesses: [witness(history, pausedAt, `input paused by barrier ${n}`), witness(history, reason[1], reason[0]), witness(history, at, 'input paused still')],
      checkpoint: n,
      channel,
    };
  }
  return null;
}

/** Why a pause for checkpoint `n` no longer serves an alignment (and where that became so), or null. */
function pointlessPause(view: TaskView, n: CheckpointId): [string, number] | null {
  const toldAt = view.told.get(n);
  if (toldAt !== undefined) return [`it was told checkpoint ${n} was aborted`, toldAt];
  if (view.lastSnapshot !== null && view.lastSnapshot[0] >= n) return [`it took its snapshot for checkpoint ${view.lastSnapshot[0]}`, view.lastSnapshot[1]];
  if (view.newestBarrier !== null && view.newestBarrier[0] > n) return [`a barrier of the newer checkpoint ${view.newestBarrier[0]} arrived`, view.newestBarrier[1]];
  return null;
}

function snapshotNotTaken(label: string, n: CheckpointId): string {
  return `${label} had received barrier ${n} on every input, and had not been told checkpoint ${n} was aborted, yet did not snapshot it in that step: the checkpoint waits (or expires) for nothing.`;
}
