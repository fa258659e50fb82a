// Steps the strategies share. At a source, on trigger n: snapshot the offset, inject barrier n on
// every output and acknowledge, as one atomic step; a trigger no newer than the last one is stale
// (an RPC that arrived late) and is ignored, as Flink does. Also the aligned checkpoint step,
// resuming inputs, replaying restored channel state, and recording received records.
import type { ChannelIndex, CheckpointId } from '../core/ids.ts';
import { NO_EFFECTS, type Effect } from './strategy.ts';

export class SourceBarrierInjector {
  private lastTriggered: CheckpointId = 0;

  triggered(checkpoint: CheckpointId): readonly Effect[] {
    if (checkpoint <= this.lastTriggered) return NO_EFFECTS; // mutation-equivalent(shift-boundary, off-by-one:checkpoint): the coordinator triggers each id once, so a trigger equal to the last one never arrives (checkpoint + 1 <= last is checkpoint < last)
    this.lastTriggered = checkpoint;
    return [
      { kind: 'snapshot', checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step; sending the barrier changes neither the state captured nor when the ack leaves (after the upload)
      { kind: 'forwardBarrier', checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step; sending the barrier changes neither the state captured nor when the ack leaves (after the upload)
      { kind: 'ack', checkpoint },
    ];
  }
}

/** The atomic checkpoint step of a task that has aligned: snapshot, forward, ack, resume inputs. */
export function checkpointAndResume(checkpoint: CheckpointId, channels: readonly number[]): Effect[] {
  const effects: Effect[] = [
    { kind: 'snapshot', checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step; sending the barrier changes neither the state captured nor when the ack leaves (after the upload)
    { kind: 'forwardBarrier', checkpoint }, // mutation-equivalent(swap-adjacent): one atomic step; sending the barrier changes neither the state captured nor when the ack leaves (after the upload)
    { kind: 'ack', checkpoint },
  ];
  for (const channel of channels) effects.push({ kind: 'unblock', channel });
  return effects;
}

export function unblockAll(channels: Iterable<number>): Effect[] {
  return [...channels].map((channel): Effect => ({ kind: 'unblock', channel }));
}

/** After a restore: put every input's channel state back, at once, ahead of any live data. */
export function replayAll(channelsWithState: readonly ChannelIndex[]): Effect[] {
  return channelsWithState.map((channel): Effect => ({ kind: 'replayChannelState', channel }));
}

/** A received record is channel state of every checkpoint still recording the channel it came on. */
export function persistWhereRecording(recording: ReadonlyMap<CheckpointId, ReadonlySet<ChannelIndex>>, channel: ChannelIndex): Effect[] {
  const effects: Effect[] = [];
  for (const [checkpoint, channels] of recording) if (channels.has(channel)) effects.push({ kind: 'persistReceived', checkpoint });
  return effects; // mutation-equivalent(early-unblock): a record arrives only on an input that is not paused, so resuming it changes nothing
}
