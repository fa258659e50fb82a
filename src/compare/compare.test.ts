// The comparison runner: identical scenarios for every strategy, deterministic numbers, cells for
// strategies that cannot run a topology, violations reported, and the outputs built from it.
import { describe, expect, it } from 'vitest';
import { SeededChoices } from '../core/choice.ts';
import { run } from '../sim/runner.ts';
import { BUILT_IN_STRATEGIES, findStrategy } from '../strategies/registry.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { checkClaims } from './claims.ts';
import { compareStrategies } from './compare.ts';
import { comparisonCsv, comparisonJson } from './export.ts';
import { measure } from './measure.ts';
import { CHECKPOINT_METRICS, METRIC_INFO, RUN_METRICS } from './metrics.ts';
import { presetsNamed } from './presets.ts';
import { formatComparison } from './table.ts';
import { buildScenario } from './workload.ts';

const strategies = ['aligned', 'unaligned', 'chandy-lamport'].map((n) => findStrategy(n)!);
const workloads = ['steady', 'cyclic'].flatMap(presetsNamed);

describe('compareStrategies', () => {
  const comparison = compareStrategies({ strategies, workloads, seedCount: 3 });

  it('gives every strategy the same scenario and seeded decisions: a cell is the runs measure() reports', () => {
    const cell = comparison.cells.find((c) => c.workload === 'steady' && c.strategy === 'unaligned');
    if (cell?.status !== 'measured') throw new Error('unaligned did not run steady');
    const scenario = buildScenario(workloads[0]!, 2);
    const direct = measure(scenario, run(scenario, strategies[1]!, { choices: new SeededChoices(2) }).history);
    expect(cell.runs[1]!.checkpoints).toEqual(direct.checkpoints);
    expect(cell.runs[1]!.totals).toEqual(direct.totals);
  });

  it('the same strategies, workloads and seeds give identical numbers, and identical JSON and CSV', () => {
    const again = compareStrategies({ strategies, workloads, seedCount: 3 });
    expect(comparisonJson(again, checkClaims(again))).toBe(comparisonJson(comparison, checkClaims(comparison)));
    expect(comparisonCsv(again)).toBe(comparisonCsv(comparison));
  });

  it('marks a strategy that does not support cycles as not run on a cyclic workload', () => {
    const cyclic = comparison.cells.filter((c) => c.workload === 'cyclic');
    expect(cyclic.map((c) => [c.strategy, c.status])).toEqual([
      ['aligned', 'unsupported'],
      ['unaligned', 'unsupported'],
      ['chandy-lamport', 'measured'],
    ]);
    expect(formatComparison(comparison, []).join('\n')).toContain('(not run: aligned, unaligned cannot run this topology');
  });

  it('reports progress for every run, baselines included', () => {
    const seen: number[] = [];
    compareStrategies({ strategies: strategies.slice(0, 1), workloads: workloads.slice(0, 1), seedCount: 2, onRun: (done, total) => seen.push(done, total) });
    expect(seen).toEqual([1, 4, 2, 4, 3, 4, 4, 4]);
  });

  it('counts a strategy that throws as a no-exception violation of that run, and goes on', () => {
    const aligned = findStrategy('aligned')!;
    const brittle: CheckpointStrategy = {
      ...aligned,
      name: 'brittle',
      createTask(context) {
        const task = aligned.createTask(context);
        return {
          handle(event) {
            if (event.kind === 'barrierReceived' && event.checkpoint === 2) throw new Error('cannot count to two');
            return task.handle(event);
          },
        };
      },
    };
    const result = compareStrategies({ strategies: [brittle], workloads: presetsNamed('steady'), seedCount: 2 });
    const cell = result.cells[0]!;
    if (cell.status !== 'measured') throw new Error('brittle did not run');
    expect(cell.runs.map((r) => r.violations.map((v) => `${v.seed} ${v.property}: ${v.explanation}`))).toEqual([
      ['1 no-exception: the run threw Error: cannot count to two'],
      ['2 no-exception: the run threw Error: cannot count to two'],
    ]);
  });

  it("records a strategy's oracle violations with the seed (a canary on a shuffle)", () => {
    const canary = compareStrategies({ strategies: [findStrategy('no-align')!], workloads: presetsNamed('wide-shuffle'), seedCount: 2 });
    const cell = canary.cells[0]!;
    if (cell.status !== 'measured') throw new Error('no-align did not run');
    expect(cell.summary.violations.length).toBeGreaterThan(0);
    expect(cell.summary.violations[0]).toMatchObject({ seed: 1, property: 'cut-consistency' });
    expect(cell.summary.run.violations.max).toBeGreaterThan(0);
    expect(formatComparison(canary, []).join('\n')).toMatch(/Oracle violations:\n {2}no-align on wide-shuffle, seed 1: cut-consistency violated: /);
  });
});

describe('outputs', () => {
  const comparison = compareStrategies({ strategies: BUILT_IN_STRATEGIES.slice(0, 2), workloads: presetsNamed('steady'), seedCount: 2 });

  it('the CSV has a row per workload, strategy and metric, with every percentile', () => {
    const lines = comparisonCsv(comparison).trimEnd().split('\n');
    expect(lines[0]).toBe('workload,strategy,status,metric,per,unit,count,p50,p90,p99,max,mean');
    expect(lines).toHaveLength(1 + 2 * (CHECKPOINT_METRICS.length + RUN_METRICS.length));
    expect(lines[1]).toMatch(/^steady,aligned,measured,end_to_end_duration,checkpoint,ticks,\d+,\d+,\d+,\d+,\d+,[\d.]+$/);
    expect(lines.some((l) => l.startsWith('steady,aligned,measured,throughput,run,records/tick,2,'))).toBe(true);
  });

  it('the JSON holds the format, the metric definitions, every workload and each seed of every cell', () => {
    const json = JSON.parse(comparisonJson(comparison, checkClaims(comparison))) as {
      metrics: unknown;
      workloads: { name: string }[];
      results: { runs: { seed: number }[]; checkpointMetrics: object }[];
      claims: unknown[];
    };
    expect(json).toMatchObject({ format: 'snapcheck-comparison', formatVersion: 1, seeds: [1, 2] });
    expect(json.metrics).toEqual(JSON.parse(JSON.stringify(METRIC_INFO)));
    expect(json.workloads[0]!.name).toBe('steady');
    expect(json.results[0]!.runs.map((r) => r.seed)).toEqual([1, 2]);
    expect(Object.keys(json.results[0]!.checkpointMetrics)).toEqual([...CHECKPOINT_METRICS]);
    expect(json.claims).toHaveLength(5);
  });
});
