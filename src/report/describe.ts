// Human-readable descriptions of History events, with task and channel labels instead of indices.
import type { HistoryEvent } from '../core/history.ts';
import type { PhysicalGraph } from '../dataflow/physical.ts';

export function describeEvent(event: HistoryEvent, graph: PhysicalGraph): string {
  const task = (i: number | null) => (i === null ? 'all tasks' : (graph.tasks[i]?.label ?? `task#${i}`));
  const channel = (i: number) => graph.channels[i]?.label ?? `channel#${i}`;
  const at = `t=${event.tick}`;
  switch (event.kind) {
    case 'read':
      return `${at} ${task(event.task)} reads offset ${event.offset}: ${event.record.id} (key ${event.record.key})`;
    case 'sent':
      return `${at} ${task(event.task)} sends ${event.record.id} on ${channel(event.channel)}`;
    case 'processed':
      return `${at} ${task(event.task)} processes ${event.record.id} from ${channel(event.channel)}`;
    case 'barrierSent':
      return `${at} ${task(event.task)} sends ${event.priority ? 'priority ' : ''}barrier ${event.checkpoint} on ${channel(event.channel)}`;
    case 'barrierReceived':
      return `${at} ${task(event.task)} receives ${event.priority ? 'priority ' : ''}barrier ${event.checkpoint} on ${channel(event.channel)}`;
    case 'cancellationSent':
      return `${at} ${task(event.task)} sends a cancellation marker for checkpoint ${event.checkpoint} on ${channel(event.channel)}`;
    case 'cancellationReceived':
      return `${at} ${task(event.task)} receives a cancellation marker for checkpoint ${event.checkpoint} on ${channel(event.channel)}`;
    case 'sourcePaused':
      return `${at} ${task(event.task)} pauses reading its log`;
    case 'sourceResumed':
      return `${at} ${task(event.task)} resumes reading its log`;
    case 'blocked':
      return `${at} ${task(event.task)} blocks ${channel(event.channel)}`;
    case 'unblocked':
      return `${at} ${task(event.task)} unblocks ${channel(event.channel)}`;
    case 'snapshotTaken':
      return `${at} ${task(event.task)} snapshots checkpoint ${event.checkpoint}${event.sourceOffset === null ? '' : ` at offset ${event.sourceOffset}`}`;
    case 'channelStateRecorded':
      return `${at} ${task(event.task)} records ${event.record.id} (position ${event.position}) as channel state of ${channel(event.channel)} for checkpoint ${event.checkpoint}`;
    case 'reinjected':
      return `${at} restore re-injects ${event.record.id} into ${channel(event.channel)}`;
    case 'uploaded':
      return `${at} ${task(event.task)} finished writing its snapshot of checkpoint ${event.checkpoint}`;
    case 'acked':
      return `${at} coordinator receives ${task(event.task)}'s ack of checkpoint ${event.checkpoint}`;
    case 'declined':
      return `${at} coordinator receives ${task(event.task)}'s decline of checkpoint ${event.checkpoint} (${event.reason})`;
    case 'triggered':
      return `${at} coordinator triggers checkpoint ${event.checkpoint}`;
    case 'triggerLost':
      return `${at} the trigger of checkpoint ${event.checkpoint} to ${task(event.to)} is lost (fault): it never starts that checkpoint`;
    case 'completed':
      return `${at} coordinator completes checkpoint ${event.checkpoint}`;
    case 'aborted':
      return `${at} coordinator aborts checkpoint ${event.checkpoint} (${event.reason})`;
    case 'notified':
      return `${at} ${task(event.task)} is notified that checkpoint ${event.checkpoint} ${event.outcome}`;
    case 'crashed':
      return `${at} CRASH (${event.fault}${event.task === null ? '' : ` of ${task(event.task)}`}): the job fails over`;
    case 'restored':
      return `${at} every task restored from ${event.checkpoint === null ? 'the initial state' : `checkpoint ${event.checkpoint}`} (attempt ${event.attempt})`;
    case 'livenessPhaseStarted':
      return `${at} liveness phase starts: no more faults`;
    case 'drained':
      return `${at} the job has drained: the final checkpoint follows and must complete`;
    case 'quiesced':
      return `${at} the job is quiescent`;
    case 'stuck':
      return `${at} STUCK: ${event.reason}`;
    case 'finalState':
      return `${at} final state of ${task(event.task)}`;
    default:
      return describeGeneric(event as HistoryEvent, at, task, channel);
  }
}

/** A kind this module has no sentence for yet (a newer simulator's): its name in words and its fields. */
function describeGeneric(event: HistoryEvent, at: string, task: (i: number | null) => string, channel: (i: number) => string): string {
  const fields = event as unknown as Record<string, unknown>;
  const words = String(fields.kind).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const parts = [at];
  if (typeof fields.task === 'number') parts.push(task(fields.task));
  parts.push(words);
  if (typeof fields.checkpoint === 'number') parts.push(`checkpoint ${fields.checkpoint}`);
  const record = fields.record as { id?: unknown } | undefined;
  if (typeof record?.id === 'string') parts.push(record.id);
  if (typeof fields.channel === 'number') parts.push(`on ${channel(fields.channel)}`);
  return parts.join(' ');
}
