// A mutation run: generate the mutants of the selected strategies' files, check that every
// strategy passes its own suite unmutated (else no mutant could survive and the score would mean
// nothing), judge every mutant in the worker pool, and collect the report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { Project } from 'ts-morph';
import { outputPath, readOriginalCached } from './compile.ts';
import { applyEdit, createProject, generateMutants } from './generate.ts';
import { MutationPool, type JobResult } from './pool.ts';
import type { JobMessage, JudgeSpec } from './protocol.ts';
import { scoreByOperator, scoreByTarget, scoreOf } from './score.ts';
import { changedLinesSince } from './since.ts';
import { dependents, runtimeClosure } from './targets.ts';
import type { JudgedTarget, Mutant, MutantOutcome, MutantResult, MutateOptions, MutationReport, MutationRun } from './types.ts';
export type { JudgedTarget, MutateOptions, MutationRun } from './types.ts';


export async function runMutation(options: MutateOptions): Promise<MutationRun> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const project = createProject(options.tsconfig ?? undefined);
  const files = [...new Set(options.targets.flatMap((t) => t.files))];
  const changed = options.since === null ? null : changedLinesSince(options.since, files);
  if (changed !== null && !changed.ok) return { ok: false, problem: changed.problem };
  const all = generateMutants(project, files, { root: options.root, ...(changed === null ? {} : { onlyLines: changed.lines }) });
  const mutants = options.filter ? all.filter(options.filter) : all;
  const closures = new Map(options.targets.map((t) => [t.name, runtimeClosure(project, t.entry)]));
  const tmp = mkdtempSync(join(tmpdir(), 'snapcheck-mutants-'));
  const init = { rootFiles: options.targets.map((t) => t.entry), tsconfig: options.tsconfig, seed: options.seed, runs: options.runs, regressionsDir: options.regressionsDir ?? null };
  const pool = new MutationPool(init, options.workers, options.budgetMs);
  try {
    const context: JobContext = { project, options, closures, tmp, readOriginal: readOriginalCached() };
    const failing = await baselineFailures(pool, context);
    if (failing.length > 0) return { ok: false, problem: `unmutated strategies already fail their suites: ${failing.join('; ')}` };
    let done = 0;
    const results = await Promise.all(
      mutants.map(async (mutant, i) => {
        const result = await judgeMutant(pool, context, mutant, i);
        options.onMutant?.(result, ++done, mutants.length);
        return result;
      }),
    );
    return { ok: true, report: buildReport(options, results, startedAt, performance.now() - started) };
  } finally {
    await pool.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface JobContext {
  readonly project: Project;
  readonly options: MutateOptions;
  readonly closures: ReadonlyMap<string, readonly string[]>;
  readonly tmp: string;
  readonly readOriginal: (path: string) => string;
}

/** Each strategy judged unmutated (its entry re-written as a no-op mutant): it must survive. */
async function baselineFailures(pool: MutationPool, context: JobContext): Promise<string[]> {
  const checks = context.options.targets.map(async (target, i) => {
    const text = context.readOriginal(target.entry);
    const result = await pool.run(jobFor(context, `baseline-${i}`, -1 - i, target.entry, text, [target]));
    if (result.kind === 'did-not-compile') return `${target.name}: ${result.detail}`;
    const outcome = result.outcomes.get(target.name);
    return outcome?.status === 'survived' ? null : `${target.name}: ${describeJudge(outcome)}`;
  });
  return (await Promise.all(checks)).filter((p): p is string => p !== null);
}

function describeJudge(outcome: ReturnType<Map<string, import('./pool.ts').JudgeOutcome>['get']>): string {
  if (outcome === undefined) return 'not judged';
  if (outcome.status === 'killed') return `${outcome.property} violated after ${outcome.runsToKill} run(s): ${outcome.detail}`;
  return outcome.status;
}

function judgesOf(context: JobContext, file: string): JudgedTarget[] {
  return context.options.targets.filter((t) => t.files.includes(file));
}

async function judgeMutant(pool: MutationPool, context: JobContext, mutant: Mutant, index: number): Promise<MutantResult> {
  const path = join(context.options.root, mutant.file);
  const judges = judgesOf(context, path);
  const names = judges.map((j) => j.name);
  if (mutant.equivalentReason !== undefined) return { mutant, judges: names, verdicts: {}, outcome: { status: 'equivalent', reason: mutant.equivalentReason }, elapsedMs: 0 };
  const text = applyEdit(context.readOriginal(path), mutant.edit);
  const result = await pool.run(jobFor(context, String(index), index, path, text, judges));
  return { mutant, judges: names, ...combine(result, context.options.budgetMs) };
}

function jobFor(context: JobContext, dir: string, jobId: number, file: string, text: string, judges: readonly JudgedTarget[]): JobMessage {
  const dirty = [...new Set(judges.flatMap((j) => dependents(context.project, context.closures.get(j.name)!, file)))];
  const root = commonDirectory([...dirty, ...judges.map((j) => j.entry)]);
  const outDir = join(context.tmp, dir);
  const specs: JudgeSpec[] = judges.map((j) => ({ name: j.name, entryOut: outputPath({ root, outDir }, j.entry), exportName: j.exportName, originalGuarantee: j.guarantee, originalSupportsCycles: j.supportsCycles }));
  return { jobId, mutatedFile: file, mutatedText: text, dirty, root, outDir, compile: true, judges: specs };
}

function commonDirectory(paths: readonly string[]): string {
  const split = paths.map((p) => dirname(p).split(sep));
  const common: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0]![i]); i++) common.push(split[0]![i]!);
  return common.join(sep) || sep;
}

function combine(result: JobResult, budgetMs: number): Pick<MutantResult, 'verdicts' | 'outcome' | 'elapsedMs'> {
  if (result.kind === 'did-not-compile') return { verdicts: {}, outcome: { status: 'did-not-compile', detail: result.detail }, elapsedMs: result.elapsedMs };
  const entries = [...result.outcomes];
  const verdicts = Object.fromEntries(entries.map(([name, o]) => [name, o.status]));
  const killer = entries.find(([, o]) => o.status === 'killed');
  let outcome: MutantOutcome;
  if (killer !== undefined && killer[1].status === 'killed') {
    outcome = { status: 'killed', by: killer[0], property: killer[1].property, runsToKill: killer[1].runsToKill, detail: killer[1].detail };
  } else if (entries.some(([, o]) => o.status === 'timed-out')) {
    outcome = { status: 'timed-out', budgetMs };
  } else {
    outcome = { status: 'survived', runs: Math.max(0, ...entries.map(([, o]) => (o.status === 'survived' ? o.runs : 0))) };
  }
  return { verdicts, outcome, elapsedMs: result.elapsedMs };
}

function buildReport(options: MutateOptions, results: MutantResult[], startedAt: string, elapsedMs: number): MutationReport {
  const judged = results.filter((r) => r.outcome.status !== 'equivalent').length;
  return {
    format: 'snapcheck-mutation-report',
    version: 1,
    settings: { seed: options.seed, runs: options.runs, budgetMs: options.budgetMs, workers: options.workers, since: options.since },
    startedAt,
    elapsedMs,
    mutantsPerMinute: elapsedMs === 0 ? 0 : (judged * 60_000) / elapsedMs,
    overall: scoreOf(results.map((r) => r.outcome.status)),
    byTarget: scoreByTarget(results, options.targets.map((t) => t.name)),
    byOperator: scoreByOperator(results),
    results,
  };
}
