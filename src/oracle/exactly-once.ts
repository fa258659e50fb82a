// Exactly-once recovery, for runs that quiesced. Per channel, the effective consumption must equal
// the effective send sequence, by id and in order: the effective history of an attempt restored from
// checkpoint c (taken in attempt B) is B's effective history cut at the sender's (for sends) or the
// receiver's (for consumption) snapshot of c, followed by the attempt's own events. Re-injected
// records are not new sends (they are in the cut send part already) but are consumed again as
// `processed`. Then the final states, merged per node, must equal the failure-free reference.
import type { PhysicalChannel } from '../dataflow/physical.ts';
import type { OracleContext } from './context.ts';
import { finalStates, notQuiescedReason, unfinishedSource } from './final-states.ts';
import { within, type AttemptSpan, type CheckpointFacts } from './history-index.ts';
import { firstNodeDifference, mergeNodeStates } from './node-states.ts';
import { fullReference } from './reference.ts';
import { taskLabel } from './scenario-facts.ts';
import { diffSequences, recordAt, type SequenceMismatch } from './sequences.ts';
import { notApplicable, ok, violated, witness, type Verdict, type Violation, type WitnessEvent } from './verdict.ts';

const PROPERTY = 'exactly-once';

export function checkExactlyOnce(context: OracleContext): Verdict {
  if (context.index.quiescedAt < 0) return notApplicable(PROPERTY, notQuiescedReason(context));
  const segments = effectiveSegments(context);
  if (!Array.isArray(segments)) return segments;
  for (const channel of context.facts.graph.channels) {
    const violation = checkChannel(context, segments, channel);
    if (violation !== null) return violation;
  }
  return checkFinalStates(context) ?? ok(PROPERTY);
}

/** A part of the effective history: an attempt, cut at the snapshots of `cutBy` (null: the final attempt, uncut). */
interface Segment {
  readonly attempt: AttemptSpan;
  readonly cutBy: CheckpointFacts | null;
}

/** The chain of attempts the final attempt descends from, oldest first. */
function effectiveSegments(context: OracleContext): Segment[] | Violation {
  const { index, history } = context;
  const segments: Segment[] = [];
  let attempt = index.attempts[index.attempts.length - 1]!;
  let cutBy: CheckpointFacts | null = null;
  for (;;) {
    segments.unshift({ attempt, cutBy });
    if (attempt.from === null) return segments;
    const source = index.checkpoints.get(attempt.from);
    const problem = restoreProblem(context, attempt, source);
    if (problem !== null || source === undefined) {
      return violated(PROPERTY, {
        witness: [witness(history, attempt.start, `restore of attempt ${attempt.ordinal}`)],
        explanation: `Attempt ${attempt.ordinal} restored from checkpoint ${attempt.from} (event #${attempt.start}), ${problem}; no restore from it can be exactly-once.`,
        checkpoint: attempt.from,
      });
    }
    cutBy = source;
    attempt = index.attempts[source.attempt]!;
  }
}

/** Why `attempt` cannot have restored from `source`, or null. */
function restoreProblem(context: OracleContext, attempt: AttemptSpan, source: CheckpointFacts | undefined): string | null {
  // Also guards the chain walk: every step goes to a strictly earlier attempt.
  if (source === undefined || source.attempt < 0 || source.attempt >= attempt.ordinal) return 'which was not triggered in an earlier attempt';
  const base = context.index.attempts[source.attempt]!;
  const missing = source.snapshotAt.findIndex((at) => at < base.start || at >= base.end);
  return missing < 0 ? null : `which holds no snapshot of ${taskLabel(context.facts, missing)} from the attempt that triggered it`;
}

function checkChannel(context: OracleContext, segments: readonly Segment[], channel: PhysicalChannel): Violation | null {
  const { history, index } = context;
  const events = index.channels[channel.index]!;
  const sent: number[] = [];
  const consumed: number[] = [];
  for (const { attempt, cutBy } of segments) {
    sent.push(...within(events.sent, attempt.start, cutBy?.snapshotAt[channel.from] ?? attempt.end));
    consumed.push(...within(events.processed, attempt.start, cutBy?.snapshotAt[channel.to] ?? attempt.end));
  }
  const mismatch = diffSequences(history, sent, consumed);
  return mismatch === null ? null : explain(context, channel, mismatch);
}

