// Cutting a History into the steps of the Aligned spec. A task's atomic step (a record processed
// and the records it sent; a barrier received, the input blocked, and for the last barrier the
// snapshot, the forwarded barriers and the unblocked inputs) starts with one event and collects
// that task's follow-up events until the task starts its next step. Coordinator steps are a
// trigger, or a completion with the older checkpoints it subsumes. Everything else either changes
// nothing the spec models (uploads, acks, notifications: checked to change nothing) or is outside
// the spec (faults, declines, expiries, priority barriers): a step the spec does not allow.
import type { HistoryEvent } from '../../core/history.ts';
import type { SpecNames } from './aligned-mapping.ts';

export interface SpecStep {
  /** History index of the event that starts the step. */
  readonly start: number;
  /** The spec action this step must be; null for a step that must change no spec variable. */
  readonly action: string | null;
  readonly events: number[];
}

export type Stepping = { readonly ok: true; readonly steps: readonly SpecStep[] } | { readonly ok: false; readonly index: number; readonly reason: string };

/** Events that change nothing the spec models. */
const INVISIBLE = new Set(['uploaded', 'acked', 'livenessPhaseStarted', 'drained', 'quiesced', 'finalState', 'stuck']);
/** Events that belong to the step their task is in. */
const FOLLOW_UPS = new Set(['sent', 'barrierSent', 'blocked', 'unblocked']);

function isPriority(event: HistoryEvent): boolean {
  return (event as { priority?: boolean }).priority === true;
}

export function specSteps(history: readonly HistoryEvent[], names: SpecNames): Stepping {
  const steps: SpecStep[] = [];
  const open = new Map<number, SpecStep>();
  let coordinator: SpecStep | null = null;
  const start = (index: number, action: string | null, task: number | null): void => {
    const step: SpecStep = { start: index, action, events: [index] };
    steps.push(step);
    if (task !== null) open.set(task, step);
    else coordinator = step;
  };
  for (let i = 0; i < history.length; i++) {
    const event = history[i]!;
    if (INVISIBLE.has(event.kind)) continue;
    if (isPriority(event)) return { ok: false, index: i, reason: 'a priority (unaligned) barrier is outside the Aligned spec' };
    const outcome = place(event, i, names, open, coordinator, start);
    if (outcome !== null) return { ok: false, index: i, reason: outcome };
  }
  return { ok: true, steps };
}

/** The step each kind of event starts (by its task, or the coordinator's). */
const STARTS: Readonly<Record<string, string | null>> = {
  triggered: 'Trigger',
  completed: 'Complete',
  read: 'Emit',
  processed: 'Process',
  barrierReceived: 'ReceiveBarrier',
  notified: null, // a notification handled by the strategy: must change nothing
};

/** Put event `i` into a step; returns why it cannot be, or null. */
function place(
  event: HistoryEvent,
  i: number,
  names: SpecNames,
  open: Map<number, SpecStep>,
  coordinator: SpecStep | null,
  start: (index: number, action: string | null, task: number | null) => void,
): string | null {
  if (event.kind === 'triggered' || event.kind === 'completed') {
    start(i, STARTS[event.kind] ?? null, null);
    return null;
  }
  if (event.kind === 'aborted') {
    if (event.reason !== 'subsumed' || coordinator?.action !== 'Complete') {
      return `checkpoint ${event.checkpoint} was aborted (${event.reason}); the Aligned spec aborts a checkpoint only when a newer one completes`;
    }
    coordinator.events.push(i);
    return null;
  }
  if (event.kind === 'snapshotTaken' && (names.task[event.task] === 'a' || names.task[event.task] === 'b')) {
    start(i, 'Inject', event.task);
    return null;
  }
  if (event.kind in STARTS) {
    start(i, STARTS[event.kind] ?? null, (event as { task: number }).task);
    return null;
  }
  if (FOLLOW_UPS.has(event.kind) || event.kind === 'snapshotTaken') return followUp((event as { task: number }).task, i, open);
  return `event ${event.kind} is outside the Aligned spec (it models fault-free runs whose checkpoints complete or are subsumed)`;
}

function followUp(task: number, i: number, open: Map<number, SpecStep>): string | null {
  const step = open.get(task);
  if (!step) return 'this event belongs to no step of its task';
  step.events.push(i);
  return null;
}
