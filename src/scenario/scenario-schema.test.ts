import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario-schema.ts';
import { DEFAULT_LIMITS, DEFAULT_TIMING, type Scenario } from './scenario.ts';

// Built by hand (not by the generators) so the test does not depend on the code it guards.
const VALID: Scenario = {
  formatVersion: 1,
  strategy: 'aligned',
  topology: {
    nodes: [
      { id: 'src', kind: 'source', parallelism: 2 },
      { id: 'c', kind: 'count', parallelism: 1 },
      { id: 'out', kind: 'sink', parallelism: 1 },
    ],
    edges: [
      { from: 'src', to: 'c', partitioner: 'hash' },
      { from: 'c', to: 'out', partitioner: 'forward' },
    ],
  },
  sourceLogs: { src: [[{ key: 1, value: 2 }], []] },
  triggers: [5, 5, 9],
  faults: [
    { kind: 'task-crash', tick: 3, task: 1 },
    { kind: 'upload-crash', upload: 0 },
    { kind: 'lost-trigger', trigger: 2 },
  ],
  timing: DEFAULT_TIMING,
  limits: DEFAULT_LIMITS,
  decisions: [0, 3],
};

/** A copy of VALID with node `index` changed (spread, so VALID itself is never mutated). */
function withNode(index: number, change: object): unknown {
  const nodes = VALID.topology.nodes.map((n, i) => (i === index ? { ...n, ...change } : n));
  return { ...VALID, topology: { ...VALID.topology, nodes } };
}

function problemOf(input: unknown): string {
  const check = parseScenario(input);
  if (check.ok) throw new Error('expected the scenario to be rejected');
  expect(check.problem).not.toContain('\n');
  return check.problem;
}

describe('parseScenario', () => {
  it('accepts a valid scenario and returns it unchanged', () => {
    expect(parseScenario(JSON.parse(JSON.stringify(VALID)))).toEqual({ ok: true, scenario: VALID });
  });

  it('rejects another format version', () => {
    expect(problemOf({ ...VALID, formatVersion: 2 })).toMatch(/^formatVersion: /);
  });

  it('rejects an unknown node kind, naming the node', () => {
    expect(problemOf(withNode(1, { kind: 'reduce' }))).toMatch(/^topology\.nodes\.1\.kind: /);
  });

  it('rejects an extra property at the top level', () => {
    expect(problemOf({ ...VALID, colour: 'red' })).toBe('(top level): Unrecognized key: "colour"');
  });

  it('rejects an extra property inside a node', () => {
    expect(problemOf(withNode(2, { colour: 'red' }))).toMatch(/^topology\.nodes\.2: .*"colour"/);
  });

  it('rejects a non-integer record value, naming its position', () => {
    expect(problemOf({ ...VALID, sourceLogs: { src: [[{ key: 1, value: 1.5 }], []] } })).toMatch(/^sourceLogs\.src\.0\.0\.value: /);
  });

  it('rejects a source without logs', () => {
    expect(problemOf({ ...VALID, sourceLogs: {} })).toBe('sourceLogs.src: expected one log per subtask (2), got none');
  });

  it('rejects a source with the wrong number of logs', () => {
    expect(problemOf({ ...VALID, sourceLogs: { src: [[]] } })).toBe('sourceLogs.src: expected one log per subtask (2), got 1');
  });

  it.each(['c', 'ghost'])('rejects logs for %j, which is not a source', (id) => {
    expect(problemOf({ ...VALID, sourceLogs: { ...VALID.sourceLogs, [id]: [[]] } })).toBe(`sourceLogs.${id}: no source node has this id`);
  });

  it('rejects descending triggers, naming the first one out of order', () => {
    expect(problemOf({ ...VALID, triggers: [5, 9, 4] })).toBe('triggers.2: trigger ticks must be ascending');
  });

  it('rejects a topology that breaks a topology rule', () => {
    const edges = [{ from: 'src', to: 'c', partitioner: 'rebalance' }, VALID.topology.edges[1]];
    expect(problemOf({ ...VALID, topology: { ...VALID.topology, edges } })).toMatch(/^topology: keyed count "c" must be fed through a hash edge/);
  });

  it('rejects input that is not an object', () => {
    expect(problemOf(null)).toMatch(/^\(top level\): /);
  });
});
