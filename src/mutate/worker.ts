// A mutation worker: compiles each mutant it is sent, loads it from its own directory and judges
// it with each requested strategy suite, reporting every verdict as soon as it has it (so a
// time-out costs only the suite that was running).
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { materialize, MutantTypeChecker, projectCompilerOptions, readOriginalCached } from './compile.ts';
import { judge, pinnedScenarios, type PinnedScenario, type Verdict } from './kill.ts';
import type { JobMessage, JudgeSpec, WorkerInit, WorkerReply } from './protocol.ts';

const init = workerData as WorkerInit;
const readOriginal = readOriginalCached();
let checker: MutantTypeChecker | null = null;
const pinnedByJudge = new Map<string, readonly PinnedScenario[]>();

function post(reply: WorkerReply): void {
  parentPort!.postMessage(reply);
}

function typeCheck(job: JobMessage): string | null {
  checker ??= new MutantTypeChecker(init.rootFiles, init.tsconfig === null ? { strict: true, allowImportingTsExtensions: true, noEmit: true } : projectCompilerOptions(init.tsconfig));
  return checker.check(job.mutatedFile, job.mutatedText);
}

async function judgeWith(spec: JudgeSpec): Promise<Verdict> {
  let strategy: CheckpointStrategy;
  try {
    const module = (await import(pathToFileURL(spec.entryOut).href)) as Record<string, unknown>;
    strategy = module[spec.exportName] as CheckpointStrategy;
    if (typeof strategy?.createTask !== 'function') throw new Error(`export ${spec.exportName} is no longer a strategy`);
  } catch (error) {
    return { status: 'killed', property: 'load', runsToKill: 0, detail: `the mutated module failed to load: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!pinnedByJudge.has(spec.name)) pinnedByJudge.set(spec.name, init.regressionsDir === null ? [] : pinnedScenarios(init.regressionsDir, spec.name));
  return judge(strategy, { guarantee: spec.originalGuarantee, supportsCycles: spec.originalSupportsCycles }, init, pinnedByJudge.get(spec.name));
}

async function handle(job: JobMessage): Promise<void> {
  if (job.compile) {
    const error = typeCheck(job);
    if (error !== null) {
      post({ kind: 'compile-error', jobId: job.jobId, detail: error });
      return post({ kind: 'done', jobId: job.jobId });
    }
    materialize(job, readOriginal);
  }
  for (const spec of job.judges) {
    post({ kind: 'judging', jobId: job.jobId, judge: spec.name });
    post({ kind: 'judged', jobId: job.jobId, judge: spec.name, verdict: await judgeWith(spec) });
  }
  post({ kind: 'done', jobId: job.jobId });
}

parentPort!.on('message', (job: JobMessage) => {
  handle(job).catch((error: unknown) => {
    post({ kind: 'compile-error', jobId: job.jobId, detail: `worker failure: ${error instanceof Error ? error.stack : String(error)}` });
    post({ kind: 'done', jobId: job.jobId });
  });
});
post({ kind: 'ready' });
