// Test only: diagram pages of the canaries' counterexamples (and one with a crash and a restore).
import type { History } from '../../core/history.ts';
import { CHECKERS } from '../../oracle/index.ts';
import type { PropertyName } from '../../oracle/verdict.ts';
import { run } from '../../sim/runner.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { builtIn, EARLY_UNBLOCK_ORPHAN, NO_ALIGN_CRASH, NO_ALIGN_LOST, UNALIGNED_FORGOT_OUTPUT } from '../../trace/test-fixtures.ts';
import type { Violation } from '../diagnosis.ts';
import type { DiagramPage } from './html.ts';

export interface TestCase {
  readonly name: string;
  readonly scenario: Scenario;
  readonly history: History;
  readonly violation: Violation;
}

function testCase(name: string, scenario: Scenario, property: PropertyName): TestCase {
  const history = run(scenario, builtIn(scenario.strategy)).history;
  const verdict = CHECKERS[property](scenario, history);
  if (verdict.status !== 'violated') throw new Error(`${name}: ${property} holds`);
  return { name, scenario, history, violation: verdict };
}

export function testCases(): TestCase[] {
  return [
    testCase('no-align-lost', NO_ALIGN_LOST, 'cut-consistency'),
    testCase('early-unblock-orphan', EARLY_UNBLOCK_ORPHAN, 'cut-consistency'),
    testCase('no-align-crash', NO_ALIGN_CRASH, 'exactly-once'),
    testCase('unaligned-forgot-output', UNALIGNED_FORGOT_OUTPUT, 'cut-consistency'),
  ];
}

export function pageOf(c: TestCase): DiagramPage {
  return {
    title: `${c.scenario.strategy} violates ${c.violation.property}`,
    banner: { kind: 'reproduced', text: 'REPRODUCED' },
    meta: [`test case ${c.name}`],
    scenario: c.scenario,
    history: c.history,
    violation: c.violation,
  };
}
