// Reading what SANY and TLC print: the verdict, the distinct-state count, error locations, and
// counterexamples (TLC's `-dumpTrace json` file, or its text trace when no file was written).
// Pure functions over text, so they are tested without Java.
import type { TlaCfg } from './cfg.ts';
import type { Counterexample, SourceLocation, TraceStep, Verdict } from './types.ts';

/** TLC's exit codes (tlc2.output.EC.ExitStatus). */
export const TLC_EXIT = { success: 0, deadlock: 11, safety: 12, liveness: 13, specParse: 150, configParse: 151 } as const;

export type SanyOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly location: SourceLocation | null };

/** SANY prints "line L, col C to line ... of module M" for semantic errors and "at line L, column C" for parse errors. */
export function parseSanyOutput(output: string, exitCode: number | null, moduleFile: string, moduleName: string): SanyOutcome {
  // With -error-codes the exit code is SANY's error level; "Semantic errors:" also heads mere warnings.
  if (exitCode === 0) return { ok: true };
  const position = /line (\d+), col(?:umn)? (\d+)(?: to line \d+, col \d+)?(?: of module ([A-Za-z_][A-Za-z0-9_]*))?/.exec(output);
  const module = position?.[3] ?? moduleName;
  const location: SourceLocation | null = position && module === moduleName ? { file: moduleFile, line: Number(position[1]), column: Number(position[2]) } : null;
  return { ok: false, message: sanyMessage(output, module === moduleName ? null : module), location };
}

function sanyMessage(output: string, otherModule: string | null): string {
  const lines = output.split('\n').map((l) => l.trim());
  const semantic = lines.findIndex((l) => /^line \d+, col \d+ to line \d+, col \d+ of module/.test(l));
  let message: string | undefined;
  if (semantic >= 0) message = lines.slice(semantic + 1).find((l) => l !== '');
  message ??= lines.find((l) => /^(Encountered|Lexical error|Was expecting|Unknown operator|Could not find)/.test(l));
  message ??= lines.find((l) => /error/i.test(l)) ?? 'SANY rejected the module';
  return otherModule ? `${message} (in module ${otherModule})` : message;
}

export interface TlcOutcome {
  readonly verdict: Verdict;
  readonly distinctStates: number | null;
}

export function parseTlcOutput(stdout: string, exitCode: number | null, cfg: TlaCfg): TlcOutcome {
  const counts = [...stdout.matchAll(/([\d,]+) distinct states found/g)];
  const last = counts[counts.length - 1];
  const distinctStates = last ? Number(last[1]!.replace(/,/g, '')) : null;
  return { verdict: tlcVerdict(stdout, exitCode, cfg), distinctStates };
}

function tlcVerdict(stdout: string, exitCode: number | null, cfg: TlaCfg): Verdict {
  const invariant = /Error: Invariant ([A-Za-z_][A-Za-z0-9_]*) is violated/.exec(stdout);
  if (invariant) return { kind: 'invariant-violated', invariant: invariant[1]! };
  if (/Error: Temporal properties were violated/.test(stdout) || exitCode === TLC_EXIT.liveness) {
    return { kind: 'liveness-violated', property: cfg.properties.length === 1 ? cfg.properties[0]!.name : null };
  }
  if (/Error: Deadlock reached/.test(stdout) || exitCode === TLC_EXIT.deadlock) return { kind: 'deadlock' };
  if (exitCode === TLC_EXIT.success && /No error has been found/.test(stdout)) return { kind: 'ok' };
  const error = firstError(stdout);
  if (exitCode === TLC_EXIT.specParse || exitCode === TLC_EXIT.configParse) return { kind: 'parse-error', message: error, location: null };
  return { kind: 'error', reason: exitCode !== null && exitCode >= 75 && exitCode <= 77 ? 'evaluation' : 'engine', message: `TLC exited with ${exitCode}: ${error}` };
}

function firstError(stdout: string): string {
  const lines = stdout.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Error:'));
  if (at < 0) return lines.filter((l) => l.trim() !== '').slice(-1)[0] ?? 'no output';
  const rest = lines.slice(at + 1).find((l) => l.trim() !== '' && !l.startsWith('Error:'));
  return [lines[at]!.replace(/^Error:\s*/, ''), rest?.trim()].filter(Boolean).join(' ');
}

