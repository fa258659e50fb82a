// Running configs: pick the engine (TLC when TLA2TOOLS_JAR and Java are available, else the
// embedded engine), run every job, and compare each result with the manifest.
import { availableParallelism } from 'node:os';
import { EmbeddedEngine } from './embedded-client.ts';
import { runEmbedded } from './embedded.ts';
import type { LoadedJob, ModelJob } from './job.ts';
import { runTlc, tlcFromEnvironment, type TlcOptions } from './tlc.ts';
import type { EngineKind, TlaResult } from './types.ts';

export type EngineChoice = 'auto' | 'embedded' | 'tlc';

export type EnginePlan = { readonly engine: 'embedded' } | { readonly engine: 'tlc'; readonly tlc: TlcOptions };

export type PlanOutcome = { readonly ok: true; readonly plan: EnginePlan } | { readonly ok: false; readonly message: string };

export function planEngine(choice: EngineChoice, env: NodeJS.ProcessEnv = process.env): PlanOutcome {
  if (choice === 'embedded') return { ok: true, plan: { engine: 'embedded' } };
  const tlc = tlcFromEnvironment(env);
  if (tlc) return { ok: true, plan: { engine: 'tlc', tlc } };
  if (choice === 'tlc') {
    const why = env.TLA2TOOLS_JAR ? `TLA2TOOLS_JAR=${env.TLA2TOOLS_JAR} is not a readable jar, or java does not run` : 'TLA2TOOLS_JAR is not set';
    return { ok: false, message: `--engine tlc needs tla2tools.jar and Java: ${why}` };
  }
  return { ok: true, plan: { engine: 'embedded' } };
}

/** Embedded jobs in parallel (one worker thread each); TLC already uses every core, so one at a time. */
export function defaultParallelism(engine: EngineKind): number {
  return engine === 'tlc' ? 1 : Math.max(1, Math.min(2, availableParallelism()));
}

function loadFailure(job: Extract<LoadedJob, { ok: false }>, engine: EngineKind): TlaResult {
  return { config: job.name, engine, verdict: { kind: 'parse-error', message: job.message, location: job.location }, distinctStates: null, timeMs: 0, counterexample: null };
}

/** Results in the order of `jobs`; `onResult` hears each as it finishes. */
export async function runJobs(jobs: readonly LoadedJob[], plan: EnginePlan, parallelism: number, onResult?: (result: TlaResult) => void): Promise<TlaResult[]> {
  const results: (TlaResult | undefined)[] = new Array(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    const engine = plan.engine === 'embedded' ? new EmbeddedEngine() : null;
    try {
      for (let i = next++; i < jobs.length; i = next++) {
        const loaded = jobs[i]!;
        const result = loaded.ok ? await runOne(loaded.job, plan, engine) : loadFailure(loaded, plan.engine);
        results[i] = result;
        onResult?.(result);
      }
    } finally {
      engine?.stop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallelism, jobs.length)) }, lane));
  return results.map((r) => r!);
}

function runOne(job: ModelJob, plan: EnginePlan, engine: EmbeddedEngine | null): Promise<TlaResult> {
  return plan.engine === 'tlc' ? runTlc(plan.tlc, job) : runEmbedded(engine!, job);
}
