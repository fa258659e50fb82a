// snapcheck/vitest: a strategy's property suite as a vitest test, in one call, the way
// @fast-check/vitest makes a property a test.
//
//   import { verifyStrategy, replayPinned } from 'snapcheck/vitest';
//   verifyStrategy('./src/my-strategy.ts');              // a test: every property of its guarantee
//   replayPinned('test/regressions');                    // a test per pinned bundle
//
// The seed is SNAPCHECK_SEED, else random, and printed; SNAPCHECK_RUNS_SCALE multiplies the runs
// (a soak). A failure writes the counterexample bundle (SNAPCHECK_COUNTEREXAMPLE_DIR, default
// .snapcheck/counterexamples) and fails the test with the diagnosis: the property, the explanation,
// the witness steps, and the commands that replay it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';
import { loadStrategyModule } from '../modules/strategy-module.ts';
import { describeScenario, formatDiagnosis } from '../report/diagnosis.ts';
import { BUILT_IN_STRATEGIES, CANARY_STRATEGIES, findStrategy } from '../strategies/registry.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { counterexampleBundle } from '../suite/counterexample-bundle.ts';
import { checkPinned } from '../suite/pinned.ts';
import { resolveSeed, scaledRuns, SEED_ENV } from '../suite/seed.ts';
import { reproductionCommand, runSuite, type SuiteProperty, type SuiteResult } from '../suite/suite.ts';
import { recordedHistory, type Bundle, type StrategyRef } from '../trace/bundle.ts';
import { bundleFileName, bundleFilesIn, readBundleFile, writeBundleFile } from '../trace/files.ts';

export const DEFAULT_TEST_RUNS = 1000;
const DEFAULT_TIMEOUT_MS = 600_000;

export interface VerifyOptions {
  /** Scenarios (default 1000), multiplied by SNAPCHECK_RUNS_SCALE. */
  readonly runs?: number;
  /** Default: SNAPCHECK_SEED, else random (printed either way). */
  readonly seed?: number;
  /** Check only these properties (default: every property of the strategy's guarantee). */
  readonly properties?: readonly SuiteProperty[];
  /** Where a counterexample bundle goes (default: SNAPCHECK_COUNTEREXAMPLE_DIR, else .snapcheck/counterexamples). */
  readonly outDir?: string;
  /** The test's name (default: "<strategy> holds <guarantee>"). */
  readonly name?: string;
  /** The test's time limit in milliseconds (default 10 minutes). */
  readonly timeoutMs?: number;
  /**
   * The strategy's module, when `verifyStrategy` is given the strategy itself: the bundle names it
   * so that `npx snapcheck replay` can load it again (`new URL('./my-strategy.ts', import.meta.url)`).
   */
  readonly module?: string | URL;
}

/** Thrown by a failing verification: its message is the diagnosis. */
export class StrategyViolation extends Error {
  override name = 'AssertionError';
  constructor(
    message: string,
    readonly result: SuiteResult,
    readonly bundleFile: string,
  ) {
    super(message);
  }
}

/** A strategy, a built-in's name, or a module path (relative to the working directory) or file URL. */
export type StrategyInput = CheckpointStrategy | string | URL;

