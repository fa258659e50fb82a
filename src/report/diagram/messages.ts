// Message arrows: each `sent` matched with the `processed` that consumed it, each `barrierSent` with
// its `barrierReceived` and each cancellation marker with its arrival, per channel and in FIFO order
// (barriers per checkpoint, since a priority barrier overtakes records). A crash drops what is in
// flight: those arrows end at the crash. Records re-injected at a restore start at the restore.
import type { History, HistoryEvent } from '../../core/history.ts';
import type { PhysicalGraph } from '../../dataflow/physical.ts';
import { describeEvent } from '../describe.ts';

export interface Arrow {
  readonly kind: 'record' | 'barrier' | 'priority-barrier' | 'cancellation' | 'reinjected';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** The sending step and the receiving step (-1: dropped by a crash, or still in flight at the end). */
  readonly from: number;
  readonly to: number;
  readonly dropped: boolean;
  readonly text: string;
  /** The record's id (null for a barrier). */
  readonly record: string | null;
}

interface Pending {
  readonly kind: Arrow['kind'];
  readonly step: number;
  readonly key: string;
}

export function matchMessages(history: History, graph: PhysicalGraph, xOf: readonly number[], laneY: (t: number | null) => number): Arrow[] {
  const pending = new Map<number, Pending[]>();
  const arrows: Arrow[] = [];
  const endOf = (p: Pending, channel: number, to: number, x2: number, y2: number, why: string) => {
    const sender = graph.channels[channel]!.from;
    const text = `${describeEvent(history[p.step]!, graph)}\n${why}`;
    const record = p.kind === 'record' || p.kind === 'reinjected' ? p.key : null;
    arrows.push({ kind: p.kind, x1: xOf[p.step]!, y1: laneY(sender), x2, y2, from: p.step, to, dropped: to < 0, text, record });
  };
  const take = (channel: number, key: string): Pending | undefined => {
    const queue = pending.get(channel) ?? [];
    const at = queue.findIndex((p) => p.key === key);
    return at < 0 ? undefined : queue.splice(at, 1)[0];
  };
  history.forEach((event, step) => {
    const sending = sendingOf(event);
    if (sending !== null) {
      const queue = pending.get(sending.channel) ?? [];
      queue.push({ kind: sending.kind, step, key: sending.key });
      pending.set(sending.channel, queue);
    } else if (event.kind === 'processed' || event.kind === 'barrierReceived' || event.kind === 'cancellationReceived') {
      const key = event.kind === 'processed' ? event.record.id : `${event.kind === 'barrierReceived' ? 'barrier' : 'cancel'} ${event.checkpoint}`;
      const p = take(event.channel, key);
      if (p !== undefined) endOf(p, event.channel, step, xOf[step]!, laneY(event.task), `consumed at #${step} by ${graph.tasks[event.task]?.label}`);
    } else if (event.kind === 'crashed') {
      for (const [c, queue] of pending) {
        const [y1, y2] = [laneY(graph.channels[c]!.from), laneY(graph.channels[c]!.to)];
        for (const p of queue) endOf(p, c, -1, xOf[step]!, y1 + (y2 - y1) * DROPPED_REACH, `dropped by the crash at #${step}`);
      }
      pending.clear();
    }
  });
  const endX = Math.max(...xOf) + 10;
  for (const [c, queue] of pending) for (const p of queue) endOf(p, c, -1, endX, laneY(graph.channels[c]!.to), 'still in flight at the end of the run');
  return arrows;
}

/** What an event puts into a channel, if anything. */
function sendingOf(event: HistoryEvent): { channel: number; kind: Arrow['kind']; key: string } | null {
  switch (event.kind) {
    case 'sent':
      return { channel: event.channel, kind: 'record', key: event.record.id };
    case 'reinjected':
      return { channel: event.channel, kind: 'reinjected', key: event.record.id };
    case 'barrierSent':
      return { channel: event.channel, kind: event.priority ? 'priority-barrier' : 'barrier', key: `barrier ${event.checkpoint}` };
    case 'cancellationSent':
      return { channel: event.channel, kind: 'cancellation', key: `cancel ${event.checkpoint}` };
    default:
      return null;
  }
}

/** A message dropped by a crash never arrives: its arrow stops part of the way to the receiver's lane. */
const DROPPED_REACH = 0.6;
