// CANARY: falsely declares exactly-once (and so liveness). Aligned, but every task after the
// sources declines where it should acknowledge, as a task whose snapshot upload always fails would.
// No checkpoint ever completes, so every recovery restarts from the beginning: every state check
// holds. Only the final checkpoint, taken once the job has drained, shows that checkpointing
// never makes progress.
import { AlignedTask } from '../aligned/index.ts';
import type { CheckpointStrategy, Effect, StrategyEvent, TaskContext, TaskStrategy } from '../strategy.ts';

class DeclinesInsteadOfAckTask implements TaskStrategy {
  private readonly inner: AlignedTask;

  constructor(private readonly context: TaskContext) {
    this.inner = new AlignedTask(context);
  }

  handle(event: StrategyEvent): readonly Effect[] {
    const effects = this.inner.handle(event);
    if (this.context.isSource) return effects;
    return effects.map((e): Effect => (e.kind === 'ack' ? { kind: 'decline', checkpoint: e.checkpoint, reason: 'snapshot upload failed' } : e));
  }
}

export const neverCompletes: CheckpointStrategy = {
  name: 'never-completes',
  guarantee: 'exactly-once', // falsely
  supportsCycles: false,
  createTask: (context) => new DeclinesInsteadOfAckTask(context),
};
