// Validation of scenarios read from outside (files, bundles, user input): the schema first, then
// the topology rules and cross-references. Errors name the field.
import { z } from 'zod';
import { validateTopology } from '../dataflow/topology.ts';
import { SCENARIO_FORMAT_VERSION, type Scenario } from './scenario.ts';

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const smallInt = z.number().int().min(-1_000_000).max(1_000_000);

const nodeSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'node ids are identifiers (letters, digits, _)'),
  kind: z.enum(['source', 'sink', 'count', 'sum', 'digest', 'filter', 'map', 'flatMap', 'union', 'join', 'decrement']),
  parallelism: positive,
  param: z.number().int().optional(),
});

const edgeSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  partitioner: z.enum(['forward', 'hash', 'broadcast', 'rebalance']),
  side: z.union([z.literal(0), z.literal(1)]).optional(),
  backEdge: z.boolean().optional(),
});

const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('task-crash'), tick: count, task: count }),
  z.strictObject({ kind: z.literal('global-crash'), tick: count }),
  z.strictObject({ kind: z.literal('coordinator-crash'), tick: count }),
  z.strictObject({ kind: z.literal('upload-crash'), upload: count }),
  z.strictObject({ kind: z.literal('lost-trigger'), trigger: count }),
]);

export const scenarioSchema = z.strictObject({
  formatVersion: z.literal(SCENARIO_FORMAT_VERSION),
  strategy: z.string().min(1),
  strategyOptions: z.record(z.string(), z.number().int()).optional(),
  topology: z.strictObject({ nodes: z.array(nodeSchema).min(1), edges: z.array(edgeSchema) }),
  sourceLogs: z.record(z.string(), z.array(z.array(z.strictObject({ key: smallInt, value: smallInt })))),
  triggers: z.array(count),
  faults: z.array(faultSchema),
  timing: z.strictObject({
    channelCapacity: positive,
    deliveryDelayTicksMax: count,
    processingTicksMax: count,
    uploadTicksMax: count,
    rpcDelayTicksMax: count,
    restartTicks: positive,
    checkpointTimeoutTicks: positive,
    tolerableFailedCheckpoints: count.optional(),
  }),
  limits: z.strictObject({ faultWindowTicks: count, livenessTicksMax: positive, finalCheckpoint: z.boolean().optional() }),
  decisions: z.array(count),
});

export type ScenarioCheck = { ok: true; scenario: Scenario } | { ok: false; problem: string };

/** Validate unknown input as a Scenario; the problem is one line naming the offending field. */
export function parseScenario(input: unknown): ScenarioCheck {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return { ok: false, problem: `${where}: ${issue.message}` };
  }
  const scenario = parsed.data as Scenario;
  const problem = crossReferenceProblem(scenario);
  return problem === null ? { ok: true, scenario } : { ok: false, problem };
}

function crossReferenceProblem(scenario: Scenario): string | null {
  const topology = validateTopology(scenario.topology);
  if (!topology.ok) return `topology: ${topology.problem}`;
  for (const node of scenario.topology.nodes) {
    if (node.kind !== 'source') continue;
    const logs = scenario.sourceLogs[node.id];
    if (!logs || logs.length !== node.parallelism) {
      return `sourceLogs.${node.id}: expected one log per subtask (${node.parallelism}), got ${logs?.length ?? 'none'}`;
    }
  }
  for (const id of Object.keys(scenario.sourceLogs)) {
    if (!scenario.topology.nodes.some((n) => n.id === id && n.kind === 'source')) return `sourceLogs.${id}: no source node has this id`;
  }
  for (let i = 1; i < scenario.triggers.length; i++) {
    if (scenario.triggers[i]! < scenario.triggers[i - 1]!) return `triggers.${i}: trigger ticks must be ascending`;
  }
  return null;
}
