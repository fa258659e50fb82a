// Trace validation: replay an implementation History against spec/Aligned.tla's next-state
// relation. Each step's spec state is computed from the History (aligned-mapping.ts); the embedded
// engine's explore API enumerates the spec's successors of the previous state, and the step is
// allowed only if one of them is exactly that state, reached by the expected action. The first
// step that is not allowed is reported with its History index and event.
import { readFileSync } from 'node:fs';
import type { History, HistoryEvent } from '../../core/history.ts';
import { expandTopology } from '../../dataflow/physical.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { parseCfg } from '../cfg.ts';
import type { EmbeddedEngine } from '../embedded-client.ts';
import { guardModule, versionMismatch } from '../embedded.ts';
import { describeVerdict, formatLocation } from '../types.ts';
import { applyEvent, cloneState, initialAlignedState, MappingError, specNames, toEngineJson, type AlignedSpecState, type SpecNames } from './aligned-mapping.ts';
import { specSteps, type SpecStep } from './steps.ts';

export const ALIGNED_SPEC_URL = new URL('../../../spec/Aligned.tla', import.meta.url);
/** The spec's ASSUME bounds its constants. */
const RECORDS_MAX = 5;
const CHECKPOINTS_MAX = 3;
const CALL_TIMEOUT_MS = 60_000;

export interface RejectedStep {
  /** History index of the step's first event; -1 for the initial state. */
  readonly index: number;
  readonly event: HistoryEvent | null;
  /** The spec action the step maps to (null: a step that must change nothing). */
  readonly action: string | null;
  readonly reason: string;
  /** Per differing variable: the implementation's value and the spec's nearest successor's. */
  readonly differences: readonly string[];
}

export type TraceValidation =
  | { readonly status: 'accepted'; readonly steps: number; readonly constants: string }
  | { readonly status: 'rejected'; readonly rejected: RejectedStep; readonly constants: string }
  | { readonly status: 'inapplicable'; readonly reason: string }
  | { readonly status: 'error'; readonly message: string };

interface Transition {
  readonly action: string;
  readonly state: { readonly json: Record<string, unknown> };
}

let specSource: string | null = null;

function alignedSpec(): string {
  return (specSource ??= readFileSync(ALIGNED_SPEC_URL, 'utf8'));
}

/** Constants that make the spec cover this run: its longest source log and its checkpoint count. */
function constantsFor(scenario: Scenario, history: History): { ok: true; cfg: string; checkpoints: number } | { ok: false; reason: string } {
  const records = Math.max(0, ...Object.values(scenario.sourceLogs).flatMap((logs) => logs.map((log) => log.length)));
  const checkpoints = Math.max(1, history.filter((e) => e.kind === 'triggered').length);
  if (records > RECORDS_MAX) return { ok: false, reason: `source logs longer than ${RECORDS_MAX} records are beyond the spec's constants` };
  if (checkpoints > CHECKPOINTS_MAX) return { ok: false, reason: `more than ${CHECKPOINTS_MAX} checkpoints are beyond the spec's constants` };
  return { ok: true, checkpoints, cfg: `SPECIFICATION Spec\nCONSTANTS MaxRecords = ${records} MaxCkpt = ${checkpoints} Bug = "none"\n` };
}

export async function validateAlignedTrace(engine: EmbeddedEngine, scenario: Scenario, history: History): Promise<TraceValidation> {
  const mapped = specNames(scenario.topology, expandTopology(scenario.topology));
  if (!mapped.ok) return { status: 'inapplicable', reason: mapped.reason };
  const constants = constantsFor(scenario, history);
  if (!constants.ok) return { status: 'inapplicable', reason: constants.reason };
  const guard = await guardSpec(engine, constants.cfg);
  if (guard !== null) return { status: 'error', message: guard };
  const stepping = specSteps(history, mapped.names);
  if (!stepping.ok) return rejected(constants.cfg, { index: stepping.index, event: history[stepping.index]!, action: null, reason: stepping.reason, differences: [] });
  const spec = alignedSpec();
  let state = initialAlignedState(constants.checkpoints);
  const init = await engine.call('explore_init', [spec, constants.cfg, '{}'], CALL_TIMEOUT_MS);
  if (!init.ok) return { status: 'error', message: init.message };
  const initial = ((init.value as { states?: { json: Record<string, unknown> }[] }).states ?? []).map((s) => s.json);
  if (!initial.some((s) => sameState(s, toEngineJson(state)))) {
    return rejected(constants.cfg, { index: -1, event: null, action: null, reason: 'the mapped initial state is not an initial state of the spec', differences: [] });
  }
  for (const step of stepping.steps) {
    const outcome = await checkStep(engine, spec, constants.cfg, state, step, history, mapped.names);
    if (outcome.kind === 'error') return { status: 'error', message: outcome.message };
    if (outcome.kind === 'rejected') return rejected(constants.cfg, outcome.rejected);
    state = outcome.next;
  }
  return { status: 'accepted', steps: stepping.steps.length, constants: constants.cfg.split('\n')[1]! };
}

