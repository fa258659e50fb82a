// Judging one mutant with one strategy's suites: first the strategy's pinned regressions (the
// fixed bugs under properties/regressions/, which must keep holding), then the same scenarios and
// properties as `snapcheck run` (fixed seed, fixed run count), stopping at the first violation
// without shrinking: a kill needs one witness, not a small one. Properties judged: those the
// original strategy promises, and those the mutant now promises (a relabelled guarantee must keep
// its new promise); topologies likewise.
import { join } from 'node:path';
import fc from 'fast-check';
import { bundleFilesIn, readBundleFile } from '../trace/files.ts';
import { DEFAULT_SHAPE, scenarioArbitrary } from '../generate/scenario-arbitrary.ts';
import { evaluate, PROPERTIES_BY_GUARANTEE, type SuiteProperty } from '../suite/suite.ts';
import type { CheckpointStrategy, Guarantee } from '../strategies/strategy.ts';
import type { Scenario } from '../scenario/scenario.ts';

export type Verdict =
  | { readonly status: 'killed'; readonly property: string; readonly runsToKill: number; readonly detail: string }
  | { readonly status: 'survived'; readonly runs: number };

export interface JudgeSettings {
  readonly seed: number;
  readonly runs: number;
}

export function judgedProperties(original: Guarantee, mutant: Guarantee): SuiteProperty[] {
  return [...new Set([...PROPERTIES_BY_GUARANTEE[original], ...PROPERTIES_BY_GUARANTEE[mutant]])];
}

export interface PinnedScenario {
  readonly file: string;
  readonly scenario: Scenario;
}

/** The bundles in `dir` pinned as fixed for built-in strategy `name` (they must hold), with their decisions. */
export function pinnedScenarios(dir: string, name: string): PinnedScenario[] {
  let files: string[];
  try {
    files = bundleFilesIn(dir);
  } catch {
    return [];
  }
  return files.flatMap((file): PinnedScenario[] => {
    const read = readBundleFile(join(dir, file));
    if (!read.ok) return [];
    const { bundle } = read;
    if (bundle.strategy.kind !== 'built-in' || bundle.strategy.name !== name || bundle.expectation?.outcome !== 'holds') return [];
    return [{ file, scenario: { ...bundle.scenario, decisions: [...bundle.decisions] } }];
  });
}

/** What the original strategy declares; a mutant is held to it as well as to its own declaration. */
export interface OriginalDeclaration {
  readonly guarantee: Guarantee;
  readonly supportsCycles: boolean;
}

export function judge(strategy: CheckpointStrategy, original: OriginalDeclaration, settings: JudgeSettings, pinned: readonly PinnedScenario[] = []): Verdict {
  const properties = judgedProperties(original.guarantee, strategy.guarantee);
  for (const { file, scenario } of pinned) {
    const verdict = judgeOne(strategy, scenario, properties);
    if (verdict !== null) return { status: 'killed', runsToKill: 0, property: verdict.property, detail: `pinned regression ${file}: ${verdict.detail}` };
  }
  let runs = 0;
  let found: Omit<Extract<Verdict, { status: 'killed' }>, 'status' | 'runsToKill'> | null = null;
  const predicate = (scenario: Scenario): boolean => {
    runs++;
    found = judgeOne(strategy, scenario, properties);
    return found === null;
  };
  // The same scenarios for every mutant: cyclic ones whenever the original or the mutant claims cycles
  // (a mutant that drops the claim then fails on them, as users relying on it would see).
  const domain = { name: strategy.name, supportsCycles: original.supportsCycles || strategy.supportsCycles };
  fc.check(fc.property(scenarioArbitrary(domain, DEFAULT_SHAPE), predicate), { numRuns: settings.runs, seed: settings.seed, endOnFailure: true });
  if (found === null) return { status: 'survived', runs };
  return { status: 'killed', runsToKill: runs, ...(found as { property: string; detail: string }) };
}

function judgeOne(strategy: CheckpointStrategy, scenario: Scenario, properties: readonly SuiteProperty[]): { property: string; detail: string } | null {
  try {
    const finding = evaluate(strategy, scenario, properties, null)[0];
    return finding === undefined ? null : { property: finding.property, detail: explain(finding.verdict) };
  } catch (error) {
    // A broken interface contract, or a topology the mutant claims to support and cannot run: detected.
    return { property: 'no-exception', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function explain(verdict: unknown): string {
  const explanation = (verdict as { explanation?: unknown }).explanation;
  const text = typeof explanation === 'string' ? explanation : JSON.stringify(verdict);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
