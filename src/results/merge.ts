// Merging the results of `snapcheck run --shard K/N` jobs into the result of the whole run. Each
// shard's suites carry their batches (tallies, and what decided each); the merge takes, per
// strategy, every batch up to the first one that found something, as an unsharded run counts them,
// so the merged verdicts, tallies and counterexample are those of one run with the same seed. A
// batch that the merge needs and no input has is an error: a missing shard is never a pass.
import { z } from 'zod';
import { BATCH_RUNS } from '../suite/batches.ts';
import type { ResultCase, Results, ResultSuite } from './results.ts';

const batchSchema = z.object({
  batch: z.number().int().nonnegative(),
  firstRun: z.number().int().nonnegative(),
  runs: z.number().int().nonnegative(),
  evaluated: z.number().int().nonnegative(),
  tallies: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
  outcome: z.object({ kind: z.enum(['passed', 'failed', 'contract-broken']) }).loose(),
});
const suiteDetailsSchema = z.object({
  guarantee: z.string(),
  seed: z.number().int(),
  runs: z.number().int().positive(),
  shard: z.object({ index: z.number().int(), count: z.number().int() }).nullable(),
  batches: z.array(batchSchema),
});

type PortableBatch = z.infer<typeof batchSchema>;

export interface MergeInput {
  readonly name: string;
  readonly results: Results;
}

export type MergeOutcome = { readonly ok: true; readonly suites: ResultSuite[]; readonly failed: string[]; readonly holding: number } | { readonly ok: false; readonly problem: string };

interface Part {
  readonly input: string;
  readonly suite: ResultSuite;
  readonly details: z.infer<typeof suiteDetailsSchema>;
}

export function mergeRunResults(inputs: readonly MergeInput[]): MergeOutcome {
  const groups = new Map<string, Part[]>();
  for (const input of inputs) {
    if (input.results.command !== 'run' && input.results.command !== 'merge') return { ok: false, problem: `${input.name} holds the results of snapcheck ${input.results.command}, not of snapcheck run` };
    for (const suite of input.results.suites) {
      const details = suiteDetailsSchema.safeParse(suite.details);
      if (!details.success) return { ok: false, problem: `${input.name}: suite ${suite.name} has no batches to merge (${details.error.issues[0]!.path.join('.')}: ${details.error.issues[0]!.message})` };
      groups.set(suite.name, [...(groups.get(suite.name) ?? []), { input: input.name, suite, details: details.data }]);
    }
  }
  const suites: ResultSuite[] = [];
  const failed: string[] = [];
  let holding = 0;
  for (const [name, parts] of groups) {
    const merged = mergeSuite(name, parts);
    if (!merged.ok) return merged;
    suites.push(merged.suite);
    holding += merged.suite.cases.filter((c) => c.status === 'passed').length;
    const focus = merged.suite.cases.find((c) => c.bundle !== undefined);
    if (focus !== undefined) failed.push(`${name} (${focus.name})`);
  }
  return { ok: true, suites, failed, holding };
}

function mergeSuite(name: string, parts: readonly Part[]): { ok: true; suite: ResultSuite } | { ok: false; problem: string } {
  const first = parts[0]!;
  const differing = parts.find((p) => p.details.seed !== first.details.seed || p.details.runs !== first.details.runs);
  if (differing !== undefined) return { ok: false, problem: `${name}: ${first.input} and ${differing.input} ran different suites (seed ${first.details.seed} vs ${differing.details.seed}, runs ${first.details.runs} vs ${differing.details.runs})` };
  const byBatch = new Map<number, { batch: PortableBatch; part: Part }>();
  for (const part of parts) {
    for (const batch of part.details.batches) {
      const seen = byBatch.get(batch.batch);
      if (seen !== undefined) return { ok: false, problem: `${name}: batch ${batch.batch} is in both ${seen.part.input} and ${part.input} (overlapping shards, or one file given twice)` };
      byBatch.set(batch.batch, { batch, part });
    }
  }
  const planned = Math.ceil(first.details.runs / BATCH_RUNS);
  let decisive = -1;
  for (let b = 0; b < planned && decisive === -1; b++) if ((byBatch.get(b)?.batch.outcome.kind ?? 'passed') !== 'passed') decisive = b;
  const needed = decisive === -1 ? planned : decisive + 1;
  const missing = Array.from({ length: needed }, (_, b) => b).filter((b) => !byBatch.has(b));
  if (missing.length > 0) {
    const shardCount = first.details.shard?.count;
    const lacking = shardCount === undefined ? '' : ` (shard${new Set(missing.map((b) => (b % shardCount) + 1)).size === 1 ? '' : 's'} ${[...new Set(missing.map((b) => `${(b % shardCount) + 1}/${shardCount}`))].join(', ')} missing?)`;
    return { ok: false, problem: `${name}: batches ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} of ${planned} are in no input${lacking}` };
  }
  const counted = Array.from({ length: needed }, (_, b) => byBatch.get(b)!);
  const decider = decisive === -1 ? null : byBatch.get(decisive)!;
  if (decider?.batch.outcome.kind === 'contract-broken') return { ok: false, problem: `${name}: the strategy broke its contract in batch ${decisive}: ${String(decider.batch.outcome.message)}` };
  const cases = first.suite.cases.map((template, i) => mergedCase(template, i, counted, decider));
  return {
    ok: true,
    suite: {
      name,
      kind: 'strategy',
      elapsedMs: parts.reduce((n, p) => n + (p.suite.elapsedMs ?? 0), 0),
      cases,
      details: {
        guarantee: first.details.guarantee,
        seed: first.details.seed,
        runs: first.details.runs,
        runsChecked: counted.reduce((n, c) => n + c.batch.runs, 0),
        shard: null,
        batches: counted.map((c) => c.batch),
      },
    },
  };
}

function mergedCase(template: ResultCase, index: number, counted: readonly { batch: PortableBatch }[], decider: { batch: PortableBatch; part: Part } | null): ResultCase {
  const [checked, notApplicable, violations] = [0, 1, 2].map((k) => counted.reduce((n, c) => n + (c.batch.tallies[index]?.[k] ?? 0), 0)) as [number, number, number];
  const details = { checked, notApplicable, violations };
  const focus = decider?.batch.outcome.property;
  if (decider !== null && template.name === focus) {
    const found = decider.part.suite.cases.find((c) => c.name === focus)!;
    return { ...found, details: { ...found.details, ...details } };
  }
  const base = { name: template.name, details };
  if (violations > 0) return { ...base, status: 'failed', message: `violated in ${violations} run(s)${focus === undefined ? '' : `; the counterexample shown is for ${String(focus)}`}` };
  if (checked === 0 && notApplicable > 0) return { ...base, status: 'skipped', message: `did not apply to any of the ${notApplicable} scenario(s) run` };
  return { ...base, status: 'passed' };
}
