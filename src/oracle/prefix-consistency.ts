// Prefix consistency: every completed checkpoint n is the state of a failure-free run over the source
// prefixes [0, sourceOffset) it recorded. Its task snapshots, with its channel state replayed through
// the dataflow until quiet, merged per logical node, must equal the reference evaluator over those
// prefixes. Checkpoints are visited in id order and the reference is poured prefix by prefix, so all
// checkpoints of a run together cost about one pass over the logs.
import type { EventOf, TaskSnapshot } from '../core/history.ts';
import type { TaskIndex } from '../core/ids.ts';
import { snapshotProblem } from './checkpoint-snapshots.ts';
import type { OracleContext } from './context.ts';
import { completedCheckpoints, type CheckpointFacts } from './history-index.ts';
import { firstNodeDifference, mergeNodeStates, type NodeStates } from './node-states.ts';
import { ReferenceEvaluator } from './reference.ts';
import { taskLabel, type ScenarioFacts } from './scenario-facts.ts';
import { recordAt } from './sequences.ts';
import { ok, violated, witness, type Verdict, type Violation } from './verdict.ts';

const PROPERTY = 'prefix-consistency';

export function checkPrefixConsistency(context: OracleContext): Verdict {
  const reference = new PrefixReference(context.facts);
  for (const checkpoint of completedCheckpoints(context.index)) {
    const problem = snapshotProblem(context, PROPERTY, checkpoint) ?? malformedSnapshot(context, checkpoint);
    if (problem !== null) return problem;
    const snapshots = snapshotEvents(context, checkpoint);
    const prefixes = snapshots.map((s) => s.sourceOffset);
    const expected = reference.over(prefixes);
    const actual = checkpointStates(context, checkpoint, snapshots);
    const names = { expected: 'the reference', actual: `checkpoint ${checkpoint.id}` };
    const difference = firstNodeDifference(context.facts, expected, actual, names);
    if (difference === null) continue;
    const tasks = context.facts.graph.tasksOfNode.get(difference.node.id) ?? [];
    const replayed = checkpoint.channelState.size > 0 ? ', after replaying its channel state,' : '';
    return violated(PROPERTY, {
      witness: tasks.map((t) => witness(context.history, checkpoint.snapshotAt[t]!, `snapshot of ${taskLabel(context.facts, t)}`)),
      explanation:
        `Checkpoint ${checkpoint.id} is not the state of a failure-free run over its source prefixes (${describePrefixes(context.facts, prefixes)}): ` +
        `the merged state of node ${difference.node.id}${replayed} differs from the reference evaluator: ${difference.diff}.`,
      checkpoint: checkpoint.id,
    });
  }
  return ok(PROPERTY);
}

/** The reference over growing prefixes; starts over only when some prefix shrinks. */
class PrefixReference {
  private evaluator: ReferenceEvaluator;

  constructor(private readonly facts: ScenarioFacts) {
    this.evaluator = new ReferenceEvaluator(facts);
  }

  over(prefixes: readonly (number | null)[]): NodeStates {
    const shrinks = this.facts.sourceTasks.some((t) => (prefixes[t] ?? 0) < this.evaluator.offsetOf(t));
    if (shrinks) this.evaluator = new ReferenceEvaluator(this.facts);
    for (const task of this.facts.sourceTasks) this.evaluator.pourSource(task, prefixes[task] ?? 0);
    return this.evaluator.nodeStates();
  }
}

function snapshotEvents(context: OracleContext, checkpoint: CheckpointFacts): EventOf<'snapshotTaken'>[] {
  return checkpoint.snapshotAt.map((at) => context.history[at] as EventOf<'snapshotTaken'>);
}

function checkpointStates(context: OracleContext, checkpoint: CheckpointFacts, snapshots: readonly EventOf<'snapshotTaken'>[]): NodeStates {
  const states: TaskSnapshot[] = snapshots.map((s) => s.state);
  if (checkpoint.channelState.size === 0) return mergeNodeStates(context.facts, states.map((s) => s.operator));
  const evaluator = new ReferenceEvaluator(context.facts, states);
  const channels = [...checkpoint.channelState.keys()].sort((a, b) => a - b);
  evaluator.deliverAll(channels.flatMap((channel) => checkpoint.channelState.get(channel)!.map((at) => [channel, recordAt(context.history, at)] as const)));
  return evaluator.nodeStates();
}

/** A source offset outside its log, or rebalance counters that do not fit the task's output edges. */
function malformedSnapshot(context: OracleContext, checkpoint: CheckpointFacts): Violation | null {
  const { facts, history } = context;
  for (let task = 0; task < checkpoint.snapshotAt.length; task++) {
    const at = checkpoint.snapshotAt[task]!;
    const problem = snapshotShapeProblem(facts, task, history[at] as EventOf<'snapshotTaken'>);
    if (problem === null) continue;
    return violated(PROPERTY, {
      witness: [witness(history, at, problem)],
      explanation: `Checkpoint ${checkpoint.id} holds a malformed snapshot of ${taskLabel(facts, task)} (event #${at}): ${problem}.`,
      checkpoint: checkpoint.id,
    });
  }
  return null;
}

function snapshotShapeProblem(facts: ScenarioFacts, task: TaskIndex, snapshot: EventOf<'snapshotTaken'>): string | null {
  const log = facts.logs[task];
  const offset = snapshot.sourceOffset;
  if (log !== null && log !== undefined && (offset === null || !Number.isInteger(offset) || offset < 0 || offset > log.length)) {
    return `source offset ${offset} is outside its log of ${log.length} records`;
  }
  const outputs = facts.graph.tasks[task]!.outputs;
  const counters = snapshot.state.roundRobin;
  const fits = counters.length === outputs.length && counters.every((c) => Number.isInteger(c) && c >= 0);
  return fits ? null : `rebalance counters ${JSON.stringify(counters)} are not one non-negative integer per output edge (${outputs.length})`;
}

function describePrefixes(facts: ScenarioFacts, prefixes: readonly (number | null)[]): string {
  return facts.sourceTasks.map((t) => `${taskLabel(facts, t)} [0, ${prefixes[t]})`).join(', ');
}
