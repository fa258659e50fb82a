// Where the strategy let it happen. The oracle says what is wrong with a checkpoint; this audit reads
// the same History for the strategy's own steps that made it possible, judged against what a
// consistent cut needs at each task with inputs (independently of how the strategy works):
//   - a snapshot taken while barrier n was still in flight on an input, with records consumed from
//     that input after the snapshot but ahead of the barrier and not recorded as channel state:
//     those records are in neither the state nor the checkpoint (lost);
//   - an input consumed again after its barrier n arrived and before the snapshot: the records taken
//     then were sent after the upstream snapshot (orphans). The step to blame is the `unblocked`
//     that resumed the input (or the barrier's arrival, if it was never paused);
//   - a priority barrier n that overtook records queued ahead of it, none of which either end
//     recorded as channel state: they are in neither snapshot (lost). The step to blame is the
//     sender's `barrierSent`;
//   - (liveness) an input paused by a barrier and never resumed: the step to blame is that barrier's
//     arrival, all the more when its checkpoint had already been aborted (an obsolete barrier).
import type { History, HistoryEvent } from '../core/history.ts';
import type { PhysicalGraph } from '../dataflow/physical.ts';

export interface StrategyStep {
  /** The History index of the strategy's step (a snapshot, an unblock, a barrier arrival). */
  readonly index: number;
  readonly task: number;
  readonly channel: number;
  readonly kind: 'snapshot-before-barrier' | 'resumed-before-snapshot' | 'overtaken-not-recorded' | 'never-resumed';
  /** The records the step let through (History indices of their `processed` events). */
  readonly consequences: readonly number[];
  readonly explanation: string;
}

/** The checkpoint's attempt: from its `triggered` event to the next `restored` (or the end). */
export function attemptOf(history: History, checkpoint: number): [number, number] | null {
  const start = history.findIndex((e) => e.kind === 'triggered' && e.checkpoint === checkpoint);
  if (start < 0) return null;
  const restore = history.findIndex((e, i) => i > start && e.kind === 'restored');
  return [start, restore < 0 ? history.length : restore];
}

export function auditCheckpoint(history: History, graph: PhysicalGraph, checkpoint: number): StrategyStep[] {
  const span = attemptOf(history, checkpoint);
  if (span === null) return [];
  const steps: StrategyStep[] = [];
  for (const task of graph.tasks) {
    const snapshot = findIn(history, span, (e) => e.kind === 'snapshotTaken' && e.task === task.index && e.checkpoint === checkpoint);
    if (snapshot < 0) continue;
    for (const channel of task.inputs) {
      const step = auditInput(history, graph, span, checkpoint, snapshot, channel);
      if (step !== null) steps.push(step);
    }
  }
  return steps.sort((a, b) => a.index - b.index);
}

function auditInput(history: History, graph: PhysicalGraph, span: [number, number], checkpoint: number, snapshot: number, channel: number): StrategyStep | null {
  const task = graph.channels[channel]!.to;
  const label = graph.channels[channel]!.label;
  const who = graph.tasks[task]!.label;
  const barrier = findIn(history, span, (e) => e.kind === 'barrierReceived' && e.channel === channel && e.checkpoint === checkpoint);
  const recorded = findIn(history, span, (e) => e.kind === 'channelStateRecorded' && e.channel === channel && e.checkpoint === checkpoint) >= 0;
  const processedBetween = (from: number, to: number) => indicesIn(history, [from + 1, to], (e) => e.kind === 'processed' && e.channel === channel);
  if ((barrier < 0 || barrier > snapshot) && !recorded) {
    const lost = processedBetween(snapshot, barrier < 0 ? span[1] : barrier);
    if (lost.length === 0) return null;
    const arrives = barrier < 0 ? 'it never arrived in this attempt' : `it arrived only at #${barrier}`;
    const explanation =
      `${who} took its snapshot of checkpoint ${checkpoint} while barrier ${checkpoint} was still in flight on ${label} (${arrives}), ` +
      `and recorded nothing of ${label} as channel state: the ${plural(lost.length, 'record')} it took from ${label} after the snapshot ` +
      `but ahead of the barrier (${refs(lost)}) ${lost.length === 1 ? 'is' : 'are'} in neither its state nor the checkpoint.`;
    return { index: snapshot, task, channel, kind: 'snapshot-before-barrier', consequences: lost, explanation };
  }
  if (barrier < 0 || barrier > snapshot) return null;
  const orphans = processedBetween(barrier, snapshot);
  if (orphans.length === 0) return overtaken(history, graph, span, checkpoint, channel, barrier);
  const resumed = findIn(history, [barrier + 1, orphans[0]!], (e) => e.kind === 'unblocked' && e.channel === channel);
  const at = resumed >= 0 ? resumed : barrier;
  const how = resumed >= 0 ? `resumed ${label} (#${resumed}) after barrier ${checkpoint} arrived on it (#${barrier})` : `kept consuming ${label} after barrier ${checkpoint} arrived on it (#${barrier})`;
  const explanation =
    `${who} ${how} but before its own snapshot (#${snapshot}): the ${plural(orphans.length, 'record')} it took from ${label} in between ` +
    `(${refs(orphans)}) came after the upstream snapshot, yet ${orphans.length === 1 ? 'is' : 'are'} part of ${who}'s snapshot.`;
  return { index: at, task, channel, kind: 'resumed-before-snapshot', consequences: orphans, explanation };
}

