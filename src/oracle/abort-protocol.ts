// The abort protocol (Flink's CheckpointBarrierHandler.abortInternal and CancelCheckpointMarker): a
// task that gives up a checkpoint declares it and announces it.
//
// A task *gives up* checkpoint n when it releases an input it held paused for barrier n (it
// handled other events while the input stayed paused) and never snapshots n in that attempt. Then:
//  - declare: it declines n, unless the coordinator or an upstream marker had already told it that
//    n was aborted. Otherwise the coordinator waits for n until it expires.
//  - announce: unless the coordinator had told it, it sends a cancellation marker for n on every
//    output, in that same step. Otherwise downstream tasks keep inputs paused for n until a newer
//    barrier arrives.
// And a task that receives a cancellation marker for n while n is still open there (barrier n has
// not arrived on every input, and no newer checkpoint has reached it) passes the marker on over
// every output in the step that handles it. An unaligned task has snapshotted n by then, and still
// passes it on: downstream tasks recording n stop too.
// A crash may drop a decline or a marker not yet sent: a give-up followed by a crash is excused.
// And no false alarms: a marker goes out only with cause, and once per channel (abort-markers.ts).
import type { History } from '../core/history.ts';
import type { CheckpointId, TaskIndex } from '../core/ids.ts';
import { falseAlarm } from './abort-markers.ts';
import type { OracleContext } from './context.ts';
import { startsInputStep, stepOf } from './history-index.ts';
import { taskLabel } from './scenario-facts.ts';
import { ok, violated, witness, type Verdict } from './verdict.ts';

const PROPERTY = 'abort-protocol';

/** What one task did in one attempt (between restores) that the rules look at. */
interface TaskAttempt {
  /** Input channel -> [checkpoint of the barrier that paused it, History index of that barrier]. */
  readonly pausedBy: Map<number, [CheckpointId, number]>;
  readonly snapshotted: Set<CheckpointId>;
  /** Checkpoints the coordinator notified as aborted. */
  readonly notifiedAborted: Set<CheckpointId>;
  /** Checkpoints a cancellation marker arrived for. */
  readonly markersIn: Set<CheckpointId>;
  /** Checkpoint -> the inputs its barrier arrived on. */
  readonly barriersIn: Map<CheckpointId, Set<number>>;
  /** The newest checkpoint this task has seen a barrier of or snapshotted. */
  newestStarted: CheckpointId;
}

interface Obligation {
  readonly task: TaskIndex;
  readonly checkpoint: CheckpointId;
  /** Where it arose. */
  readonly at: number;
  readonly declare: boolean;
  readonly announce: boolean;
  readonly why: string;
}

export function checkAbortProtocol(context: OracleContext): Verdict {
  const obligations = collectObligations(context);
  for (const obligation of obligations) {
    const broken = unmet(context, obligation);
    if (broken !== null) return broken;
  }
  return falseAlarm(context) ?? ok(PROPERTY);
}

function freshAttempt(): TaskAttempt {
  return { pausedBy: new Map(), snapshotted: new Set(), notifiedAborted: new Set(), markersIn: new Set(), barriersIn: new Map(), newestStarted: 0 };
}

