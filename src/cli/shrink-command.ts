// `snapcheck shrink BUNDLE [--out FILE | --in-place]`: run the causality-aware minimizer on a bundle's
// scenario and write a new, smaller bundle that violates the same property. The input is never
// overwritten unless --in-place says so.
import { basename, dirname, join, resolve } from 'node:path';
import { createBundle, type Bundle } from '../trace/bundle.ts';
import { LabelledChoices } from '../trace/choices.ts';
import { runAndCheck } from '../trace/property-check.ts';
import { writeBundleFile } from '../trace/files.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { minimizeScenario, ATTEMPTS_MAX } from '../minimize/minimize.ts';
import { describeScenario, formatDiagnosis, type Violation } from '../report/diagnosis.ts';
import { describeRef, readBundleOrExit, strategyForBundle } from './bundle-io.ts';
import { parseCommandArgs } from './commands.ts';
import { EXIT_OK, UsageError } from './errors.ts';
import { withSignalsHeld } from './interrupt.ts';
import { parsePositiveInt } from './options.ts';

export async function shrinkCommand(argv: string[], print: (line: string) => void): Promise<number> {
  const args = parseCommandArgs('shrink', argv);
  if (args.positionals.length !== 1) throw new UsageError('usage: snapcheck shrink BUNDLE.json [--out FILE | --in-place] [--strategy NAME|PATH] [--attempts N]');
  const file = args.positionals[0]!;
  const target = outputPath(file, args.string('out'), args.flag('in-place'));
  const attemptsMax = parsePositiveInt('attempts', args.string('attempts'), ATTEMPTS_MAX);
  const bundle = readBundleOrExit(file);
  const resolved = await strategyForBundle(bundle, args.string('strategy'));
  const strategy = resolved.loaded.strategy;
  for (const warning of resolved.warnings) print(`warning: ${warning}`);
  // Start from exactly the recorded run: the scenario with the decisions it took.
  const start: Scenario = { ...bundle.scenario, decisions: [...bundle.decisions] };
  if (!stillFails(strategy, bundle, start)) {
    throw new UsageError(`bundle ${file} no longer violates ${bundle.property} when replayed with ${describeRef(resolved.ref)}: nothing to shrink`);
  }
  print(`snapcheck shrink ${file}: ${bundle.property} under ${describeRef(resolved.ref)}`);
  print(`  before: ${describeScenario(start)}; ${bundle.history.length} History steps`);
  const result = minimizeScenario(start, (candidate) => stillFails(strategy, bundle, candidate), { strategy, attemptsMax });
  const search = bundle.search === null ? null : { ...bundle.search, minimizerSteps: bundle.search.minimizerSteps + result.accepted };
  const shrunk = createBundle({ strategy, strategyRef: resolved.ref, scenario: result.scenario, property: bundle.property, search, createdBy: `snapcheck shrink ${file}`, expectation: bundle.expectation });
  print(`  after:  ${describeScenario(result.scenario)}; ${shrunk.history.length} History steps (${result.accepted} step(s) accepted of ${result.attempts} tried)`);
  await withSignalsHeld(() => writeBundleFile(target, shrunk));
  print('');
  if (shrunk.verdict.status === 'violated') for (const line of formatDiagnosis(result.scenario, { property: bundle.property, ...shrunk.verdict } as Violation)) print(line);
  print('');
  print(`Shrunk bundle written to ${target}; replay it with: npx snapcheck replay ${target}`);
  return EXIT_OK;
}

function outputPath(file: string, out: string | undefined, inPlace: boolean): string {
  if (inPlace && out !== undefined) throw new UsageError('--in-place and --out exclude each other');
  if (inPlace) return file;
  const target = out ?? join(dirname(file), `${basename(file).replace(/\.json$/, '')}.shrunk.json`);
  if (resolve(target) === resolve(file)) throw new UsageError(`--out ${target} is the input bundle; pass --in-place to overwrite it`);
  return target;
}

function stillFails(strategy: CheckpointStrategy, bundle: Bundle, scenario: Scenario): boolean {
  // Candidates carry decision lists of any length: taken as `check` takes them (modulo the bound, zeros after the end).
  return runAndCheck(scenario, strategy, bundle.property, new LabelledChoices(scenario.decisions)).outcome.status === 'violated';
}
