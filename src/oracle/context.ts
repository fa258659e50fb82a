// Everything a checker reads, derived once: the scenario's facts (cached per scenario) and the
// History's index. `checkAll` builds one context and hands it to every checker.
import type { History } from '../core/history.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { indexHistory, type HistoryIndex } from './history-index.ts';
import { factsOf, type ScenarioFacts } from './scenario-facts.ts';
import type { Verdict } from './verdict.ts';

export interface OracleContext {
  readonly facts: ScenarioFacts;
  readonly history: History;
  readonly index: HistoryIndex;
}

export type ContextChecker = (context: OracleContext) => Verdict;

// Suites often call the checkers one by one on the same History; the index is reused then. A History
// is immutable once recorded; the length check only guards against a caller still appending to it.
const cache = new WeakMap<History, { readonly context: OracleContext; readonly length: number }>();

export function contextFor(scenario: Scenario, history: History): OracleContext {
  const facts = factsOf(scenario);
  const cached = cache.get(history);
  if (cached !== undefined && cached.context.facts === facts && cached.length === history.length) return cached.context;
  const context = { facts, history, index: indexHistory(facts.graph, history) };
  cache.set(history, { context, length: history.length });
  return context;
}