function explain(context: OracleContext, channel: PhysicalChannel, mismatch: SequenceMismatch): Violation {
  const { history, facts } = context;
  const sender = taskLabel(facts, channel.from);
  const receiver = taskLabel(facts, channel.to);
  const report = (witnessEvents: WitnessEvent[], finding: string): Violation =>
    violated(PROPERTY, {
      witness: witnessEvents,
      explanation: `Channel ${channel.label} is not exactly-once across recovery: ${finding}`,
      channel: channel.index,
      record: mismatch.record,
    });
  switch (mismatch.kind) {
    case 'duplicate': {
      const [verb, whom] = mismatch.side === 'actual' ? ['processed', receiver] : ['sent', sender];
      const restored = context.index.attempts.some((a) => a.ordinal > 0 && a.start > mismatch.first && a.start < mismatch.second);
      return report(
        [witness(history, mismatch.first, `first time ${verb}`), witness(history, mismatch.second, `${verb} again`)],
        `record ${mismatch.record} was ${verb} twice by ${whom} (events #${mismatch.first} and #${mismatch.second})` +
          (restored ? ', and the restore in between did not roll the first time back.' : '.'),
      );
    }
    case 'missing':
      return report(lostWitness(context, mismatch.expected), `record ${mismatch.record} was sent by ${sender} (event #${mismatch.expected}) but ${receiver} never processed it in the run's effective history.`);
    case 'unexpected':
      return report(
        [witness(history, mismatch.actual, 'processed without an effective send')],
        `${receiver} processed record ${mismatch.record} (event #${mismatch.actual}), which ${sender} did not send in the run's effective history (a send undone by a restore, or never made).`,
      );
    case 'reordered': {
      const overtaken = recordAt(history, mismatch.expectedEarlier).id;
      return report(
        [
          witness(history, mismatch.expectedEarlier, `${overtaken} sent first`),
          witness(history, mismatch.expectedLater, `${mismatch.record} sent later`),
          witness(history, mismatch.actualEarlier, `${mismatch.record} processed first`),
          witness(history, mismatch.actualLater, `${overtaken} processed later`),
        ],
        `record ${mismatch.record} was sent after ${overtaken} but processed before it (events #${mismatch.actualEarlier}, #${mismatch.actualLater}).`,
      );
    }
  }
}

/** The send, and the restore that dropped the record from the channel, if one followed it. */
function lostWitness(context: OracleContext, sentAt: number): WitnessEvent[] {
  const { history, index } = context;
  const events = [witness(history, sentAt, 'sent, never processed')];
  const restore = index.attempts.find((a) => a.start > sentAt && a.ordinal > 0);
  if (restore !== undefined) events.push(witness(history, restore.start, 'restore that dropped it'));
  return events;
}

function checkFinalStates(context: OracleContext): Violation | null {
  const finals = finalStates(context, PROPERTY);
  if (!Array.isArray(finals)) return finals;
  const unfinished = unfinishedSource(context, PROPERTY, finals);
  if (unfinished !== null) return unfinished;
  const { facts, history, index } = context;
  const actual = mergeNodeStates(facts, finals.map((f) => f.state.operator));
  const difference = firstNodeDifference(facts, fullReference(facts), actual, { expected: 'the reference', actual: 'the run' });
  if (difference === null) return null;
  const tasks = facts.graph.tasksOfNode.get(difference.node.id) ?? [];
  return violated(PROPERTY, {
    witness: tasks.map((t) => witness(history, index.finalStateAt[t]!, `final state of ${taskLabel(facts, t)}`)),
    explanation: `The final state of node ${difference.node.id} differs from the failure-free reference run over the full source logs: ${difference.diff}.`,
  });
}
