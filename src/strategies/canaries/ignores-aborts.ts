// CANARY: aligned, but deaf to aborts: it ignores the coordinator's abort notifications and the
// cancellation markers of upstream tasks, so an input paused for an aborted checkpoint stays paused
// until a newer barrier happens to arrive on the other inputs (Flink resumes it at once). No data is
// lost or duplicated, so every state check holds; the barrier protocol sees the input held for
// nothing, and when a source lost the trigger of the checkpoint being aligned and no newer barrier
// comes, the input stays paused for good (liveness).
import { AlignedTask } from '../aligned/index.ts';
import { NO_EFFECTS, type CheckpointStrategy, type Effect, type StrategyEvent, type TaskContext, type TaskStrategy } from '../strategy.ts';

class IgnoresAbortsTask implements TaskStrategy {
  private readonly inner: AlignedTask;

  constructor(context: TaskContext) {
    this.inner = new AlignedTask(context);
  }

  handle(event: StrategyEvent): readonly Effect[] {
    if (event.kind === 'checkpointAborted' || event.kind === 'cancellationReceived') return NO_EFFECTS;
    return this.inner.handle(event);
  }
}

export const ignoresAborts: CheckpointStrategy = {
  name: 'ignores-aborts',
  guarantee: 'exactly-once', // falsely: it keeps the state guarantee, not the protocol every guarantee implies
  supportsCycles: false,
  createTask: (context) => new IgnoresAbortsTask(context),
};
