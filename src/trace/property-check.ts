// Running one scenario and checking one property, for bundles and replays. The properties are the
// oracle's plus the two the suites check themselves: the run must not throw, and the same inputs
// must give the same History.
import type { ChoiceSource } from '../core/choice.ts';
import type { History } from '../core/history.ts';
import { CHECKERS } from '../oracle/index.ts';
import { PROPERTY_NAMES, type PropertyName, type WitnessEvent } from '../oracle/verdict.ts';
import { StrategyContractError } from '../sim/effects.ts';
import { run, UnsupportedTopology } from '../sim/runner.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { ReplayChoices } from './choices.ts';
import { hashHistory } from './hash.ts';

export type CheckedProperty = PropertyName | 'determinism' | 'no-exception';

export const CHECKED_PROPERTIES: readonly CheckedProperty[] = [...PROPERTY_NAMES, 'determinism', 'no-exception'];

/** What a bundle says about its property: violated (with the oracle's findings) or holding. */
export type PropertyOutcome =
  | {
      readonly status: 'violated';
      readonly explanation: string;
      readonly witness: readonly WitnessEvent[];
      readonly checkpoint?: number;
      readonly channel?: number;
      readonly record?: string;
    }
  | { readonly status: 'holds' };

export type CheckedRun =
  | { readonly kind: 'ran'; readonly history: History; readonly decisions: readonly number[]; readonly outcome: PropertyOutcome }
  | { readonly kind: 'threw'; readonly error: string; readonly outcome: PropertyOutcome };

/** Run `scenario` with `choices` and check `property`. */
export function runAndCheck(scenario: Scenario, strategy: CheckpointStrategy, property: CheckedProperty, choices: ChoiceSource): CheckedRun {
  let result;
  try {
    result = run(scenario, strategy, { choices });
  } catch (error) {
    // A broken strategy contract or a topology the strategy declines is bad input, not a finding.
    if (error instanceof StrategyContractError || error instanceof UnsupportedTopology) throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const outcome: PropertyOutcome =
      property === 'no-exception' ? { status: 'violated', explanation: `the run threw ${message}`, witness: [] } : { status: 'holds' };
    return { kind: 'threw', error: message, outcome };
  }
  const history = result.history;
  const decisions = result.decisions;
  return { kind: 'ran', history, decisions, outcome: checkHistory(scenario, strategy, property, history, decisions) };
}

function checkHistory(scenario: Scenario, strategy: CheckpointStrategy, property: CheckedProperty, history: History, decisions: readonly number[]): PropertyOutcome {
  if (property === 'no-exception') return { status: 'holds' };
  if (property === 'determinism') {
    const again = hashHistory(run(scenario, strategy, { choices: new ReplayChoices(decisions) }).history);
    const first = hashHistory(history);
    if (first === again) return { status: 'holds' };
    return { status: 'violated', explanation: `two runs of the same scenario and decisions produced different Histories (hash ${first} vs ${again})`, witness: [] };
  }
  const verdict = CHECKERS[property](scenario, history);
  if (verdict.status !== 'violated') return { status: 'holds' };
  const { status: _status, property: _property, ...details } = verdict;
  return { status: 'violated', ...details };
}
