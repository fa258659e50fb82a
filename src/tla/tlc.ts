// Model checking with TLC from tla2tools.jar (when TLA2TOOLS_JAR names one and Java runs): SANY
// with -error-codes first, then TLC with explicit workers, heap, a temporary metadir and a JSON
// counterexample dump. Both run on a temporary copy of the module and config, so nothing TLC
// writes (states, trace-exploration specs) lands in spec/.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ModelJob } from './job.ts';
import { parseSanyOutput, parseTlcJsonTrace, parseTlcOutput, parseTlcTextTrace } from './tlc-output.ts';
import type { TlaResult, Verdict } from './types.ts';

export interface TlcOptions {
  readonly jar: string;
  readonly java: string;
  /** TLC's -workers: a count or "auto". */
  readonly workers: string;
  /** The JVM heap, e.g. "2g" (-Xmx). */
  readonly heap: string;
}

export const DEFAULT_TLC_HEAP = '2g';

/** TLC options when TLA2TOOLS_JAR names an existing jar and `java -version` runs; otherwise null. */
export function tlcFromEnvironment(env: NodeJS.ProcessEnv = process.env): TlcOptions | null {
  const jar = env.TLA2TOOLS_JAR;
  if (jar === undefined || jar === '' || !existsSync(jar)) return null;
  const java = env.JAVA ?? 'java';
  const probe = spawnSync(java, ['-version'], { stdio: 'ignore', timeout: 20_000 });
  if (probe.status !== 0) return null;
  return { jar, java, workers: env.TLC_WORKERS ?? 'auto', heap: env.TLC_HEAP ?? DEFAULT_TLC_HEAP };
}

interface Exec {
  readonly code: number | null;
  readonly output: string;
  readonly timedOut: boolean;
}

function exec(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<Exec> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: `${output}\n${error.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

export async function runTlc(options: TlcOptions, job: ModelJob): Promise<TlaResult> {
  const started = performance.now();
  const workdir = mkdtempSync(join(tmpdir(), 'snapcheck-tlc-'));
  const finish = (verdict: Verdict, distinctStates: number | null, counterexample: TlaResult['counterexample'] = null): TlaResult => {
    rmSync(workdir, { recursive: true, force: true });
    return { config: job.name, engine: 'tlc', verdict, distinctStates, timeMs: Math.round(performance.now() - started), counterexample };
  };
  try {
    const moduleName = basename(job.modulePath).replace(/\.tla$/, '');
    copyFileSync(job.modulePath, join(workdir, `${moduleName}.tla`));
    copyFileSync(job.cfgPath, join(workdir, 'model.cfg'));
    const jvm = [`-Xmx${options.heap}`, '-XX:+UseParallelGC', '-cp', options.jar];
    const sany = await exec(options.java, [...jvm, 'tla2sany.SANY', '-error-codes', `${moduleName}.tla`], workdir, job.timeoutMs);
    if (sany.timedOut) return finish({ kind: 'error', reason: 'timeout', message: 'SANY did not finish in time' }, null);
    const parsed = parseSanyOutput(sany.output, sany.code, job.moduleFile, moduleName);
    if (!parsed.ok) return finish({ kind: 'parse-error', message: parsed.message, location: parsed.location }, null);
    const left = Math.max(1000, job.timeoutMs - (performance.now() - started));
    const tracePath = join(workdir, 'trace.json');
    const tlcArgs = ['-workers', options.workers, '-metadir', join(workdir, 'states'), '-dumpTrace', 'json', tracePath, '-config', 'model.cfg', `${moduleName}.tla`];
    const tlc = await exec(options.java, [...jvm, 'tlc2.TLC', ...tlcArgs], workdir, left);
    if (tlc.timedOut) return finish({ kind: 'error', reason: 'timeout', message: `TLC did not finish within ${Math.round(job.timeoutMs / 1000)} s` }, null);
    const outcome = parseTlcOutput(tlc.output, tlc.code, job.cfg);
    return finish(outcome.verdict, outcome.distinctStates, counterexampleOf(tracePath, tlc.output, outcome.verdict));
  } catch (error) {
    return finish({ kind: 'error', reason: 'engine', message: (error as Error).message }, null);
  }
}

function counterexampleOf(tracePath: string, output: string, verdict: Verdict): TlaResult['counterexample'] {
  if (verdict.kind !== 'invariant-violated' && verdict.kind !== 'liveness-violated' && verdict.kind !== 'deadlock') return null;
  if (existsSync(tracePath)) {
    try {
      const parsed = parseTlcJsonTrace(JSON.parse(readFileSync(tracePath, 'utf8')), verdict.kind === 'liveness-violated');
      if (parsed) return parsed;
    } catch {
      // fall back to the printed trace
    }
  }
  return parseTlcTextTrace(output);
}
