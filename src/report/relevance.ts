// Which History steps matter to a violation: the witness and the strategy's steps to blame (the
// seeds), the record's own journey (from its source read on), the checkpoint's lifecycle (trigger,
// the snapshots, barriers, pauses and resumes at the tasks on the violation's channel, completion),
// and every crash and restore. Everything else (other records, acks, uploads, notifications) is
// left out of the trace; the diagram still shows it.
import type { History, HistoryEvent } from '../core/history.ts';
import type { PhysicalGraph } from '../dataflow/physical.ts';
import type { Violation } from './diagnosis.ts';

/** Past this many steps, only the seeds and the checkpoint's own events are kept. */
const STEPS_SHOWN_MAX = 80;
const ALWAYS: ReadonlySet<string> = new Set(['crashed', 'restored', 'stuck']);

export function relevantSteps(history: History, graph: PhysicalGraph, violation: Violation, seeds: readonly number[]): number[] {
  const seedSet = new Set(seeds.filter((i) => i >= 0 && i < history.length));
  const checkpoint = 'checkpoint' in violation ? violation.checkpoint : undefined;
  const channel = 'channel' in violation ? violation.channel : undefined;
  const record = 'record' in violation ? violation.record : undefined;
  const tasks = tasksInvolved(history, graph, seedSet, channel);
  const inputs = new Set([...tasks].flatMap((t) => graph.tasks[t]?.inputs ?? []));
  const root = record === undefined ? undefined : /[A-Za-z]\w*\.\d+@\d+/.exec(record)?.[0];
  const core = new Set(seedSet);
  const journey = new Set<number>();
  history.forEach((event, i) => {
    if (ALWAYS.has(event.kind) || (violation.property === 'liveness' && (event.kind === 'livenessPhaseStarted' || event.kind === 'drained'))) core.add(i);
    if (checkpoint !== undefined && isLifecycle(event, checkpoint, tasks, inputs, channel)) core.add(i);
    const id = (event as { record?: { id?: string } }).record?.id;
    if (id !== undefined && (id === record || id === root)) journey.add(i);
    if (checkpoint !== undefined && (event.kind === 'blocked' || event.kind === 'unblocked') && tasks.has(event.task) && inputs.has(event.channel)) {
      journey.add(i);
    }
  });
  const all = new Set([...core, ...journey]);
  return [...(all.size > STEPS_SHOWN_MAX ? core : all)].sort((a, b) => a - b);
}

/** The tasks at the ends of the violation's channel, or else the tasks of the seed events. */
function tasksInvolved(history: History, graph: PhysicalGraph, seeds: ReadonlySet<number>, channel: number | undefined): Set<number> {
  const ends = channel === undefined ? undefined : graph.channels[channel];
  if (ends !== undefined) return new Set([ends.from, ends.to]);
  const tasks = new Set<number>();
  for (const i of seeds) {
    const task = (history[i] as { task?: unknown }).task;
    if (typeof task === 'number') tasks.add(task);
  }
  return tasks;
}

function isLifecycle(event: HistoryEvent, checkpoint: number, tasks: ReadonlySet<number>, inputs: ReadonlySet<number>, channel: number | undefined): boolean {
  switch (event.kind) {
    case 'triggered':
    case 'completed':
    case 'aborted':
      return event.checkpoint === checkpoint;
    case 'snapshotTaken':
      return event.checkpoint === checkpoint && tasks.has(event.task);
    case 'barrierSent':
      return event.checkpoint === checkpoint && (event.channel === channel || inputs.has(event.channel));
    case 'barrierReceived':
      return event.checkpoint === checkpoint && inputs.has(event.channel);
    case 'channelStateRecorded':
      return event.checkpoint === checkpoint && inputs.has(event.channel);
    default:
      return false;
  }
}
