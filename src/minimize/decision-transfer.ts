// Carrying a failing run's schedule over to a smaller scenario, causality first. Decisions are an
// indexed list, so removing a record (or a task, or a trigger) from a scenario shifts every later
// decision onto some other step, and the failure usually vanishes for that reason alone. Here each
// decision is filed under its label ('delay', 'cost', 'upload', ...) and, where the simulator's
// conventions tie a label to History events one for one, under the event it was taken for:
//   delay  <-> each placement on a channel (`sent`, `barrierSent`, `cancellationSent`)
//   cost   <-> each step that applied a record (`read`, `processed`)
//   upload <-> each snapshot (`snapshotTaken`)
// The candidate is then run answering each label from its own queue, minus the decisions of the
// events the change removed (a send goes together with its delivery: both belong to the removed
// record's lineage). Where a label's count does not match its events, its queue is kept whole.
import { LabelledChoices, StreamChoices } from '../trace/choices.ts';
import { run } from '../sim/runner.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import type { History, HistoryEvent } from '../core/history.ts';
import type { Scenario } from '../scenario/scenario.ts';

export interface LabelledRun {
  readonly history: History;
  readonly labels: readonly string[];
  readonly values: readonly number[];
}

const EVENTS_OF_LABEL: Readonly<Record<string, ReadonlySet<string>>> = {
  delay: new Set(['sent', 'barrierSent', 'cancellationSent']),
  cost: new Set(['read', 'processed']),
  upload: new Set(['snapshotTaken']),
};

/** The scenario's run with every decision's label; null when the run throws. */
export function labelledRun(scenario: Scenario, strategy: CheckpointStrategy): LabelledRun | null {
  const choices = new LabelledChoices(scenario.decisions);
  try {
    const result = run(scenario, strategy, { choices });
    return { history: result.history, labels: choices.labels, values: result.decisions };
  } catch {
    return null;
  }
}

export interface Transfer {
  /** Events of the current run that the change removes. */
  readonly drops?: (event: HistoryEvent) => boolean;
  /** Labels that are no longer asked at all (their bound became 1). */
  readonly forcedLabels?: readonly string[];
}

/** Decisions for `candidate` that keep the current run's choices with the steps they were made for. */
export function transferDecisions(candidate: Scenario, strategy: CheckpointStrategy, from: LabelledRun, transfer: Transfer): number[] | null {
  const streams = new Map<string, number[]>();
  const dropped = droppedDecisions(from, transfer.drops);
  const forced = new Set(transfer.forcedLabels ?? []);
  from.labels.forEach((label, i) => {
    if (dropped.has(i) || forced.has(label)) return;
    let stream = streams.get(label);
    if (stream === undefined) streams.set(label, (stream = []));
    stream.push(from.values[i]!);
  });
  const choices = new StreamChoices(streams);
  try {
    return trimZeros(run(candidate, strategy, { choices, recordHistory: false }).decisions);
  } catch {
    return null;
  }
}

/** Decision indices that belong to dropped events, per label whose count matches its events. */
function droppedDecisions(from: LabelledRun, drops: Transfer['drops']): Set<number> {
  const dropped = new Set<number>();
  if (drops === undefined) return dropped;
  for (const [label, kinds] of Object.entries(EVENTS_OF_LABEL)) {
    const decisions: number[] = [];
    from.labels.forEach((l, i) => l === label && decisions.push(i));
    const events = from.history.filter((e) => kinds.has(e.kind));
    if (decisions.length !== events.length) continue;
    events.forEach((event, k) => drops(event) && dropped.add(decisions[k]!));
  }
  return dropped;
}

/** Trailing zeros are what a decision list is padded with anyway. */
export function trimZeros(decisions: readonly number[]): number[] {
  let end = decisions.length;
  while (end > 0 && decisions[end - 1] === 0) end--;
  return decisions.slice(0, end);
}

/** Does a record id descend from the source record `sourceId` (`node.subtask@offset`)? */
export function descendsFrom(recordId: string, sourceId: string): boolean {
  let at = recordId.indexOf(sourceId);
  while (at >= 0) {
    const before = at === 0 ? '' : recordId[at - 1]!;
    const after = recordId[at + sourceId.length] ?? '';
    if ((before === '' || before === '(' || before === '*') && (after === '' || after === '>' || after === '*' || after === ')')) return true;
    at = recordId.indexOf(sourceId, at + 1);
  }
  return false;
}

/** The record an event carries, if any. */
export function recordOf(event: HistoryEvent): string | null {
  const record = (event as { record?: { id?: unknown } }).record;
  return typeof record?.id === 'string' ? record.id : null;
}

/** The task an event belongs to, if any. */
export function taskOf(event: HistoryEvent): number | null {
  const task = (event as { task?: unknown }).task;
  return typeof task === 'number' ? task : null;
}
