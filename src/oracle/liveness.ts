// Liveness: the fault-free tail drives the job to quiescence; every triggered checkpoint is completed
// or aborted; no input channel stays blocked (blocks and unblocks balance since the last restore,
// which clears every block); and the final checkpoint, triggered once the job drained, completes.
import type { EventOf } from '../core/history.ts';
import type { OracleContext } from './context.ts';
import { channelLabel } from './scenario-facts.ts';
import { ok, violated, witness, type Verdict, type WitnessEvent } from './verdict.ts';

const PROPERTY = 'liveness';

export function checkLiveness(context: OracleContext): Verdict {
  const { index, history } = context;
  const pending = [...index.checkpoints.values()]
    .filter((c) => c.triggeredAt >= 0 && c.completedAt < 0 && c.abortedAt < 0)
    .sort((a, b) => a.id - b.id);
  const blocked = index.channels.flatMap((events, channel) => (events.blockedAtEnd >= 0 ? [channel] : []));
  const pendingWitness = pending.map((c) => witness(history, c.triggeredAt, `checkpoint ${c.id} never completed nor aborted`));
  const blockedWitness = blocked.map((c) => witness(history, index.channels[c]!.blockedAtEnd, `${channelLabel(context.facts, c)} still blocked`));
  const leftovers = describeLeftovers(context, pending.map((c) => c.id), blocked);
  const atTheEnd = leftovers === '' ? '' : ` At the end, ${leftovers}.`;
  if (index.stuckAt >= 0) {
    const stuck = history[index.stuckAt] as EventOf<'stuck'>;
    return violated(PROPERTY, {
      witness: [witness(history, index.stuckAt, 'the run got stuck'), ...blockedWitness, ...pendingWitness],
      explanation: `The liveness phase ended without quiescence (event #${index.stuckAt}: ${stuck.reason}).${atTheEnd}`,
      ...firstOf(pending.map((c) => c.id), blocked),
    });
  }
  if (index.quiescedAt < 0) {
    return violated(PROPERTY, {
      witness: endOfRun(context),
      explanation: `The History ends without a quiesced or stuck event, so the run never reached quiescence.${atTheEnd}`,
    });
  }
  if (pending.length > 0 || blocked.length > 0) {
    return violated(PROPERTY, {
      witness: [...pendingWitness, ...blockedWitness, witness(history, index.quiescedAt, 'the run quiesced')],
      explanation: `The run quiesced (event #${index.quiescedAt}), yet ${leftovers}.`,
      ...firstOf(pending.map((c) => c.id), blocked),
    });
  }
  return checkFinalCheckpoint(context);
}

/**
 * The checkpoint triggered once the job drained meets no data, no fault and no expiry: every
 * correct strategy completes it. Aborted (declined, or subsumed by nothing) is a violation.
 */
function checkFinalCheckpoint(context: OracleContext): Verdict {
  const { index, history } = context;
  const drainedAt = index.drainedAt;
  if (drainedAt < 0) return ok(PROPERTY);
  const triggeredAt = index.triggers.find((i) => i > drainedAt) ?? -1;
  if (triggeredAt < 0) {
    return violated(PROPERTY, {
      witness: [witness(history, drainedAt, 'the job drained')],
      explanation: `The job drained (event #${drainedAt}), but no final checkpoint was triggered after it.`,
    });
  }
  const id = (history[triggeredAt] as EventOf<'triggered'>).checkpoint;
  const checkpoint = index.checkpoints.get(id);
  if (checkpoint !== undefined && checkpoint.completedAt >= 0) return ok(PROPERTY);
  const abortedAt = checkpoint?.abortedAt ?? -1;
  const reason = abortedAt >= 0 ? (history[abortedAt] as EventOf<'aborted'>).reason : 'never completed';
  const declines = declinesOf(history, id, triggeredAt);
  return violated(PROPERTY, {
    witness: [
      witness(history, drainedAt, 'the job drained: no data, no fault, no expiry from here on'),
      witness(history, triggeredAt, `final checkpoint ${id} triggered`),
      ...declines.map((i) => witness(history, i, `declined: ${(history[i] as EventOf<'declined'>).reason}`)),
      ...(abortedAt >= 0 ? [witness(history, abortedAt, `aborted (${reason})`)] : []),
    ],
    explanation:
      `The job drained (event #${drainedAt}) and the final checkpoint ${id} was triggered with nothing in flight and no expiry, ` +
      `yet it was ${abortedAt >= 0 ? `aborted (${reason})` : 'never completed'}: the strategy cannot complete a checkpoint even when nothing stands in its way.`,
    checkpoint: id,
  });
}

function lastIndexOf(history: OracleContext['history'], kind: string): number {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.kind === kind) return i;
  return -1;
}

function declinesOf(history: OracleContext['history'], checkpoint: number, from: number): number[] {
  const found: number[] = [];
  for (let i = from; i < history.length; i++) {
    const event = history[i]!;
    if (event.kind === 'declined' && event.checkpoint === checkpoint) found.push(i);
  }
  return found;
}

/** E.g. "checkpoint 3 was triggered but never completed nor aborted and channel a.0->b.0 was still blocked", or "". */
function describeLeftovers(context: OracleContext, pending: readonly number[], blocked: readonly number[]): string {
  const parts: string[] = [];
  if (pending.length > 0) parts.push(`checkpoint ${pending.join(', ')} ${pending.length === 1 ? 'was' : 'were'} triggered but never completed nor aborted`);
  if (blocked.length > 0) {
    const labels = blocked.map((c) => channelLabel(context.facts, c)).join(', ');
    parts.push(`channel ${labels} ${blocked.length === 1 ? 'was' : 'were'} still blocked`);
  }
  return parts.join(' and ');
}

function firstOf(pending: readonly number[], blocked: readonly number[]): { checkpoint?: number; channel?: number } {
  return {
    ...(pending.length > 0 ? { checkpoint: pending[0]! } : {}),
    ...(blocked.length > 0 ? { channel: blocked[0]! } : {}),
  };
}

/** The liveness marker, or else the last event: where the History stops. */
function endOfRun(context: OracleContext): WitnessEvent[] {
  const { history } = context;
  const phaseAt = lastIndexOf(history, 'livenessPhaseStarted');
  if (phaseAt >= 0) return [witness(history, phaseAt, 'liveness phase started, never ended')];
  return history.length === 0 ? [] : [witness(history, history.length - 1, 'last event of the History')];
}
