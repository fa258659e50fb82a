// At-least-once recovery, for runs that quiesced: every record the failure-free reference run puts
// into a sink is in that sink's final state at least as often as in the reference, and every source
// read its whole log. Copies beyond the reference's count are duplicates: counted and reported on
// every verdict, never hidden.
import type { SnapshotState } from '../core/history.ts';
import type { OracleContext } from './context.ts';
import { finalStates, notQuiescedReason, unfinishedSource } from './final-states.ts';
import { taskLabel, type NodeFacts } from './scenario-facts.ts';
import { fullReference } from './reference.ts';
import { notApplicable, ok, violated, witness, type Verdict, type Violation, type WitnessEvent } from './verdict.ts';
import { sinkTriples } from '../dataflow/operators.ts';

const PROPERTY = 'at-least-once';

/** A record the reference has in a sink more often than the run does. */
interface Shortfall {
  readonly sink: NodeFacts;
  readonly record: string;
  readonly expected: number;
  readonly actual: number;
}

export function checkAtLeastOnce(context: OracleContext): Verdict {
  if (context.index.quiescedAt < 0) return notApplicable(PROPERTY, notQuiescedReason(context));
  const finals = finalStates(context, PROPERTY);
  if (!Array.isArray(finals)) return finals;
  const unfinished = unfinishedSource(context, PROPERTY, finals);
  if (unfinished !== null) return unfinished;
  const reference = fullReference(context.facts);
  let duplicates = 0;
  let shortfall: Shortfall | null = null;
  for (let i = 0; i < context.facts.nodes.length; i++) {
    const sink = context.facts.nodes[i]!;
    if (sink.node.kind !== 'sink') continue;
    const expected = countIds([reference.values[i]]);
    const actual = countIds(sink.tasks.map((t) => finals[t]!.state.operator));
    for (const [record, count] of actual) duplicates += Math.max(0, count - (expected.get(record) ?? 0));
    for (const [record, count] of expected) {
      const got = actual.get(record) ?? 0;
      if (shortfall === null && got < count) shortfall = { sink, record, expected: count, actual: got };
    }
  }
  return shortfall === null ? ok(PROPERTY, duplicates) : lost(context, shortfall, duplicates);
}

/** Record id -> copies, over sink snapshots (each a list of [id, key, value]). */
function countIds(sinkSnapshots: readonly SnapshotState[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const snapshot of sinkSnapshots) {
    for (const [id] of sinkTriples(snapshot)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function lost(context: OracleContext, shortfall: Shortfall, duplicates: number): Violation {
  const { history, index } = context;
  const { sink, record, expected, actual } = shortfall;
  const origin = sourceRecordOf(record);
  const readAt = origin === null ? -1 : lastRead(context, origin);
  const sinkTask = sink.tasks[0]!;
  const witnessEvents: WitnessEvent[] =
    readAt >= 0
      ? [witness(history, readAt, `source record ${origin} read`)]
      : [witness(history, index.finalStateAt[sinkTask]!, `final state of ${taskLabel(context.facts, sinkTask)}`)];
  const read = readAt >= 0 ? ` Its source record ${origin} was read at event #${readAt}.` : '';
  return violated(PROPERTY, {
    witness: witnessEvents,
    explanation:
      `Record ${record} is lost: the failure-free reference run puts it into sink node ${sink.node.id} ${times(expected)}, ` +
      `but the run's final state holds it ${times(actual)}.${read} (The sinks hold ${duplicates} duplicate record(s).)`,
    record,
  });
}

function times(count: number): string {
  return count === 0 ? 'not at all' : count === 1 ? 'once' : `${count} times`;
}

/** The source record a (derived) record id starts from: `node.subtask@offset`; a join's left input for pairs. */
function sourceRecordOf(record: string): string | null {
  return /[A-Za-z][A-Za-z0-9_]*\.\d+@\d+/.exec(record)?.[0] ?? null;
}

function lastRead(context: OracleContext, origin: string): number {
  const { history } = context;
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i]!;
    if (event.kind === 'read' && event.record.id === origin) return i;
  }
  return -1;
}
