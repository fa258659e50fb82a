// Judging one mutant with one strategy's suite: the same scenarios and properties as `snapcheck
// run` (fixed seed, fixed run count), but stopping at the first violation without shrinking: a
// kill needs one witness, not a small one. Properties judged: those the original strategy promises,
// and those the mutant now promises (a relabelled guarantee must keep its new promise).
import fc from 'fast-check';
import { DEFAULT_SHAPE, evaluate, PROPERTIES_BY_GUARANTEE, scenarioArbitrary, type CheckpointStrategy, type Guarantee, type SuiteProperty } from '../index.ts';

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

export function judge(strategy: CheckpointStrategy, originalGuarantee: Guarantee, settings: JudgeSettings): Verdict {
  const properties = judgedProperties(originalGuarantee, strategy.guarantee);
  let runs = 0;
  let found: Omit<Extract<Verdict, { status: 'killed' }>, 'status' | 'runsToKill'> | null = null;
  const predicate = (scenario: Parameters<typeof evaluate>[1]): boolean => {
    runs++;
    try {
      const finding = evaluate(strategy, scenario, properties, null)[0];
      if (finding === undefined) return true;
      found = { property: finding.property, detail: explain(finding.verdict) };
    } catch (error) {
      // A broken interface contract, or a topology the mutant claims to support and cannot run: detected.
      found = { property: 'no-exception', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    return false;
  };
  fc.check(fc.property(scenarioArbitrary(strategy, DEFAULT_SHAPE), predicate), { numRuns: settings.runs, seed: settings.seed, endOnFailure: true });
  if (found === null) return { status: 'survived', runs };
  return { status: 'killed', runsToKill: runs, ...(found as { property: string; detail: string }) };
}

function explain(verdict: unknown): string {
  const explanation = (verdict as { explanation?: unknown }).explanation;
  const text = typeof explanation === 'string' ? explanation : JSON.stringify(verdict);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