/** The same guards as model checking: a spec the engine would mis-read must not validate anything. */
async function guardSpec(engine: EmbeddedEngine, cfgSource: string): Promise<string | null> {
  const cfg = parseCfg(cfgSource, '(trace validation constants)');
  if (!cfg.ok) return cfg.message;
  const job = {
    name: 'AlignedTrace',
    moduleFile: 'spec/Aligned.tla',
    cfgFile: cfg.cfg.file,
    modulePath: ALIGNED_SPEC_URL.pathname,
    cfgPath: '',
    moduleSource: alignedSpec(),
    cfgSource,
    cfg: cfg.cfg,
    timeoutMs: CALL_TIMEOUT_MS,
  };
  const verdict = versionMismatch() ?? (await guardModule(engine, job, performance.now() + CALL_TIMEOUT_MS));
  if (verdict === null) return null;
  const where = verdict.kind === 'parse-error' && verdict.location ? `${formatLocation(verdict.location)}: ` : '';
  return `spec/Aligned.tla fails the embedded engine's guards: ${where}${describeVerdict(verdict)}${'message' in verdict ? ` (${verdict.message})` : ''}`;
}

function rejected(cfg: string, step: RejectedStep): TraceValidation {
  return { status: 'rejected', rejected: step, constants: cfg.split('\n')[1]! };
}

type StepOutcome = { kind: 'allowed'; next: AlignedSpecState } | { kind: 'rejected'; rejected: RejectedStep } | { kind: 'error'; message: string };

async function checkStep(engine: EmbeddedEngine, spec: string, cfg: string, state: AlignedSpecState, step: SpecStep, history: History, names: SpecNames): Promise<StepOutcome> {
  const event = history[step.start]!;
  const reject = (reason: string, differences: readonly string[] = []): StepOutcome => ({ kind: 'rejected', rejected: { index: step.start, event, action: step.action, reason, differences } });
  const next = cloneState(state);
  try {
    for (const index of step.events) applyEvent(next, history[index]!, names);
  } catch (error) {
    if (error instanceof MappingError) return reject(error.message);
    throw error;
  }
  const target = toEngineJson(next);
  if (step.action === null) {
    const changed = differences(toEngineJson(state), target);
    return changed.length === 0 ? { kind: 'allowed', next } : reject('this step changes spec variables, but no spec action matches it', changed);
  }
  const reply = await engine.call('explore_next', [spec, cfg, '{}', JSON.stringify(toEngineJson(state))], CALL_TIMEOUT_MS);
  if (!reply.ok) return { kind: 'error', message: reply.message };
  const value = reply.value as { ok: boolean; error?: string; transitions?: Transition[] };
  if (!value.ok) return { kind: 'error', message: value.error ?? 'explore_next failed' };
  const transitions = value.transitions ?? [];
  const match = transitions.find((t) => sameState(t.state.json, target));
  if (match && match.action === step.action) return { kind: 'allowed', next };
  if (match) return reject(`the resulting state is reached by spec action ${match.action}, not ${step.action}`);
  const sameAction = transitions.filter((t) => t.action === step.action);
  if (sameAction.length === 0) return reject(`the spec enables no ${step.action} step in this state`);
  const nearest = sameAction.map((t) => differences(t.state.json, target)).sort((a, b) => a.length - b.length)[0]!;
  return reject(`no ${step.action} step of the spec leads to the implementation's state`, nearest);
}

// --- Comparing engine states -----------------------------------------------------------------

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map(canonical).sort().join(',')}}`; // a set
  if (value !== null && typeof value === 'object') {
    return `[${Object.keys(value).sort().map((k) => `${k}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}]`;
  }
  return JSON.stringify(value);
}

function sameState(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return canonical(a) === canonical(b);
}

/** Variables whose values differ, as "name: implementation V, spec W". */
function differences(spec: Record<string, unknown>, implementation: Record<string, unknown>): string[] {
  const names = [...new Set([...Object.keys(spec), ...Object.keys(implementation)])].sort();
  return names
    .filter((n) => canonical(spec[n]) !== canonical(implementation[n]))
    .map((n) => `${n}: implementation ${render(implementation[n])}, spec ${render(spec[n])}`);
}

/** The engine's typed JSON as TLA+ text. */
export function render(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `{${value.map(render).join(', ')}}`;
  if (value !== null && typeof value === 'object') {
    const tuple = (value as { __tuple?: unknown[] }).__tuple;
    if (Array.isArray(tuple)) return `<<${tuple.map(render).join(', ')}>>`;
    return `[${Object.entries(value).map(([k, v]) => `${k} |-> ${render(v)}`).join(', ')}]`;
  }
  return String(value);
}
