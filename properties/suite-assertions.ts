// Turning a suite result into a test failure that tells the user everything needed to reproduce:
// seed, path, the shrunk scenario as JSON, the diagnosis and a one-line command. A failure also
// writes its bundle (to SNAPCHECK_COUNTEREXAMPLE_DIR, default .snapcheck/counterexamples), which
// `npx snapcheck replay` re-runs byte for byte.
import { join } from 'node:path';
import { bundleFileName, findStrategy, writeBundleFile } from '../src/index.ts';
import { builtInRef, counterexampleBundle } from '../src/index.ts';
import { reproductionCommand, type SuiteProperty, type SuiteResult } from '../src/index.ts';

const BUNDLE_DIR = process.env.SNAPCHECK_COUNTEREXAMPLE_DIR ?? '.snapcheck/counterexamples';

export function failureReport(result: SuiteResult, properties?: readonly SuiteProperty[]): string {
  const ce = result.counterexample;
  if (ce === null) return 'no counterexample';
  const explanation = 'explanation' in ce.verdict ? ce.verdict.explanation : '';
  const command = reproductionCommand(result.strategy, ce.seed, ce.path, result.runs, properties);
  return [
    `${result.strategy} violates ${ce.property} (seed ${ce.seed}, path ${ce.path}, found after ${ce.runsToFind} run(s))`,
    explanation,
    `shrunk scenario: ${JSON.stringify(ce.scenario)}`,
    `reproduce: ${command}`,
    writeBundle(result, command, properties),
  ].join('\n');
}

function writeBundle(result: SuiteResult, command: string, properties?: readonly SuiteProperty[]): string {
  const strategy = findStrategy(result.strategy);
  if (strategy === undefined) return `(no bundle: ${result.strategy} is not a built-in strategy)`;
  const file = join(BUNDLE_DIR, bundleFileName(result.strategy, result.counterexample!.property, result.seed));
  try {
    writeBundleFile(file, counterexampleBundle(result, strategy, builtInRef(strategy), command.replace(/^npx /, ''), properties));
    return `bundle: ${file} (replay: npx snapcheck replay ${file})`;
  } catch (error) {
    return `(no bundle written: ${error instanceof Error ? error.message : String(error)})`;
  }
}
