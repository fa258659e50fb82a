// Stop-the-world sources (the `pauseSource` effect, `sync`'s): a source that stops reading does so
// for the newest checkpoint it has started, until it learns that checkpoint's outcome. Within one
// attempt, a paused source resumes only once told the outcome of the checkpoint it is paused for
// (completed or aborted), or the completion of a newer one: a source that resumes earlier sends data
// into a checkpoint that is still draining, which is the one thing stop-the-world promises not to
// do. A source that starts a checkpoint while paused is paused for that one from then on.
// (That it does resume once told is left to liveness: the History does not show when a trigger
// queued ahead of the notification reached the source, so no earlier deadline is sound.)
import type { History } from '../core/history.ts';
import type { CheckpointId, TaskIndex } from '../core/ids.ts';
import type { OracleContext } from './context.ts';
import { stepOf } from './history-index.ts';
import { taskLabel } from './scenario-facts.ts';
import { violated, witness, type Verdict } from './verdict.ts';

interface SourceView {
  /** The checkpoint the source is paused for, and where it paused (or started it while paused); null: reading. */
  pausedFor: readonly [CheckpointId, number] | null;
  /** Whether the source was told its paused-for checkpoint's outcome. */
  told: boolean;
  /** Every outcome notified to the source in this attempt: a notification may arrive before the trigger it answers is handled. */
  readonly heard: Map<CheckpointId, 'completed' | 'aborted'>;
  /** The newest checkpoint the source has snapshotted in this attempt (0: none). */
  newestSnapshot: CheckpointId;
}

function knowsOutcome(view: SourceView, n: CheckpointId): boolean {
  if (view.heard.has(n)) return true;
  for (const [m, outcome] of view.heard) if (m > n && outcome === 'completed') return true;
  return false;
}

export function pauseBroken(context: OracleContext): Verdict | null {
  const { history, facts } = context;
  const fresh = (): Map<TaskIndex, SourceView> => new Map();
  let views = fresh();
  const viewOf = (task: TaskIndex): SourceView => views.get(task) ?? views.set(task, { pausedFor: null, told: false, heard: new Map(), newestSnapshot: 0 }).get(task)!;
  for (let i = 0; i < history.length; i++) {
    const event = history[i]!;
    switch (event.kind) {
      case 'crashed':
      case 'restored':
        views = fresh();
        break;
      case 'sourcePaused': {
        const view = viewOf(event.task);
        // Paused in the step that starts a checkpoint (sync's trigger step), or later: for the newest one started.
        const n = snapshotOfStep(history, i, event.task) ?? view.newestSnapshot;
        view.pausedFor = [n, i];
        view.told = knowsOutcome(view, n);
        break;
      }
      case 'snapshotTaken': {
        const view = viewOf(event.task);
        view.newestSnapshot = Math.max(view.newestSnapshot, event.checkpoint);
        if (view.pausedFor === null) break;
        view.pausedFor = [event.checkpoint, i];
        view.told = knowsOutcome(view, event.checkpoint);
        break;
      }
      case 'notified': {
        const view = viewOf(event.task);
        view.heard.set(event.checkpoint, event.outcome);
        if (view.pausedFor !== null && knowsOutcome(view, view.pausedFor[0])) view.told = true;
        break;
      }
      case 'sourceResumed': {
        const view = viewOf(event.task);
        if (view.pausedFor !== null && !view.told) {
          const [n, pausedAt] = view.pausedFor;
          return violated('barrier-protocol', {
            witness: [witness(history, pausedAt, `paused for checkpoint ${n}`), witness(history, i, 'resumed before its outcome')],
            explanation:
              `${taskLabel(facts, event.task)} resumed reading before it was told the outcome of checkpoint ${n}, which it had paused for: ` +
              `its records now flow into a checkpoint that is still draining, which a stop-the-world source exists to prevent.`,
            checkpoint: n,
          });
        }
        view.pausedFor = null;
        view.told = false;
        break;
      }
      default:
        break;
    }
  }
  return null;
}

/** The checkpoint `task` snapshots in the step of the event at `at`, if any. */
function snapshotOfStep(history: History, at: number, task: TaskIndex): CheckpointId | null {
  for (const i of stepOf(history, at, task)) {
    const event = history[i]!;
    if (event.kind === 'snapshotTaken') return event.checkpoint;
  }
  return null;
}
