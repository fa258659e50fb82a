// Model checking with the embedded engine, guarded against its silent failures: the module is
// linted for constructs it mis-handles, every definition is confirmed to have survived its parser,
// the config is always passed explicitly, and its results are mapped to the common result shape.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { EmbeddedEngine } from './embedded-client.ts';
import { nameActions, parseEngineTrace } from './embedded-trace.ts';
import { checkConfigAgainstModule, lintForEmbeddedEngine, type Finding } from './lint.ts';
import type { ModelJob } from './job.ts';
import { scanModule } from './scan.ts';
import { lineAndColumn, type Counterexample, type SourceLocation, type TlaResult, type Verdict } from './types.ts';

/** The engine version the guards were verified against; package.json pins exactly this one. */
export const PINNED_ENGINE_VERSION = '0.9.0';

/** Distinct states beyond which the embedded engine gives up (it is slow; TLC is for bigger models). */
export const EMBEDDED_STATES_MAX = 500_000;
const DEPTH_MAX = 1_000_000;

interface EngineCheck {
  readonly success: boolean;
  readonly error_type: string | null;
  readonly error_message: string | null;
  readonly states_explored: number;
  readonly trace: readonly string[] | null;
}

/** Modules whose definitions were all confirmed present, by content hash: the check costs about a second. */
const survivedModules = new Set<string>();

