// Cut consistency: for every completed checkpoint n and channel e = u -> v, in the attempt A that
// triggered n, the records re-injected into e at the start of A followed by those u sent on e before
// its snapshot must equal, by id and order, the records v consumed from e before its snapshot
// followed by the channel state recorded for (n, e). Anything else is an orphan (consumed, but sent
// after the sender's snapshot), a lost record, a duplicate or a reordering.
import type { PhysicalChannel } from '../dataflow/physical.ts';
import { snapshotProblem } from './checkpoint-snapshots.ts';
import type { OracleContext } from './context.ts';
import { completedCheckpoints, within, type AttemptSpan, type CheckpointFacts } from './history-index.ts';
import { taskLabel } from './scenario-facts.ts';
import { diffSequences, recordAt, type SequenceMismatch } from './sequences.ts';
import { ok, violated, witness, type Verdict, type Violation, type WitnessEvent } from './verdict.ts';

const PROPERTY = 'cut-consistency';

export function checkCutConsistency(context: OracleContext): Verdict {
  for (const checkpoint of completedCheckpoints(context.index)) {
    const problem = snapshotProblem(context, PROPERTY, checkpoint);
    if (problem !== null) return problem;
    for (const channel of context.facts.graph.channels) {
      const violation = checkChannel(context, checkpoint, channel);
      if (violation !== null) return violation;
    }
  }
  return ok(PROPERTY);
}

/** One checkpoint's cut across one channel, with the names an explanation needs. */
interface Cut {
  readonly context: OracleContext;
  readonly checkpoint: CheckpointFacts;
  readonly channel: PhysicalChannel;
  readonly span: AttemptSpan;
  readonly senderSnapshot: number;
  readonly receiverSnapshot: number;
  readonly sender: string;
  readonly receiver: string;
}

function checkChannel(context: OracleContext, checkpoint: CheckpointFacts, channel: PhysicalChannel): Violation | null {
  const { index, history, facts } = context;
  const span = index.attempts[checkpoint.attempt]!;
  const events = index.channels[channel.index]!;
  const senderSnapshot = checkpoint.snapshotAt[channel.from]!;
  const receiverSnapshot = checkpoint.snapshotAt[channel.to]!;
  const sentSide = within(events.reinjected, span.start, span.end).concat(within(events.sent, span.start, senderSnapshot));
  const consumedSide = within(events.processed, span.start, receiverSnapshot).concat(checkpoint.channelState.get(channel.index) ?? []);
  const mismatch = diffSequences(history, sentSide, consumedSide);
  if (mismatch === null) return null;
  const sender = taskLabel(facts, channel.from);
  const receiver = taskLabel(facts, channel.to);
  return explain({ context, checkpoint, channel, span, senderSnapshot, receiverSnapshot, sender, receiver }, mismatch);
}

function explain(cut: Cut, mismatch: SequenceMismatch): Violation {
  switch (mismatch.kind) {
    case 'unexpected':
      return orphanOrUnsent(cut, mismatch.actual, mismatch.record);
    case 'missing':
      return lost(cut, mismatch.expected, mismatch.record);
    case 'duplicate':
      return duplicate(cut, mismatch);
    case 'reordered':
      return reordered(cut, mismatch);
  }
}

function report(cut: Cut, record: string, witnessEvents: WitnessEvent[], finding: string): Violation {
  const { checkpoint, channel } = cut;
  return violated(PROPERTY, {
    witness: witnessEvents,
    explanation: `Checkpoint ${checkpoint.id} is not a consistent cut on channel ${channel.label}: ${finding}`,
    checkpoint: checkpoint.id,
    channel: channel.index,
    record,
  });
}

/** How the receiver side took a record: consumed it before its snapshot, or recorded it as channel state. */
function taken(cut: Cut, at: number): string {
  return cut.context.history[at]!.kind === 'channelStateRecorded'
    ? `recorded it as channel state of the checkpoint (event #${at})`
    : `consumed it (event #${at}) before its own snapshot (event #${cut.receiverSnapshot})`;
}

