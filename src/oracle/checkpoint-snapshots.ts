// A completed checkpoint must hold one snapshot per task, taken in the attempt that triggered it.
// Cut and prefix consistency both need that before they can say anything else about the checkpoint.
import type { CheckpointFacts } from './history-index.ts';
import type { OracleContext } from './context.ts';
import { taskLabel } from './scenario-facts.ts';
import { violated, witness, type PropertyName, type Violation } from './verdict.ts';

export function snapshotProblem(context: OracleContext, property: PropertyName, checkpoint: CheckpointFacts): Violation | null {
  const { history, index, facts } = context;
  const n = checkpoint.id;
  const completed = witness(history, checkpoint.completedAt, `checkpoint ${n} completed`);
  if (checkpoint.triggeredAt < 0) {
    return violated(property, {
      witness: [completed],
      explanation: `Checkpoint ${n} completed (event #${checkpoint.completedAt}) but was never triggered, so it has no cut to check.`,
      checkpoint: n,
    });
  }
  const span = index.attempts[checkpoint.attempt]!;
  for (let task = 0; task < checkpoint.snapshotAt.length; task++) {
    const at = checkpoint.snapshotAt[task]!;
    if (at >= span.start && at < span.end) continue;
    const label = taskLabel(facts, task);
    const where = at < 0 ? 'never took a snapshot for it' : `took its snapshot (event #${at}) outside attempt ${span.ordinal}, where it was triggered`;
    return violated(property, {
      witness: at < 0 ? [completed] : [witness(history, checkpoint.triggeredAt, 'trigger'), witness(history, at, 'snapshot in another attempt'), completed],
      explanation: `Checkpoint ${n} completed (event #${checkpoint.completedAt}) although task ${label} ${where}, so the checkpoint holds no state of ${label} that belongs to its cut.`,
      checkpoint: n,
    });
  }
  return null;
}
