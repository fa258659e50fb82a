// What the end-to-end properties (exactly-once, at-least-once) read at the end of a quiesced run:
// one `finalState` per task, and every source at the end of its log.
import type { EventOf } from '../core/history.ts';
import type { OracleContext } from './context.ts';
import { taskLabel } from './scenario-facts.ts';
import { violated, witness, type PropertyName, type Violation } from './verdict.ts';

/** Why an end-to-end property says nothing about this run (it never quiesced). */
export function notQuiescedReason(context: OracleContext): string {
  const { index, history } = context;
  if (index.stuckAt >= 0) {
    const stuck = history[index.stuckAt] as EventOf<'stuck'>;
    return `the run did not quiesce (stuck at event #${index.stuckAt}: ${stuck.reason}); liveness reports it`;
  }
  return 'the run did not quiesce (the History has no quiesced event); liveness reports it';
}

/** The finalState events per task, or a violation naming the first task without one. */
export function finalStates(context: OracleContext, property: PropertyName): EventOf<'finalState'>[] | Violation {
  const { index, history, facts } = context;
  const missing = index.finalStateAt.indexOf(-1);
  if (missing < 0) return index.finalStateAt.map((at) => history[at] as EventOf<'finalState'>);
  return violated(property, {
    witness: [witness(history, index.quiescedAt, 'the run quiesced')],
    explanation: `The run quiesced (event #${index.quiescedAt}) but recorded no final state for task ${taskLabel(facts, missing)}, so its end result cannot be checked.`,
  });
}

/** Every source must have read its whole log by the end of a quiesced run. */
export function unfinishedSource(context: OracleContext, property: PropertyName, finals: readonly EventOf<'finalState'>[]): Violation | null {
  const { index, history, facts } = context;
  for (const task of facts.sourceTasks) {
    const length = facts.logs[task]!.length;
    const offset = finals[task]!.sourceOffset;
    if (offset === length) continue;
    const label = taskLabel(facts, task);
    return violated(property, {
      witness: [witness(history, index.finalStateAt[task]!, `final offset of ${label}`)],
      explanation: `Source ${label} ended at offset ${offset} but its log holds ${length} records: ${offset === null || offset < length ? 'records were never read' : 'it read past its log'}, although the run quiesced.`,
    });
  }
  return null;
}