// --- Counterexamples -----------------------------------------------------------------------

/** A JSON value from TLC's JsonSerialize, written back as TLA+ (sets and sequences both print as <<...>>). */
export function renderJsonValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `<<${value.map(renderJsonValue).join(', ')}>>`;
  if (value !== null && typeof value === 'object') {
    return `[${Object.entries(value).map(([k, v]) => `${k} |-> ${renderJsonValue(v)}`).join(', ')}]`;
  }
  return 'null';
}

type Numbered = [number, Record<string, unknown>];

function isNumbered(x: unknown): x is Numbered {
  return Array.isArray(x) && x.length === 2 && typeof x[0] === 'number' && typeof x[1] === 'object' && x[1] !== null;
}

/**
 * The `-dumpTrace json` file: TLCExt!CounterExample serialized, a record
 * [state |-> {<<i, s>>, ...}, action |-> {<<<<i, s>>, [name |-> ...], <<j, t>>>>, ...}].
 * A liveness lasso has an action from the last state back to an earlier one; none means stuttering.
 */
export function parseTlcJsonTrace(json: unknown, liveness: boolean): Counterexample | null {
  if (typeof json !== 'object' || json === null) return null;
  const { state, action } = json as { state?: unknown; action?: unknown };
  if (!Array.isArray(state) || !state.every(isNumbered)) return null;
  const states = [...state].sort((a, b) => a[0] - b[0]);
  const names = new Map<string, string>();
  let back: number | null = null;
  for (const edge of Array.isArray(action) ? action : []) {
    if (!Array.isArray(edge) || edge.length !== 3 || !isNumbered(edge[0]) || !isNumbered(edge[2])) continue;
    const from = edge[0][0];
    const to = edge[2][0];
    const name = typeof (edge[1] as { name?: unknown })?.name === 'string' ? (edge[1] as { name: string }).name : null;
    if (to <= from) back = to;
    else if (name !== null) names.set(`${from}->${to}`, name);
  }
  const steps: TraceStep[] = states.map(([ordinal, vars], i) => ({
    action: i === 0 ? null : (names.get(`${states[i - 1]![0]}->${ordinal}`) ?? null),
    state: Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, renderJsonValue(v)])),
  }));
  const index = back === null ? -1 : states.findIndex(([ordinal]) => ordinal === back);
  const loop: Counterexample['loop'] = !liveness ? null : index >= 0 ? { kind: 'back-to', step: index } : { kind: 'stuttering' };
  return { steps, loop };
}

/** TLC's printed trace: "State 2: <Act line 7, col 9 ...>" then "/\ x = 1" lines; liveness ends in "Stuttering" or "Back to state N". */
export function parseTlcTextTrace(stdout: string): Counterexample | null {
  const steps: { action: string | null; state: Record<string, string> }[] = [];
  let loop: Counterexample['loop'] = null;
  let current: Record<string, string> | null = null;
  let lastVar: string | null = null;
  for (const line of stdout.split('\n')) {
    const header = /^State (\d+): (.*)$/.exec(line);
    const stutter = /^(?:State )?\d+: Stuttering/.exec(line);
    const backTo = /^(?:\d+: )?Back to state (\d+)/.exec(line);
    if (stutter) { loop = { kind: 'stuttering' }; current = null; continue; }
    if (backTo) { loop = { kind: 'back-to', step: Number(backTo[1]) - 1 }; current = null; continue; }
    if (header) {
      const label = /^<([A-Za-z_][A-Za-z0-9_]*)/.exec(header[2]!)?.[1] ?? null;
      current = {};
      steps.push({ action: label === 'Initial' ? null : label, state: current });
      lastVar = null;
      continue;
    }
    if (current === null) continue;
    const assignment = /^(?:\/\\ )?([A-Za-z_][A-Za-z0-9_]*) = (.*)$/.exec(line);
    if (assignment) { current[assignment[1]!] = assignment[2]!; lastVar = assignment[1]!; }
    else if (line.trim() === '') current = null;
    else if (lastVar) current[lastVar] += ` ${line.trim()}`;
  }
  return steps.length === 0 ? null : { steps, loop };
}
