// The workload file format: JSON validated with zod, then checked like any scenario (the topology
// rules, one log per source subtask). Every problem is one line naming the field.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseScenario, scenarioSchema } from '../scenario/scenario-schema.ts';
import { buildScenario, type Workload } from './workload.ts';

export const WORKLOAD_FORMAT = 'snapcheck-workload';
export const WORKLOAD_FORMAT_VERSION = 1;

/** Bounds that keep a comparison finite and its PRNG draws exact. */
export const RECORDS_PER_SUBTASK_MAX = 10_000;
export const KEYS_MAX = 10_000;
export const VALUE_MAX = 1_000_000;
export const TRIGGERS_MAX = 10_000;
export const RANDOM_CRASHES_MAX = 100;

const tick = z.number().int().nonnegative();
const recordSchema = z.strictObject({ key: z.number().int().min(-1_000_000).max(1_000_000), value: z.number().int().min(-1_000_000).max(1_000_000) });

const sourceSchema = z
  .strictObject({
    records: z.number().int().min(1).max(RECORDS_PER_SUBTASK_MAX).optional(),
    keys: z.number().int().min(1).max(KEYS_MAX).optional(),
    hotKeyPercent: z.number().int().min(0).max(100).optional(),
    valueMax: z.number().int().min(1).max(VALUE_MAX).optional(),
    logs: z.array(z.array(recordSchema).max(RECORDS_PER_SUBTASK_MAX)).optional(),
  })
  .refine((s) => (s.logs === undefined) === (s.records !== undefined && s.keys !== undefined), 'give either "logs" (one list of {key, value} per subtask) or "records" and "keys"');

const checkpointsSchema = z
  .strictObject({
    fromTick: tick.optional(),
    everyTicks: z.number().int().min(1).optional(),
    untilTick: tick.optional(),
    triggers: z.array(tick).max(TRIGGERS_MAX).optional(),
  })
  .refine((c) => (c.triggers === undefined) === (c.fromTick !== undefined && c.everyTicks !== undefined && c.untilTick !== undefined), 'give either "triggers" (ticks) or "fromTick", "everyTicks" and "untilTick"')
  .refine((c) => c.triggers !== undefined || (c.untilTick! - c.fromTick!) / c.everyTicks! < TRIGGERS_MAX, `at most ${TRIGGERS_MAX} triggers`);

export const workloadFileSchema = z.strictObject({
  format: z.literal(WORKLOAD_FORMAT),
  formatVersion: z.literal(WORKLOAD_FORMAT_VERSION),
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, 'a workload name is letters, digits and _ . @ - (starting with a letter or digit)'),
  description: z.string().optional(),
  sweep: z.strictObject({ family: z.string().min(1), axis: z.string().min(1), value: z.number() }).optional(),
  topology: scenarioSchema.shape.topology,
  sources: z.record(z.string(), sourceSchema),
  checkpoints: checkpointsSchema,
  faults: scenarioSchema.shape.faults.optional(),
  randomCrashes: z
    .strictObject({
      count: z.number().int().min(0).max(RANDOM_CRASHES_MAX),
      fromTick: tick,
      untilTick: tick,
      kinds: z.array(z.enum(['task-crash', 'global-crash', 'coordinator-crash'])).min(1).optional(),
    })
    .refine((r) => r.untilTick > r.fromTick, { message: 'untilTick must be after fromTick', path: ['untilTick'] })
    .optional(),
  timing: scenarioSchema.shape.timing.partial().optional(),
  limits: scenarioSchema.shape.limits.partial().optional(),
  strategyOptions: z.record(z.string(), z.number().int()).optional(),
});

export type WorkloadCheck = { readonly ok: true; readonly workload: Workload } | { readonly ok: false; readonly problem: string };

/** Validate parsed JSON as a workload: the schema, the sources against the topology, then the scenario rules. */
export function parseWorkload(input: unknown): WorkloadCheck {
  const parsed = workloadFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}` };
  }
  const { format: _format, formatVersion: _version, description, checkpoints, ...rest } = parsed.data;
  const schedule = checkpoints.triggers !== undefined ? { triggers: checkpoints.triggers } : { fromTick: checkpoints.fromTick!, everyTicks: checkpoints.everyTicks!, untilTick: checkpoints.untilTick! };
  const workload = { ...rest, description: description ?? rest.name, checkpoints: schedule } as Workload;
  const problem = sourcesProblem(workload) ?? scenarioProblem(workload);
  return problem === null ? { ok: true, workload } : { ok: false, problem };
}

function sourcesProblem(workload: Workload): string | null {
  const sources = workload.topology.nodes.filter((n) => n.kind === 'source');
  for (const node of sources) {
    const spec = workload.sources[node.id];
    if (spec === undefined) return `sources: no entry for source node "${node.id}"`;
    if ('logs' in spec && spec.logs.length !== node.parallelism) return `sources.${node.id}.logs: expected one log per subtask (${node.parallelism}), got ${spec.logs.length}`;
  }
  const unknown = Object.keys(workload.sources).find((id) => !sources.some((n) => n.id === id));
  if (unknown !== undefined) return `sources.${unknown}: no source node has this id`;
  if ('triggers' in workload.checkpoints) {
    const triggers = workload.checkpoints.triggers;
    const at = triggers.findIndex((t, i) => i > 0 && t < triggers[i - 1]!);
    if (at > 0) return `checkpoints.triggers.${at}: trigger ticks must be ascending`;
  }
  return null;
}

/** The scenario rules (topology, cross-references), on the scenario of the first seed. */
function scenarioProblem(workload: Workload): string | null {
  const check = parseScenario(JSON.parse(JSON.stringify(buildScenario(workload, 1))));
  return check.ok ? null : check.problem;
}

/** Read and validate a workload file; every problem names the file. */
export function readWorkloadFile(path: string): WorkloadCheck {
  if (!existsSync(path)) return { ok: false, problem: `workload file ${path} does not exist` };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: `workload file ${path} cannot be read: ${(error as Error).message}` };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `workload file ${path} is not valid JSON: ${(error as Error).message}` };
  }
  const check = parseWorkload(input);
  return check.ok ? check : { ok: false, problem: `workload file ${path}: ${check.problem}` };
}
