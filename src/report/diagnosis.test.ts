import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../core/history.ts';
import { DEFAULT_LIMITS, DEFAULT_TIMING, type Scenario } from '../scenario/scenario.ts';
import { type Violation, describeScenario, formatDiagnosis } from './diagnosis.ts';

const SCENARIO: Scenario = {
  formatVersion: 1,
  strategy: 'aligned',
  topology: {
    nodes: [
      { id: 'a', kind: 'source', parallelism: 2 },
      { id: 'b', kind: 'source', parallelism: 1 },
      { id: 'u', kind: 'union', parallelism: 1 },
      { id: 'c', kind: 'count', parallelism: 3 },
      { id: 'out', kind: 'sink', parallelism: 1 },
    ],
    edges: [
      { from: 'a', to: 'u', partitioner: 'rebalance' },
      { from: 'b', to: 'u', partitioner: 'forward' },
      { from: 'u', to: 'c', partitioner: 'hash' },
      { from: 'c', to: 'out', partitioner: 'rebalance' },
    ],
  },
  sourceLogs: {
    a: [[{ key: 1, value: 1 }, { key: 2, value: 2 }], [{ key: 3, value: 3 }]],
    b: [[{ key: 4, value: 4 }]],
  },
  triggers: [3, 8],
  faults: [{ kind: 'global-crash', tick: 5 }],
  timing: DEFAULT_TIMING,
  limits: DEFAULT_LIMITS,
  decisions: [],
};

describe('describeScenario', () => {
  it('counts sources, operators with parallelism, tasks, records, triggers and faults', () => {
    expect(describeScenario(SCENARIO)).toBe('2 source(s), operators [unionx1, countx3], 8 task(s), 4 record(s), 2 trigger(s), 1 fault(s)');
  });

  it('says "none" when there is no operator between sources and sinks', () => {
    const topology = { nodes: [SCENARIO.topology.nodes[1]!, SCENARIO.topology.nodes[4]!], edges: [{ from: 'b', to: 'out', partitioner: 'forward' as const }] };
    expect(describeScenario({ ...SCENARIO, topology, sourceLogs: { b: [[]] }, triggers: [], faults: [] })).toBe(
      '1 source(s), operators [none], 2 task(s), 0 record(s), 0 trigger(s), 0 fault(s)',
    );
  });
});

// Task 0 is a.0; channel 0 is a.0->u.0.
const sent: HistoryEvent = { kind: 'sent', tick: 4, task: 0, channel: 0, record: { id: 'a.0@0', key: 1, value: 1 } };
const completed: HistoryEvent = { kind: 'completed', tick: 9, checkpoint: 1 };

describe('formatDiagnosis', () => {
  it('heads with the property and the indented explanation', () => {
    const lines = formatDiagnosis(SCENARIO, { status: 'violated', property: 'determinism', explanation: 'two runs differed' });
    expect(lines).toEqual(['VIOLATED: determinism', '', '  two runs differed']);
  });

  it('wraps a long explanation at 100 characters', () => {
    const explanation = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const [, , ...body] = formatDiagnosis(SCENARIO, { status: 'violated', property: 'p', explanation });
    expect(body.length).toBeGreaterThan(1);
    for (const line of body) expect(line.length).toBeLessThanOrEqual(102);
    expect(body.map((l) => l.trim()).join(' ')).toBe(explanation);
  });

  it('lists witness events sorted by history index, with task and channel labels and notes', () => {
    const violation: Violation = {
      status: 'violated',
      property: 'exactly-once',
      explanation: 'a.0@0 was counted twice',
      witness: [
        { index: 12, event: completed, note: 'the checkpoint that includes it' },
        { index: 3, event: sent, note: 'first copy' },
      ],
    };
    expect(formatDiagnosis(SCENARIO, violation).slice(3)).toEqual([
      '',
      'Witness (history index, event, why it matters):',
      '  #   3  t=4 a.0 sends a.0@0 on a.0->u.0',
      '          ^ first copy',
      '  #  12  t=9 coordinator completes checkpoint 1',
      '          ^ the checkpoint that includes it',
    ]);
  });

  it('omits the note line for an empty note', () => {
    const violation: Violation = { status: 'violated', property: 'liveness', explanation: 'x', witness: [{ index: 0, event: completed, note: '' }] };
    expect(formatDiagnosis(SCENARIO, violation).slice(-1)).toEqual(['  #   0  t=9 coordinator completes checkpoint 1']);
  });
});