export function installedEngineVersion(): string | null {
  try {
    return (createRequire(import.meta.url)('tla-checker/package.json') as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

export async function runEmbedded(engine: EmbeddedEngine, job: ModelJob): Promise<TlaResult> {
  const started = performance.now();
  const deadline = started + job.timeoutMs;
  const finish = (verdict: Verdict, distinctStates: number | null, counterexample: Counterexample | null = null): TlaResult => ({
    config: job.name,
    engine: 'embedded',
    verdict,
    distinctStates,
    timeMs: Math.round(performance.now() - started),
    counterexample,
  });
  const guard = versionMismatch() ?? (await guardModule(engine, job, deadline));
  if (guard !== null) return finish(guard, null);
  const reply = await engine.call('check_spec_with_cfg', [job.moduleSource, job.cfgSource, '{}', job.statesMax ?? EMBEDDED_STATES_MAX, DEPTH_MAX, false, false], remaining(deadline));
  if (!reply.ok) return finish({ kind: 'error', reason: reply.reason === 'timeout' ? 'timeout' : 'engine', message: reply.message }, null);
  const check = reply.value as EngineCheck;
  const verdict = verdictOf(check, job);
  const counterexample = check.trace && isViolation(verdict) ? await counterexampleOf(engine, job, check.trace, verdict, deadline) : null;
  return finish(verdict, check.states_explored, counterexample);
}

function remaining(deadline: number): number {
  return Math.max(1000, deadline - performance.now());
}

function isViolation(verdict: Verdict): boolean {
  return verdict.kind === 'invariant-violated' || verdict.kind === 'liveness-violated' || verdict.kind === 'deadlock';
}

/** An error when the installed engine is not the one the guards were verified against. */
export function versionMismatch(): Verdict | null {
  const version = installedEngineVersion();
  if (version === PINNED_ENGINE_VERSION) return null;
  const message = `tla-checker ${version ?? '(missing)'} is installed, but the guards were verified against ${PINNED_ENGINE_VERSION}, which package.json pins: run npm ci`;
  return { kind: 'error', reason: 'engine', message };
}

/** The static guards, then (once per module text) the check that no definition was dropped. */
export async function guardModule(engine: EmbeddedEngine, job: ModelJob, deadline: number): Promise<Verdict | null> {
  const scan = scanModule(job.moduleSource);
  const findings: Finding[] = [...checkConfigAgainstModule(job.cfg, scan, job.moduleFile), ...lintForEmbeddedEngine(job.moduleSource, job.moduleFile, job.cfg)];
  if (findings.length > 0) return parseErrorOf(findings);
  // Whether a definition parses does not depend on the config: check each module text once.
  const key = createHash('sha256').update(job.moduleSource).digest('hex');
  if (survivedModules.has(key)) return null;
  const verdict = await definitionsSurvived(engine, job, scan.definitions, deadline);
  if (verdict === null) survivedModules.add(key);
  return verdict;
}

function parseErrorOf(findings: readonly Finding[]): Verdict {
  const first = findings[0]!;
  const more = findings.length > 1 ? ` (and ${findings.length - 1} more finding(s))` : '';
  return { kind: 'parse-error', message: `${first.message}${more}`, location: first.location };
}

/**
 * The engine's parser skips a definition it cannot parse without saying so. Evaluate every
 * definition by name (with dummy arguments: only "undefined" matters) at an initial state.
 */
async function definitionsSurvived(
  engine: EmbeddedEngine,
  job: ModelJob,
  definitions: readonly { name: string; line: number; params: readonly string[] }[],
  deadline: number,
): Promise<Verdict | null> {
  const init = await engine.call('explore_init', [job.moduleSource, job.cfgSource, '{}'], remaining(deadline));
  if (!init.ok) return { kind: 'error', reason: init.reason === 'timeout' ? 'timeout' : 'engine', message: init.message };
  const value = init.value as { ok: boolean; error?: string; states?: { json: unknown }[] };
  if (!value.ok) return engineErrorVerdict('InitError', value.error ?? 'no initial state', job);
  const state = JSON.stringify(value.states?.[0]?.json ?? {});
  for (const def of definitions) {
    const expr = def.params.length === 0 ? def.name : `${def.name}(${def.params.map(() => '0').join(', ')})`;
    const reply = await engine.call('explore_eval', [job.moduleSource, job.cfgSource, '{}', state, expr], remaining(deadline));
    if (!reply.ok) return { kind: 'error', reason: reply.reason === 'timeout' ? 'timeout' : 'engine', message: reply.message };
    const error = (reply.value as { error?: string }).error ?? '';
    if (new RegExp(`^undefined variable \`${def.name}\`(\\n|$)`).test(error)) {
      return {
        kind: 'parse-error',
        message: `the embedded engine silently dropped definition ${def.name}: it does not parse in the subset the engine supports`,
        location: { file: job.moduleFile, line: def.line, column: 1 },
      };
    }
  }
  return null;
}

function verdictOf(check: EngineCheck, job: ModelJob): Verdict {
  if (check.success) return { kind: 'ok' };
  const type = check.error_type ?? 'Unknown';
  const message = check.error_message ?? type;
  switch (type) {
    case 'InvariantViolation': {
      const index = Number(/Invariant (\d+) violated/.exec(message)?.[1] ?? NaN);
      const name = job.cfg.invariants[index]?.name;
      return name === undefined ? { kind: 'error', reason: 'engine', message: `unmapped invariant report: ${message}` } : { kind: 'invariant-violated', invariant: name };
    }
    case 'LivenessViolation':
      return { kind: 'liveness-violated', property: job.cfg.properties.length === 1 ? job.cfg.properties[0]!.name : null };
    case 'Deadlock':
      return { kind: 'deadlock' };
    case 'MaxStatesExceeded':
    case 'MaxDepthExceeded':
      return { kind: 'error', reason: 'state-limit', message: `${message} (limit ${job.statesMax ?? EMBEDDED_STATES_MAX} states)` };
    case 'MaxTimeExceeded':
      return { kind: 'error', reason: 'timeout', message };
    default:
      return engineErrorVerdict(type, message, job);
  }
}

/** Errors about the spec itself become parse errors with a location where one can be found. */
function engineErrorVerdict(type: string, message: string, job: ModelJob): Verdict {
  if (type === 'ParseError' || message.startsWith('ParseError')) return parseErrorFromEngine(message, job);
  const undefinedName = /undefined variable `([A-Za-z_][A-Za-z0-9_]*)`/.exec(message)?.[1];
  if (undefinedName !== undefined) {
    return { kind: 'parse-error', message: `${undefinedName} is not defined (${type})`, location: locate(job, undefinedName) };
  }
  if (type === 'ConfigError' || type === 'MissingConstants' || type === 'OptionsError') {
    return { kind: 'parse-error', message, location: { file: job.cfgFile, line: 1, column: null } };
  }
  return { kind: 'error', reason: 'evaluation', message: `${type}: ${message.split('\n')[0]}` };
}

/** `ParseError { message: "...", span: Some(Span { start: N, end: M }), expected: Some("...") ... }` */
function parseErrorFromEngine(message: string, job: ModelJob): Verdict {
  const what = /message: "((?:[^"\\]|\\.)*)"/.exec(message)?.[1] ?? message;
  const expected = /expected: Some\("((?:[^"\\]|\\.)*)"\)/.exec(message)?.[1];
  const start = /span: Some\(Span \{ start: (\d+)/.exec(message)?.[1];
  let location: SourceLocation | null = null;
  if (start !== undefined) {
    // Spans are UTF-8 byte offsets.
    const prefix = Buffer.from(job.moduleSource, 'utf8').subarray(0, Number(start)).toString('utf8');
    const { line, column } = lineAndColumn(job.moduleSource, prefix.length);
    location = { file: job.moduleFile, line, column };
  }
  const text = `${what.replace(/\\"/g, '"')}${expected ? `, expected ${expected.replace(/\\"/g, '"')}` : ''}`;
  return { kind: 'parse-error', message: text, location };
}

/** First use of `name` as a whole word in the module's code (comments excluded). */
function locate(job: ModelJob, name: string): SourceLocation | null {
  const code = scanModule(job.moduleSource).code;
  const match = new RegExp(`\\b${name}\\b`).exec(code);
  if (!match) return null;
  const { line, column } = lineAndColumn(code, match.index);
  return { file: job.moduleFile, line, column };
}

async function counterexampleOf(engine: EmbeddedEngine, job: ModelJob, trace: readonly string[], verdict: Verdict, deadline: number): Promise<Counterexample> {
  const { states, loop } = parseEngineTrace(trace, verdict.kind === 'liveness-violated');
  const steps = await nameActions(engine, job.moduleSource, job.cfgSource, states, remaining(deadline));
  return { steps, loop };
}
