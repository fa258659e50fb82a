// Turning a suite result into a test failure that tells the user everything needed to reproduce:
// seed, path, the shrunk scenario as JSON, the diagnosis and a one-line command.
import { reproductionCommand, type SuiteProperty, type SuiteResult } from '../models/suite.ts';

export function failureReport(result: SuiteResult, properties?: readonly SuiteProperty[]): string {
  const ce = result.counterexample;
  if (ce === null) return 'no counterexample';
  const explanation = 'explanation' in ce.verdict ? ce.verdict.explanation : '';
  return [
    `${result.strategy} violates ${ce.property} (seed ${ce.seed}, path ${ce.path}, found after ${ce.runsToFind} run(s))`,
    explanation,
    `shrunk scenario: ${JSON.stringify(ce.scenario)}`,
    `reproduce: ${reproductionCommand(result.strategy, ce.seed, ce.path, result.runs, properties)}`,
  ].join('\n');
}
