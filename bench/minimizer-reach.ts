// How often a canary's counterexample reaches the smallest known one, with and without the scenario
// minimizer after fast-check's shrinking (not a timed test: `node --import tsx bench/minimizer-reach.ts`).
//
// Size of a counterexample (counterexampleSize in src/minimize/minimize.ts): tasks + source records +
// checkpoints + crashes. "Smallest known" is the least size over a reference search (200 more seeds,
// 5x the runs, the minimizer with 4x its attempt budget); for both canaries it also meets a lower
// bound (see the README's Counterexamples section).
import { parseArgs } from 'node:util';
import { findStrategy, type CheckpointStrategy } from '../src/index.ts';
import { counterexampleSize, minimizeScenario, MINIMIZE_ATTEMPTS_MAX as ATTEMPTS_MAX } from '../src/index.ts';
import { evaluate, runSuite } from '../src/index.ts';

const CANARIES = ['no-align', 'early-unblock'];
const RUNS = 400;

function sizes(strategy: CheckpointStrategy, seeds: readonly number[], minimize: boolean): number[] {
  return seeds.map((seed) => {
    const ce = runSuite(strategy, { runs: RUNS, seed, minimize }).counterexample;
    if (ce === null) throw new Error(`${strategy.name} passed ${RUNS} scenarios with seed ${seed}`);
    return counterexampleSize(ce.scenario).size;
  });
}

/** The least size over a wider search, minimizing each fast-check result with a bigger budget. */
function smallestKnown(strategy: CheckpointStrategy, seeds: readonly number[]): number {
  let best = Infinity;
  for (const seed of seeds) {
    const ce = runSuite(strategy, { runs: RUNS * 5, seed, minimize: false }).counterexample;
    if (ce === null) continue;
    const deep = minimizeScenario(ce.scenario, (c) => evaluate(strategy, c, [ce.property], null).length > 0, { strategy, attemptsMax: ATTEMPTS_MAX * 4 });
    best = Math.min(best, counterexampleSize(deep.scenario).size);
  }
  return best;
}

function main(): void {
  const { values } = parseArgs({ options: { seeds: { type: 'string' }, reference: { type: 'string' } } });
  const seeds = Array.from({ length: Number(values.seeds ?? 20) }, (_, i) => i + 1);
  const reference = Array.from({ length: Number(values.reference ?? 200) }, (_, i) => 100_000 + i);
  console.log(`| canary | smallest known | fast-check alone: reaches it | sizes | with the minimizer: reaches it | sizes | time with / without |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
  for (const name of CANARIES) {
    const strategy = findStrategy(name)!;
    const best = smallestKnown(strategy, reference);
    let started = performance.now();
    const alone = sizes(strategy, seeds, false);
    const aloneMs = performance.now() - started;
    started = performance.now();
    const minimized = sizes(strategy, seeds, true);
    const minimizedMs = performance.now() - started;
    const reach = (list: number[]) => `${list.filter((s) => s <= best).length}/${list.length}`;
    console.log(`| ${name} | ${best} | ${reach(alone)} | ${alone.join(' ')} | ${reach(minimized)} | ${minimized.join(' ')} | ${(minimizedMs / 1000).toFixed(1)} s / ${(aloneMs / 1000).toFixed(1)} s |`);
  }
}

main();
