// The qualitative claims users choose strategies by, on fixed seeds: each must hold on the built-in
// strategies, and each check must be able to fail (shown by swapping the strategies it names).
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_STRATEGIES } from '../strategies/registry.ts';
import { alignmentBoundTicks, checkClaims, CLAIMS, type ClaimResult } from './claims.ts';
import { compareStrategies, type Cell, type Comparison } from './compare.ts';
import { presetsNamed } from './presets.ts';

const SEEDS = 8;
const WORKLOADS = ['steady', 'backpressure', 'skew', 'deep-pipeline', 'crash-heavy'].flatMap(presetsNamed);

let comparison: Comparison;

beforeAll(() => {
  comparison = compareStrategies({ strategies: BUILT_IN_STRATEGIES, workloads: WORKLOADS, seedCount: SEEDS });
});

function claim(id: string, of: Comparison = comparison): ClaimResult {
  const result = checkClaims(of).find((c) => c.claim === id);
  if (result === undefined) throw new Error(`no claim ${id}`);
  return result;
}

function measured(workload: string, strategy: string): Extract<Cell, { status: 'measured' }> {
  const cell = comparison.cells.find((c) => c.workload === workload && c.strategy === strategy);
  if (cell?.status !== 'measured') throw new Error(`${strategy} did not run ${workload}`);
  return cell;
}

/** The same numbers with two strategies' names exchanged: a claim about one must now fail. */
function swapped(a: string, b: string): Comparison {
  const rename = (name: string) => (name === a ? b : name === b ? a : name);
  return { ...comparison, cells: comparison.cells.map((c) => ({ ...c, strategy: rename(c.strategy) })) };
}

function expectHolds(result: ClaimResult): void {
  // The evidence is the measured numbers: printed, so a failure shows them.
  if (result.status !== 'not-applicable') console.log(`${result.claim}:\n  ${result.evidence.join('\n  ')}`);
  expect(result.status === 'not-applicable' ? result.reason : result.evidence.filter((l) => l.startsWith('FAILS'))).toEqual([]);
  expect(result.status).toBe('holds');
}

describe(`the qualitative claims, seeds 1..${SEEDS}`, () => {
  it('under backpressure, unaligned has a lower end_to_end_duration than aligned and a larger persisted_data', () => {
    expectHolds(claim('unaligned-under-backpressure'));
    for (const level of ['backpressure@2', 'backpressure@3', 'backpressure@4']) {
      const [u, a] = [measured(level, 'unaligned').summary.checkpoint, measured(level, 'aligned').summary.checkpoint];
      expect(u.end_to_end_duration.p90).toBeLessThan(a.end_to_end_duration.p50);
      expect(a.persisted_data.max).toBe(0); // aligned stores no in-flight data at all
      expect(u.persisted_data.p50).toBeGreaterThan(0);
    }
    expect(claim('unaligned-under-backpressure', swapped('unaligned', 'aligned')).status).toBe('fails');
  });

  it('at-least-once never blocks (alignment_duration 0)', () => {
    expectHolds(claim('at-least-once-never-blocks'));
    expect(claim('at-least-once-never-blocks', swapped('at-least-once', 'aligned')).status).toBe('fails');
  });

  it('at-least-once shows duplicates after a crash, and none without one', () => {
    expectHolds(claim('at-least-once-duplicates-after-crash'));
    expect(measured('crash-heavy', 'at-least-once').summary.run.duplicates.p50).toBeGreaterThan(0);
    // Exactly-once strategies never leave a duplicate, crashes or not.
    for (const strategy of ['aligned', 'unaligned', 'aligned-timeout', 'chandy-lamport', 'sync']) expect(measured('crash-heavy', strategy).summary.run.duplicates.max).toBe(0);
    expect(claim('at-least-once-duplicates-after-crash', swapped('at-least-once', 'aligned')).status).toBe('fails');
  });

  it('sync costs the most throughput', () => {
    expectHolds(claim('sync-costs-most-throughput'));
    expect(claim('sync-costs-most-throughput', swapped('sync', 'unaligned')).status).toBe('fails');
  });

  it('aligned-timeout bounds the alignment duration near its timeout, where aligned exceeds it', () => {
    expectHolds(claim('aligned-timeout-bounds-alignment'));
    const level = presetsNamed('backpressure@4')[0]!;
    expect(measured(level.name, 'aligned').summary.checkpoint.alignment_duration.max).toBeGreaterThan(alignmentBoundTicks(level));
    expect(claim('aligned-timeout-bounds-alignment', swapped('aligned-timeout', 'aligned')).status).toBe('fails');
  });

  it('no built-in strategy violates its guarantee on these workloads', () => {
    const violations = comparison.cells.flatMap((c) => (c.status === 'measured' ? c.summary.violations.map((v) => `${c.strategy} on ${c.workload}: ${v.property}`) : []));
    expect(violations).toEqual([]);
  });

  it('every claim is tested here', () => {
    expect(CLAIMS).toHaveLength(5);
  });
});
