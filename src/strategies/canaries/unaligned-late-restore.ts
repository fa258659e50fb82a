// CANARY: falsely declares exactly-once. Unaligned, but after a restore it puts a channel's stored
// state back only when the first live record arrives on that channel, so the recovered records
// come after live data (reordered), or never when no live data comes (lost). The suites must find this.
import type { ChannelIndex } from '../../core/ids.ts';
import { AlternatingTask } from '../alternating/index.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';

class LateRestoreTask implements TaskStrategy {
  private readonly inner: AlternatingTask;
  private readonly deferred = new Set<ChannelIndex>();

  constructor(context: TaskContext) {
    this.inner = new AlternatingTask(context, { alignFirst: false, alignmentTimeoutTicks: 0 });
  }

  handle(event: StrategyEvent): readonly Effect[] {
    if (event.kind === 'restored') {
      for (const channel of event.channelsWithState) this.deferred.add(channel); // the bug: not now
      return [];
    }
    const effects = this.inner.handle(event);
    if (event.kind !== 'recordReceived' || !this.deferred.delete(event.channel)) return effects;
    return [...effects, { kind: 'replayChannelState', channel: event.channel }];
  }
}

export const unalignedLateRestore: CheckpointStrategy = {
  name: 'unaligned-late-restore',
  guarantee: 'exactly-once', // falsely
  supportsCycles: false,
  observesRecords: true,
  createTask: (context) => new LateRestoreTask(context),
};