function orphanOrUnsent(cut: Cut, at: number, record: string): Violation {
  const { history, index } = cut.context;
  const events = index.channels[cut.channel.index]!;
  const lateSend = within(events.sent, cut.senderSnapshot, cut.span.end).find((i) => recordAt(history, i).id === record);
  const receiverSnapshot = witness(history, cut.receiverSnapshot, `${cut.receiver} snapshot`);
  if (lateSend === undefined) {
    const finding =
      `record ${record} was neither sent on this channel by ${cut.sender} in attempt ${cut.span.ordinal} before its snapshot ` +
      `(event #${cut.senderSnapshot}) nor re-injected, yet ${cut.receiver} ${taken(cut, at)}.`;
    return report(cut, record, [witness(history, at, 'taken by the receiver'), receiverSnapshot], finding);
  }
  const witnessEvents = [
    witness(history, cut.senderSnapshot, `${cut.sender} snapshot`),
    witness(history, lateSend, 'sent after the sender snapshot'),
    witness(history, at, 'taken before the receiver snapshot'),
    receiverSnapshot,
  ];
  const finding =
    `record ${record} is an orphan: ${cut.sender} sent it (event #${lateSend}) after its snapshot (event #${cut.senderSnapshot}), ` +
    `yet ${cut.receiver} ${taken(cut, at)}. The checkpoint's state of ${cut.receiver} reflects a record that the snapshot of ` +
    `${cut.sender} has not produced yet, so a restore would deliver it a second time.`;
  return report(cut, record, witnessEvents, finding);
}

function lost(cut: Cut, at: number, record: string): Violation {
  const { history, index } = cut.context;
  const events = index.channels[cut.channel.index]!;
  const later = within(events.processed, cut.receiverSnapshot, cut.span.end).find((i) => recordAt(history, i).id === record);
  const reinjected = history[at]!.kind === 'reinjected';
  const witnessEvents = [
    witness(history, at, reinjected ? 're-injected at the start of the attempt' : 'sent before the sender snapshot'),
    witness(history, cut.senderSnapshot, `${cut.sender} snapshot`),
    witness(history, cut.receiverSnapshot, `${cut.receiver} snapshot`),
  ];
  if (later !== undefined) witnessEvents.push(witness(history, later, 'consumed after the receiver snapshot'));
  const how = reinjected
    ? `was re-injected at the start of attempt ${cut.span.ordinal} (event #${at})`
    : `was sent by ${cut.sender} (event #${at}) before its snapshot (event #${cut.senderSnapshot})`;
  const afterwards = later === undefined ? '' : ` It was consumed only after that snapshot (event #${later}).`;
  const finding =
    `record ${record} is lost. It ${how}, but ${cut.receiver} neither consumed it before its snapshot (event #${cut.receiverSnapshot}) ` +
    `nor recorded it as channel state.${afterwards} A restore from checkpoint ${cut.checkpoint.id} would never deliver it.`;
  return report(cut, record, witnessEvents, finding);
}

function duplicate(cut: Cut, mismatch: Extract<SequenceMismatch, { kind: 'duplicate' }>): Violation {
  const { history } = cut.context;
  const how = mismatch.side === 'actual' ? `${cut.receiver} took it twice` : `it was sent (or re-injected) twice before the snapshot of ${cut.sender}`;
  const witnessEvents = [witness(history, mismatch.first, 'first occurrence'), witness(history, mismatch.second, 'second occurrence')];
  return report(cut, mismatch.record, witnessEvents, `record ${mismatch.record} is duplicated: ${how} (events #${mismatch.first} and #${mismatch.second}).`);
}

function reordered(cut: Cut, mismatch: Extract<SequenceMismatch, { kind: 'reordered' }>): Violation {
  const { history } = cut.context;
  const overtaken = recordAt(history, mismatch.expectedEarlier).id;
  const witnessEvents = [
    witness(history, mismatch.expectedEarlier, `${overtaken} sent first`),
    witness(history, mismatch.expectedLater, `${mismatch.record} sent later`),
    witness(history, mismatch.actualEarlier, `${mismatch.record} taken first`),
    witness(history, mismatch.actualLater, `${overtaken} taken later`),
  ];
  const finding =
    `record ${mismatch.record} is out of order: it was sent after ${overtaken} (events #${mismatch.expectedEarlier}, #${mismatch.expectedLater}) ` +
    `but taken before it (events #${mismatch.actualEarlier}, #${mismatch.actualLater}), which a FIFO channel cannot do.`;
  return report(cut, mismatch.record, witnessEvents, finding);
}
