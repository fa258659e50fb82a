// What `snapcheck run` says about one strategy's suite: the per-property table, and for a
// counterexample its bundle (written first, so Ctrl-C while printing keeps it), the diagnosis and
// the reproduction commands; the same, as a results suite for --json and --junit.
import { join } from 'node:path';
import { describeScenario, formatDiagnosis } from '../report/diagnosis.ts';
import type { ResultCase, ResultSuite } from '../results/results.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { counterexampleBundle } from '../suite/counterexample-bundle.ts';
import { reproductionCommand, type BatchResult, type SuiteProperty, type SuiteResult } from '../suite/suite.ts';
import { recordedHistory, type StrategyRef } from '../trace/bundle.ts';
import { bundleFileName, writeBundleFile } from '../trace/files.ts';
import { withSignalsHeld } from './interrupt.ts';

export const COUNTEREXAMPLE_DIR = '.snapcheck/counterexamples';

export interface ReportSettings {
  readonly properties: readonly SuiteProperty[] | undefined;
  readonly outDir: string;
}

/** A counterexample as reported: where its bundle is, its diagnosis, and how to reproduce it. */
export interface CounterexampleReport {
  readonly bundleFile: string;
  readonly headline: string;
  readonly diagnosis: readonly string[];
  readonly reproduce: readonly string[];
}

export function printTable(result: SuiteResult, elapsedMs: number, print: (line: string) => void): void {
  print('');
  print(`${result.strategy} (declares ${result.guarantee}) - ${(elapsedMs / 1000).toFixed(1)} s`);
  print(`  ${'property'.padEnd(22)} ${'checked'.padStart(8)} ${'n/a'.padStart(6)}  result`);
  const failed = result.counterexample?.property;
  for (const tally of result.tallies) {
    const outcome = tally.property === failed ? 'VIOLATED' : tally.violations > 0 ? `violated in ${tally.violations} run(s)` : 'holds';
    print(`  ${tally.property.padEnd(22)} ${String(tally.checked).padStart(8)} ${String(tally.notApplicable).padStart(6)}  ${outcome}`);
  }
}

export async function reportCounterexample(result: SuiteResult, strategy: CheckpointStrategy, ref: StrategyRef, settings: ReportSettings, print: (line: string) => void): Promise<CounterexampleReport> {
  const ce = result.counterexample!;
  const { properties, outDir } = settings;
  const runCommandLine = `${reproductionCommand(ref.kind === 'built-in' ? result.strategy : ref.path, ce.seed, ce.path, result.runs, properties)}${outDir === COUNTEREXAMPLE_DIR ? '' : ` --out ${outDir}`}`;
  const bundle = counterexampleBundle(result, strategy, ref, runCommandLine.replace(/^npx /, ''), properties);
  const file = join(outDir, bundleFileName(result.strategy, ce.property, result.seed));
  await withSignalsHeld(() => writeBundleFile(file, bundle));
  print('');
  print(`Counterexample found after ${ce.runsToFind} run(s); ${ce.shrinks} fast-check shrink step(s), then ${ce.minimizerSteps} minimizer step(s): ${describeScenario(ce.scenario)}`);
  print('');
  const violation = ce.verdict.status === 'violated' ? ce.verdict : { status: 'violated' as const, property: ce.property, explanation: 'no longer reproduces' };
  const diagnosis = formatDiagnosis(ce.scenario, violation, recordedHistory(bundle.history) ?? undefined);
  for (const line of diagnosis) print(line);
  print('');
  print(`Minimized scenario (seed ${ce.seed}, path ${ce.path}), in the bundle written to ${file}:`);
  print(JSON.stringify(ce.scenario));
  print('');
  const reproduce = [`npx snapcheck replay ${file}`, `npx snapcheck replay ${file} --html ${file.replace(/\.json$/, '')}.html`, runCommandLine];
  print('Reproduce with:');
  print(`  ${reproduce[0]}                 # the minimized counterexample, byte for byte`);
  print(`  ${reproduce[1]}   # its space-time diagram`);
  print(`  ${reproduce[2]}   # fast-check's shrunk scenario`);
  const headline = diagnosis.find((line) => line.startsWith('In short: '))?.slice('In short: '.length) ?? `${ce.property} violated`;
  return { bundleFile: file, headline, diagnosis, reproduce };
}

/** The suite as results: a case per property; the batches, so that shard results can be merged. */
export function suiteResults(result: SuiteResult, elapsedMs: number, report: CounterexampleReport | null): ResultSuite {
  const focus = result.counterexample?.property;
  const cases = result.tallies.map((tally): ResultCase => {
    const details = { checked: tally.checked, notApplicable: tally.notApplicable, violations: tally.violations };
    const base = { name: tally.property, details };
    if (tally.property === focus && report !== null) {
      const ce = result.counterexample!;
      return { ...base, status: 'failed', message: report.headline, text: report.diagnosis.join('\n'), bundle: report.bundleFile, reproduce: [...report.reproduce], details: { ...details, runsToFind: ce.runsToFind, path: ce.path } };
    }
    if (tally.violations > 0) return { ...base, status: 'failed', message: `violated in ${tally.violations} run(s)${focus === undefined ? '' : `; the counterexample shown is for ${focus}`}` };
    if (tally.checked === 0 && tally.notApplicable > 0) return { ...base, status: 'skipped', message: `did not apply to any of the ${tally.notApplicable} scenario(s) run` };
    return { ...base, status: 'passed' };
  });
  return {
    name: result.strategy,
    kind: 'strategy',
    elapsedMs: Math.round(elapsedMs),
    cases,
    details: { guarantee: result.guarantee, seed: result.seed, runs: result.runs, runsChecked: result.runsChecked, shard: result.shard, batches: result.batches.map(portableBatch) },
  };
}

/** A batch as results keep it: enough to merge shards (tallies, what decided), not the scenarios. */
export function portableBatch(batch: BatchResult): Record<string, unknown> {
  const outcome = batch.outcome.kind === 'failed' ? { kind: 'failed', property: batch.outcome.counterexample.property, runsToFind: batch.outcome.counterexample.runsToFind } : batch.outcome;
  return { batch: batch.batch, firstRun: batch.firstRun, runs: batch.runs, evaluated: batch.evaluated, tallies: batch.tallies.map((t) => [t.checked, t.notApplicable, t.violations]), outcome };
}
