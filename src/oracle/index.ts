// The oracle's internal barrel: pure checkers `(scenario, history) -> Verdict`, one per property, and
// `checkAll`, which derives the scenario facts and the History index once for all of them.
import type { History } from '../core/history.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { checkAbortProtocol } from './abort-protocol.ts';
import { checkBarrierProtocol } from './barrier-protocol.ts';
import { checkAtLeastOnce } from './at-least-once.ts';
import { contextFor, type ContextChecker } from './context.ts';
import { checkCoordinatorContract } from './coordinator-contract.ts';
import { checkCutConsistency } from './cut-consistency.ts';
import { checkExactlyOnce } from './exactly-once.ts';
import { checkLiveness } from './liveness.ts';
import { checkPrefixConsistency } from './prefix-consistency.ts';
import { PROPERTY_NAMES, type PropertyName, type Verdict } from './verdict.ts';

export type { PropertyName, Verdict, Violation, WitnessEvent } from './verdict.ts';
export { PROPERTY_NAMES } from './verdict.ts';
export { ReferenceEvaluator, referenceFinalStates, referenceSnapshots } from './reference.ts';

export type Checker = (scenario: Scenario, history: History) => Verdict;

const CONTEXT_CHECKERS: Record<PropertyName, ContextChecker> = {
  'cut-consistency': checkCutConsistency,
  'prefix-consistency': checkPrefixConsistency,
  'exactly-once': checkExactlyOnce,
  'at-least-once': checkAtLeastOnce,
  liveness: checkLiveness,
  'coordinator-contract': checkCoordinatorContract,
  'abort-protocol': checkAbortProtocol,
  'barrier-protocol': checkBarrierProtocol,
};

export const CHECKERS: Record<PropertyName, Checker> = {
  'cut-consistency': standalone('cut-consistency'),
  'prefix-consistency': standalone('prefix-consistency'),
  'exactly-once': standalone('exactly-once'),
  'at-least-once': standalone('at-least-once'),
  liveness: standalone('liveness'),
  'coordinator-contract': standalone('coordinator-contract'),
  'abort-protocol': standalone('abort-protocol'),
  'barrier-protocol': standalone('barrier-protocol'),
};

function standalone(property: PropertyName): Checker {
  return (scenario, history) => CONTEXT_CHECKERS[property](contextFor(scenario, history));
}

/** One verdict per requested property, in the order requested (all properties by default). */
export function checkAll(scenario: Scenario, history: History, properties: readonly PropertyName[] = PROPERTY_NAMES): Verdict[] {
  const context = contextFor(scenario, history);
  return properties.map((property) => CONTEXT_CHECKERS[property](context));
}