/** Inputs paused by a barrier (in the last attempt) and never resumed. */
export function auditNeverResumed(history: History, graph: PhysicalGraph): StrategyStep[] {
  const lastRestore = history.findLastIndex((e) => e.kind === 'restored');
  const paused = new Map<number, number>();
  for (let i = Math.max(0, lastRestore); i < history.length; i++) {
    const event = history[i]!;
    if (event.kind === 'blocked') paused.set(event.channel, i);
    if (event.kind === 'unblocked') paused.delete(event.channel);
  }
  const steps: StrategyStep[] = [];
  for (const [channel, blocked] of paused) {
    const barrier = history.findLastIndex((e, i) => i <= blocked && e.kind === 'barrierReceived' && e.channel === channel);
    if (barrier < 0) continue;
    const checkpoint = (history[barrier] as { checkpoint: number }).checkpoint;
    const ended = history.findIndex((e, i) => i < barrier && (e.kind === 'aborted' || e.kind === 'completed') && e.checkpoint === checkpoint);
    const { to, label } = graph.channels[channel]!;
    const who = graph.tasks[to]!.label;
    const obsolete = ended < 0 ? '' : `, a checkpoint the coordinator had already ${history[ended]!.kind === 'aborted' ? 'aborted' : 'completed'} (#${ended}),`;
    const explanation = `${who} paused ${label} on barrier ${checkpoint} (#${barrier})${obsolete} and never resumed it: every record behind the barrier stays there.`;
    steps.push({ index: barrier, task: to, channel, kind: 'never-resumed', consequences: [blocked], explanation });
  }
  return steps.sort((a, b) => a.index - b.index);
}

/** Records a priority barrier overtook (sent before it, taken after it) that nobody recorded as channel state. */
function overtaken(history: History, graph: PhysicalGraph, span: [number, number], checkpoint: number, channel: number, barrier: number): StrategyStep | null {
  const sentBarrier = findIn(history, span, (e) => e.kind === 'barrierSent' && e.channel === channel && e.checkpoint === checkpoint);
  if (sentBarrier < 0) return null;
  const idOf = (i: number) => (history[i] as { record: { id: string } }).record.id;
  const sentAhead = new Set(indicesIn(history, [span[0], sentBarrier], (e) => e.kind === 'sent' && e.channel === channel).map(idOf));
  const recorded = new Set(indicesIn(history, span, (e) => e.kind === 'channelStateRecorded' && e.channel === channel && e.checkpoint === checkpoint).map(idOf));
  const lost = indicesIn(history, [barrier + 1, span[1]], (e) => e.kind === 'processed' && e.channel === channel).filter((i) => sentAhead.has(idOf(i)) && !recorded.has(idOf(i)));
  if (lost.length === 0) return null;
  const { from, to, label } = graph.channels[channel]!;
  const [sender, receiver] = [graph.tasks[from]!.label, graph.tasks[to]!.label];
  const explanation =
    `${sender} sent barrier ${checkpoint} on ${label} ahead of ${lost.length === 1 ? 'a record' : `${lost.length} records`} already queued there (taken at ${refs(lost)}), ` +
    `and neither ${sender} nor ${receiver} recorded ${lost.length === 1 ? 'it' : 'them'} as channel state of checkpoint ${checkpoint}: ` +
    `${lost.length === 1 ? 'it is' : 'they are'} in neither snapshot.`;
  return { index: sentBarrier, task: from, channel, kind: 'overtaken-not-recorded', consequences: lost, explanation };
}

function findIn(history: History, [from, to]: [number, number], test: (e: HistoryEvent) => boolean): number {
  for (let i = Math.max(0, from); i < Math.min(to, history.length); i++) if (test(history[i]!)) return i;
  return -1;
}

function indicesIn(history: History, [from, to]: [number, number], test: (e: HistoryEvent) => boolean): number[] {
  const found: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, history.length); i++) if (test(history[i]!)) found.push(i);
  return found;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${n} ${word}s`;
}

function refs(indices: readonly number[]): string {
  const shown = indices.slice(0, 4).map((i) => `#${i}`);
  return indices.length > 4 ? `${shown.join(', ')}, ...` : shown.join(', ');
}
