// Suites over worker threads give what the same suites give serially, byte for byte: verdicts,
// tallies, counterexamples and their batches, for built-in strategies and a user's module.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStrategyModule } from '../modules/strategy-module.ts';
import { findStrategy } from '../strategies/registry.ts';
import { runSuitesInParallel, type SuiteJob } from './parallel.ts';
import { runSuite, type SeededSuiteOptions } from './suite.ts';

const OPTIONS: SeededSuiteOptions = { runs: 450, seed: 4242 };

describe('runSuitesInParallel', () => {
  it('gives the serial result for passing strategies, canaries and a module, in job order', async () => {
    const example = resolve('examples/tracking-aligned.ts');
    const module = (await loadStrategyModule(example)).strategy;
    const jobs: SuiteJob[] = [
      { source: { kind: 'built-in', name: 'no-align' }, strategy: findStrategy('no-align')!, options: OPTIONS },
      { source: { kind: 'built-in', name: 'aligned' }, strategy: findStrategy('aligned')!, options: OPTIONS },
      { source: { kind: 'module', path: example }, strategy: module, options: OPTIONS },
      { source: { kind: 'built-in', name: 'early-unblock' }, strategy: findStrategy('early-unblock')!, options: OPTIONS },
    ];
    const order: number[] = [];
    let lastEvaluated = 0;
    const outcomes = await runSuitesInParallel(jobs, { workers: 2, onSuite: (i) => order.push(i), onEvaluated: (n) => (lastEvaluated = Math.max(lastEvaluated, n)) });
    expect(order).toEqual([0, 1, 2, 3]);
    expect(lastEvaluated).toBeGreaterThan(OPTIONS.runs);
    const serial = jobs.map((job) => runSuite(job.strategy, job.options));
    expect(outcomes.map((o) => (o.ok ? o.result : o.error.message))).toEqual(serial);
    expect(serial[0]!.counterexample).not.toBeNull();
    expect(serial[1]!.counterexample).toBeNull();
    expect(serial[3]!.counterexample).not.toBeNull();
  }, 300_000);

  it('reports a module that fails to load in the worker as that suite failing, the others decided', async () => {
    const jobs: SuiteJob[] = [
      { source: { kind: 'module', path: '/nonexistent/strategy.ts' }, strategy: findStrategy('aligned')!, options: { runs: 150, seed: 1 } },
      { source: { kind: 'built-in', name: 'aligned' }, strategy: findStrategy('aligned')!, options: { runs: 150, seed: 1 } },
    ];
    const outcomes = await runSuitesInParallel(jobs, { workers: 2 });
    expect(outcomes[0]).toMatchObject({ ok: false, error: { name: 'ModuleLoadError', message: expect.stringMatching(/does not exist/) } });
    expect(outcomes[1]).toMatchObject({ ok: true, result: { runsChecked: 150, counterexample: null } });
  }, 120_000);
});
