// The coordinator contract: trigger and completion ids strictly increase; a checkpoint completes only
// after an ack from every task, all in the attempt that triggered it; no checkpoint both completes
// and aborts; every restore uses the latest checkpoint completed before it; a notification names a
// checkpoint that already has the notified outcome. When several rules break, the violation that
// shows first in the History is reported.
import type { EventOf } from '../core/history.ts';
import type { OracleContext } from './context.ts';
import { attemptAt } from './history-index.ts';
import { taskLabel } from './scenario-facts.ts';
import { ok, violated, witness, type Verdict, type Violation } from './verdict.ts';

const PROPERTY = 'coordinator-contract';

/** A violation and the History position where it became evident. */
interface Finding {
  readonly at: number;
  readonly violation: Violation;
}

type Rule = (context: OracleContext) => Finding | null;

const RULES: readonly Rule[] = [
  (c) => increasingIds(c, c.index.triggers, 'triggered'),
  (c) => increasingIds(c, c.index.completions, 'completed'),
  completionsAcked,
  completedAndAborted,
  restoresUseLatest,
  notificationsMatch,
];

export function checkCoordinatorContract(context: OracleContext): Verdict {
  let first: Finding | null = null;
  for (const rule of RULES) {
    const finding = rule(context);
    if (finding !== null && (first === null || finding.at < first.at)) first = finding;
  }
  return first === null ? ok(PROPERTY) : first.violation;
}

function idAt(context: OracleContext, at: number): number {
  return (context.history[at] as EventOf<'triggered' | 'completed'>).checkpoint;
}

function increasingIds(context: OracleContext, events: readonly number[], verb: 'triggered' | 'completed'): Finding | null {
  const { history } = context;
  for (let k = 1; k < events.length; k++) {
    const [before, after] = [events[k - 1]!, events[k]!];
    if (idAt(context, after) > idAt(context, before)) continue;
    return {
      at: after,
      violation: violated(PROPERTY, {
        witness: [witness(history, before, `${verb} ${idAt(context, before)}`), witness(history, after, `${verb} ${idAt(context, after)}`)],
        explanation: `${verb === 'triggered' ? 'Trigger' : 'Completion'} ids must strictly increase, but checkpoint ${idAt(context, after)} was ${verb} (event #${after}) after checkpoint ${idAt(context, before)} (event #${before}).`,
        checkpoint: idAt(context, after),
      }),
    };
  }
  return null;
}

function completionsAcked(context: OracleContext): Finding | null {
  const { history, index, facts } = context;
  for (const at of index.completions) {
    const checkpoint = index.checkpoints.get(idAt(context, at))!;
    const n = checkpoint.id;
    const completed = witness(history, at, `checkpoint ${n} completed`);
    if (checkpoint.triggeredAt < 0 || checkpoint.triggeredAt > at) {
      const explanation = `Checkpoint ${n} completed (event #${at}) without having been triggered before.`;
      return { at, violation: violated(PROPERTY, { witness: [completed], explanation, checkpoint: n }) };
    }
    const triggered = witness(history, checkpoint.triggeredAt, `checkpoint ${n} triggered`);
    const span = index.attempts[checkpoint.attempt]!;
    if (attemptAt(index, at).ordinal !== span.ordinal) {
      const explanation = `Checkpoint ${n} was triggered in attempt ${span.ordinal} (event #${checkpoint.triggeredAt}) but completed in attempt ${attemptAt(index, at).ordinal} (event #${at}); a failover must abort pending checkpoints.`;
      return { at, violation: violated(PROPERTY, { witness: [triggered, witness(history, span.end, 'restore in between'), completed], explanation, checkpoint: n }) };
    }
    const acked = new Set(checkpoint.ackedAt.filter((a) => a >= span.start && a < at).map((a) => (history[a] as EventOf<'acked'>).task));
    const missing = facts.graph.tasks.filter((t) => !acked.has(t.index)).map((t) => taskLabel(facts, t.index));
    if (missing.length === 0) continue;
    const explanation = `Checkpoint ${n} completed (event #${at}) without an ack from ${missing.join(', ')} in the attempt that triggered it (event #${checkpoint.triggeredAt}); a checkpoint completes only after every task acked.`;
    return { at, violation: violated(PROPERTY, { witness: [triggered, completed], explanation, checkpoint: n }) };
  }
  return null;
}