function collectObligations(context: OracleContext): Obligation[] {
  const { history, facts } = context;
  const taskCount = facts.graph.tasks.length;
  let attempts = Array.from({ length: taskCount }, freshAttempt);
  const obligations: Obligation[] = [];
  const lastEventOf = new Map<TaskIndex, number>();
  for (let i = 0; i < history.length; i++) {
    const event = history[i]!;
    switch (event.kind) {
      case 'restored':
        attempts = Array.from({ length: taskCount }, freshAttempt);
        break;
      case 'barrierReceived': {
        const attempt = attempts[event.task]!;
        if (!event.priority) attempt.pausedBy.set(event.channel, [event.checkpoint, i]);
        attempt.newestStarted = Math.max(attempt.newestStarted, event.checkpoint);
        attempt.barriersIn.set(event.checkpoint, (attempt.barriersIn.get(event.checkpoint) ?? new Set()).add(event.channel));
        break;
      }
      case 'snapshotTaken': {
        const attempt = attempts[event.task]!;
        attempt.snapshotted.add(event.checkpoint);
        attempt.newestStarted = Math.max(attempt.newestStarted, event.checkpoint);
        break;
      }
      case 'notified':
        if (event.outcome === 'aborted') attempts[event.task]!.notifiedAborted.add(event.checkpoint);
        break;
      case 'cancellationReceived': {
        const attempt = attempts[event.task]!;
        const n = event.checkpoint;
        // Already notified by the coordinator: so is every task downstream, no marker needed.
        const open = (attempt.barriersIn.get(n)?.size ?? 0) < facts.graph.tasks[event.task]!.inputs.length && n >= attempt.newestStarted;
        if (open && !attempt.markersIn.has(n) && !attempt.notifiedAborted.has(n)) {
          obligations.push({ task: event.task, checkpoint: n, at: i, declare: false, announce: true, why: `received a cancellation marker for checkpoint ${n}` });
        }
        attempt.markersIn.add(n);
        break;
      }
      case 'unblocked': {
        const attempt = attempts[event.task]!;
        const paused = attempt.pausedBy.get(event.channel);
        attempt.pausedBy.delete(event.channel);
        if (paused === undefined) break;
        const [n, pausedAt] = paused;
        const held = (lastEventOf.get(event.task) ?? -1) > pausedAt;
        if (!held || attempt.snapshotted.has(n) || snapshotsLater(history, i, event.task, n)) break;
        const coordinatorSaid = attempt.notifiedAborted.has(n);
        const told = coordinatorSaid || attempt.markersIn.has(n);
        if (told && coordinatorSaid) break;
        obligations.push({ task: event.task, checkpoint: n, at: i, declare: !told, announce: !coordinatorSaid, why: `released an input it held paused for checkpoint ${n} without snapshotting it` });
        break;
      }
      default:
        break;
    }
    const task = (event as { task?: unknown }).task;
    if (typeof task === 'number' && event.kind !== 'unblocked' && event.kind !== 'blocked' && event.kind !== 'acked' && event.kind !== 'declined') lastEventOf.set(task, i);
  }
  return obligations;
}

/** Does `task` snapshot `checkpoint` after position `from`, before its next restore? */
function snapshotsLater(history: History, from: number, task: TaskIndex, checkpoint: CheckpointId): boolean {
  for (let i = from + 1; i < history.length; i++) {
    const event = history[i]!;
    if (event.kind === 'restored') return false;
    if (event.kind === 'snapshotTaken' && event.task === task && event.checkpoint === checkpoint) return true;
  }
  return false;
}

/** The violation of an obligation that was not met, or null. */
function unmet(context: OracleContext, obligation: Obligation): Verdict | null {
  const { history, facts } = context;
  const { task, checkpoint, at } = obligation;
  const label = taskLabel(facts, task);
  let declined = false;
  let stepOver = false; // the marker goes out in the step that gave the checkpoint up; the decline reaches the coordinator later
  const markedOutputs = new Set<number>();
  for (let i = at + 1; i < history.length; i++) {
    const event = history[i]!;
    if (event.kind === 'crashed' || event.kind === 'restored') return null; // a crash may have dropped it
    if (event.kind === 'declined' && event.task === task && event.checkpoint === checkpoint) declined = true;
    if (startsInputStep(event) && event.task === task) stepOver = true;
    if (!stepOver && event.kind === 'cancellationSent' && event.task === task && event.checkpoint === checkpoint) markedOutputs.add(event.channel);
  }
  // A marker sent in the very step that gave the checkpoint up may precede the release in the History.
  for (const i of stepOf(history, at, task)) {
    const event = history[i]!;
    if (i < at && event.kind === 'cancellationSent' && event.checkpoint === checkpoint) markedOutputs.add(event.channel);
  }
  const outputs = facts.graph.tasks[task]!.outputChannels;
  const unmarked = outputs.filter((c) => !markedOutputs.has(c));
  if (obligation.declare && !declined) {
    return violated(PROPERTY, {
      witness: [witness(history, at, `${label} ${obligation.why}`)],
      explanation:
        `${label} ${obligation.why}, and no one had told it that checkpoint ${checkpoint} was aborted, yet it never declined it: ` +
        `the coordinator keeps waiting for checkpoint ${checkpoint} until it expires.`,
      checkpoint,
    });
  }
  if (obligation.announce && unmarked.length > 0) {
    const channel = unmarked[0]!;
    return violated(PROPERTY, {
      witness: [witness(history, at, `${label} ${obligation.why}`)],
      explanation:
        `${label} ${obligation.why}, but sent no cancellation marker for it on ${facts.graph.channels[channel]!.label} in that step: ` +
        `the task downstream may keep inputs paused for checkpoint ${checkpoint} until a newer barrier arrives.`,
      checkpoint,
      channel,
    });
  }
  return null;
}
