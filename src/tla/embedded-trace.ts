// Counterexamples of the embedded engine: it prints states as text without action names. We parse
// the text, then replay it through the engine's explore API to recover each step's action name
// (and to confirm that every step really is a step of the spec).
import type { EmbeddedEngine } from './embedded-client.ts';
import type { Counterexample, TraceStep } from './types.ts';

type DisplayState = Record<string, string>;

/** "State 0\n  x = 1\n  y = <<>>\nState 1\n..." -> one record of variable -> value text per state. */
export function parseStateText(text: string): DisplayState[] {
  const states: DisplayState[] = [];
  let current: DisplayState | null = null;
  let last: string | null = null;
  for (const line of text.split('\n')) {
    if (/^State \d+\s*$/.test(line)) {
      current = {};
      states.push(current);
      last = null;
      continue;
    }
    const assignment = /^ {2}([A-Za-z_][A-Za-z0-9_]*) = (.*)$/.exec(line);
    if (current && assignment) {
      current[assignment[1]!] = assignment[2]!;
      last = assignment[1]!;
    } else if (current && last && line.trim() !== '') current[last] += ` ${line.trim()}`; // a wrapped value
  }
  return states;
}

/** The engine's `trace`: one text block for a safety violation, a prefix and a cycle for liveness. */
export function parseEngineTrace(trace: readonly string[], liveness: boolean): { states: DisplayState[]; loop: Counterexample['loop'] } {
  const prefix = parseStateText(trace[0] ?? '');
  if (!liveness) return { states: prefix, loop: null };
  const cycle = parseStateText(trace[1] ?? '');
  // The cycle starts at the last prefix state; a one-state cycle is infinite stuttering.
  if (cycle.length <= 1) return { states: prefix, loop: { kind: 'stuttering' } };
  const back = prefix.length - 1;
  return { states: [...prefix, ...cycle.slice(1)], loop: { kind: 'back-to', step: back } };
}

interface ExploreState {
  readonly display: DisplayState;
  readonly json: unknown;
}

function sameDisplay(a: DisplayState, b: DisplayState): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Name each step's action by finding, among the engine's successors of the previous state, the one
 * the trace shows. Steps it cannot match keep a null action (the states are still reported).
 */
export async function nameActions(
  engine: EmbeddedEngine,
  spec: string,
  cfg: string,
  states: readonly DisplayState[],
  timeoutMs: number,
): Promise<TraceStep[]> {
  const steps: TraceStep[] = states.map((state) => ({ action: null, state }));
  if (states.length === 0) return steps;
  const init = await engine.call('explore_init', [spec, cfg, '{}'], timeoutMs);
  const initStates = init.ok ? ((init.value as { states?: ExploreState[] }).states ?? []) : [];
  let current = initStates.find((s) => sameDisplay(s.display, states[0]!));
  for (let i = 1; i < states.length && current; i++) {
    const next = await engine.call('explore_next', [spec, cfg, '{}', JSON.stringify(current.json)], timeoutMs);
    if (!next.ok) break;
    const transitions = (next.value as { transitions?: { action: string; state: ExploreState }[] }).transitions ?? [];
    const match = transitions.find((t) => sameDisplay(t.state.display, states[i]!));
    if (!match) break;
    steps[i] = { action: match.action, state: states[i]! };
    current = match.state;
  }
  return steps;
}
