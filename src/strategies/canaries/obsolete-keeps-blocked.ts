// CANARY: falsely declares exactly-once (and so liveness). Aligned, but an obsolete barrier (of a
// checkpoint subsumed or aborted here) leaves its channel paused, as a handler that forgot Flink's
// resumeConsumption would: the channel never flows again. The liveness check must find this.
import { AlignedTask } from '../aligned/index.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';

class KeepsObsoleteBlockedTask implements TaskStrategy {
  private readonly inner: AlignedTask;

  constructor(context: TaskContext) {
    this.inner = new AlignedTask(context);
  }

  handle(event: StrategyEvent): readonly Effect[] {
    const effects = this.inner.handle(event);
    // Aligned answers an obsolete barrier with exactly one effect: resuming that channel. Drop it.
    const onlyResumesIt = event.kind === 'barrierReceived' && effects.length === 1 && isUnblockOf(effects[0]!, event.channel);
    return onlyResumesIt ? [] : effects;
  }
}

function isUnblockOf(effect: Effect, channel: number): boolean {
  return effect.kind === 'unblock' && effect.channel === channel;
}

export const obsoleteKeepsBlocked: CheckpointStrategy = {
  name: 'obsolete-keeps-blocked',
  guarantee: 'exactly-once', // falsely
  supportsCycles: false,
  createTask: (context) => new KeepsObsoleteBlockedTask(context),
};