/** Register a test that runs the strategy's property suite. */
export function verifyStrategy(input: StrategyInput, options: VerifyOptions = {}): void {
  let label: string;
  if (typeof input === 'object' && !(input instanceof URL)) {
    refFor(input, options); // a strategy given without its module fails here, not after the run
    label = options.name ?? `${input.name} holds ${input.guarantee}`;
  } else {
    label = options.name ?? `${describeInput(input)} holds its declared guarantee`;
  }
  test(label, () => assertStrategy(input, options), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** Run the suite now (inside any test); throws StrategyViolation with the diagnosis on a counterexample. */
export async function assertStrategy(input: StrategyInput, options: VerifyOptions = {}): Promise<SuiteResult> {
  const { strategy, ref } = await resolveInput(input, options);
  const seed = options.seed ?? resolveSeed();
  const runs = scaledRuns(options.runs ?? DEFAULT_TEST_RUNS);
  console.log(`snapcheck: ${strategy.name}, seed ${seed}, ${runs} scenarios (reproduce: ${SEED_ENV}=${seed})`);
  const result = runSuite(strategy, { runs, seed, ...(options.properties === undefined ? {} : { properties: options.properties }) });
  if (result.counterexample === null) return result;
  const command = reproductionCommand(ref.kind === 'built-in' ? ref.name : ref.path, seed, result.counterexample.path, runs, options.properties);
  const bundle = counterexampleBundle(result, strategy, ref, command.replace(/^npx /, ''), options.properties);
  const file = join(options.outDir ?? process.env.SNAPCHECK_COUNTEREXAMPLE_DIR ?? '.snapcheck/counterexamples', bundleFileName(strategy.name, result.counterexample.property, seed));
  writeBundleFile(file, bundle);
  const message = violationMessage(result, bundle, file, command);
  console.log(message.split('\n').slice(-4).join('\n'));
  throw new StrategyViolation(message, result, file);
}

function violationMessage(result: SuiteResult, bundle: Bundle, file: string, command: string): string {
  const ce = result.counterexample!;
  const violation = ce.verdict.status === 'violated' ? ce.verdict : { status: 'violated' as const, property: ce.property, explanation: 'the failure did not reproduce on re-evaluation' };
  return [
    `${result.strategy} violates ${ce.property} (seed ${ce.seed}, found after ${ce.runsToFind} run(s)): ${describeScenario(ce.scenario)}`,
    '',
    ...formatDiagnosis(ce.scenario, violation, recordedHistory(bundle.history) ?? undefined),
    '',
    `bundle: ${file}`,
    `replay: npx snapcheck replay ${file}  (add --html ce.html for its space-time diagram)`,
    `rerun:  ${command}`,
    `seed:   ${SEED_ENV}=${ce.seed} reruns these tests with the same scenarios`,
  ].join('\n');
}

async function resolveInput(input: StrategyInput, options: VerifyOptions): Promise<{ strategy: CheckpointStrategy; ref: StrategyRef }> {
  if (typeof input === 'object' && !(input instanceof URL)) return { strategy: input, ref: refFor(input, options) };
  if (typeof input === 'string' && !isPath(input)) {
    const strategy = findStrategy(input);
    if (strategy === undefined) throw new Error(`unknown strategy "${input}": give a built-in name, a module path or a file URL`);
    return { strategy, ref: { kind: 'built-in', name: input } };
  }
  // snapcheck's loader, not import(): this file runs outside vitest's transform when installed, and
  // the loader takes .ts from any folder as the CLI does.
  const path = modulePath(input);
  const { strategy } = await loadStrategyModule(path, displayPath(path));
  return { strategy, ref: moduleRef(strategy, path) };
}

function refFor(strategy: CheckpointStrategy, options: VerifyOptions): StrategyRef {
  if ([...BUILT_IN_STRATEGIES, ...CANARY_STRATEGIES].includes(strategy)) return { kind: 'built-in', name: strategy.name };
  if (options.module === undefined) {
    throw new Error(`verifyStrategy(${strategy.name}): give its module so a counterexample can be replayed, as verifyStrategy(strategy, { module: new URL('./its-file.ts', import.meta.url) }), or pass the module path instead of the strategy`);
  }
  return moduleRef(strategy, modulePath(options.module));
}

function moduleRef(strategy: CheckpointStrategy, path: string): StrategyRef {
  return { kind: 'module', name: strategy.name, path: displayPath(path), sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

function isPath(text: string): boolean {
  return /[\\/]/.test(text) || /\.(ts|mts|cts|js|mjs|cjs)$/.test(text) || text.startsWith('file:');
}

function modulePath(input: string | URL): string {
  if (input instanceof URL || input.startsWith('file:')) return fileURLToPath(input);
  return isAbsolute(input) ? input : resolve(input);
}

/** As the CLI records module paths: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function describeInput(input: string | URL): string {
  return input instanceof URL ? displayPath(fileURLToPath(input)) : input;
}

/**
 * Register a test per pinned bundle in `dir` (written by `snapcheck pin`): each must still behave as
 * pinned. Module strategies are loaded from the path the bundle records, relative to `root`
 * (default: the working directory, where `snapcheck pin` ran).
 */
export function replayPinned(dir: string | URL, options: { readonly root?: string } = {}): void {
  const folder = dir instanceof URL ? fileURLToPath(dir) : resolve(dir);
  const files = bundleFilesIn(folder);
  if (files.length === 0) {
    test(`pinned regressions in ${displayPath(folder)}`, () => {
      throw new Error(`no pinned bundles in ${displayPath(folder)}: pin one with npx snapcheck pin BUNDLE.json --dir ${displayPath(folder)}`);
    });
    return;
  }
  for (const file of files) {
    test(`${file} behaves as pinned`, async () => {
      const path = join(folder, file);
      const read = readBundleFile(path);
      if (!read.ok) throw new Error(`${file}: ${read.problem}`);
      const strategy = await pinnedStrategy(read.bundle, options.root ?? process.cwd());
      const verdict = checkPinned(read.bundle, strategy, `npx snapcheck replay ${displayPath(path)}`);
      if (!verdict.ok) throw new Error(`${file}: ${verdict.problem}`);
      if (verdict.note !== null) console.log(`${file}: ${verdict.note}`);
    });
  }
}

async function pinnedStrategy(bundle: Bundle, root: string): Promise<CheckpointStrategy> {
  const ref = bundle.strategy;
  if (ref.kind === 'built-in') {
    const strategy = findStrategy(ref.name);
    if (strategy === undefined) throw new Error(`the bundle names an unknown built-in strategy "${ref.name}"`);
    return strategy;
  }
  const path = isAbsolute(ref.path) ? ref.path : join(root, ref.path);
  return (await loadStrategyModule(path, ref.path)).strategy;
}