function completedAndAborted(context: OracleContext): Finding | null {
  const { history, index } = context;
  let first: Finding | null = null;
  for (const checkpoint of index.checkpoints.values()) {
    if (checkpoint.completedAt < 0 || checkpoint.abortedAt < 0) continue;
    const [earlier, later] = [checkpoint.completedAt, checkpoint.abortedAt].sort((a, b) => a - b) as [number, number];
    if (first !== null && later >= first.at) continue;
    const explanation = `Checkpoint ${checkpoint.id} was both completed (event #${checkpoint.completedAt}) and aborted (event #${checkpoint.abortedAt}).`;
    const both = [witness(history, earlier, history[earlier]!.kind), witness(history, later, history[later]!.kind)];
    first = { at: later, violation: violated(PROPERTY, { witness: both, explanation, checkpoint: checkpoint.id }) };
  }
  return first;
}

function restoresUseLatest(context: OracleContext): Finding | null {
  const { history, index } = context;
  let latest = -1;
  let next = 0;
  for (const attempt of index.attempts) {
    if (attempt.ordinal === 0) continue;
    while (next < index.completions.length && index.completions[next]! < attempt.start) latest = index.completions[next++]!;
    const expected = latest < 0 ? null : idAt(context, latest);
    if (attempt.from === expected) continue;
    const restored = witness(history, attempt.start, `restored from ${attempt.from ?? 'the initial state'}`);
    const witnessEvents = latest < 0 ? [restored] : [witness(history, latest, 'latest completed checkpoint'), restored];
    const should = expected === null ? 'the initial state, since no checkpoint had completed' : `checkpoint ${expected}, the latest completed (event #${latest})`;
    const explanation = `Attempt ${attempt.ordinal} restored from ${attempt.from === null ? 'the initial state' : `checkpoint ${attempt.from}`} (event #${attempt.start}) instead of ${should}.`;
    return { at: attempt.start, violation: violated(PROPERTY, { witness: witnessEvents, explanation, checkpoint: attempt.from ?? expected ?? undefined }) };
  }
  return null;
}

function notificationsMatch(context: OracleContext): Finding | null {
  const { history, index, facts } = context;
  for (const at of index.notifications) {
    const event = history[at] as EventOf<'notified'>;
    const checkpoint = index.checkpoints.get(event.checkpoint);
    const outcomeAt = checkpoint === undefined ? -1 : event.outcome === 'completed' ? checkpoint.completedAt : checkpoint.abortedAt;
    if (outcomeAt >= 0 && outcomeAt < at) continue;
    const otherAt = checkpoint === undefined ? -1 : event.outcome === 'completed' ? checkpoint.abortedAt : checkpoint.completedAt;
    const status =
      checkpoint === undefined ? 'no such checkpoint exists'
      : otherAt >= 0 ? `it was ${history[otherAt]!.kind} (event #${otherAt})`
      : outcomeAt > at ? `it was ${event.outcome} only later (event #${outcomeAt})`
      : `it was never ${event.outcome}`;
    const witnessEvents = [witness(history, at, `notified ${event.outcome}`)];
    if (otherAt >= 0) witnessEvents.push(witness(history, otherAt, `actual outcome: ${history[otherAt]!.kind}`));
    const explanation = `Task ${taskLabel(facts, event.task)} was notified that checkpoint ${event.checkpoint} ${event.outcome} (event #${at}), but ${status}.`;
    return { at, violation: violated(PROPERTY, { witness: witnessEvents, explanation, checkpoint: event.checkpoint }) };
  }
  return null;
}
