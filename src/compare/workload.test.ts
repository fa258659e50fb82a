// Workloads: presets are valid scenarios for every seed, seeds vary them deterministically, and the
// workload file format rejects bad input with the field named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasCycle } from '../dataflow/topology.ts';
import { parseScenario } from '../scenario/scenario-schema.ts';
import { PRESETS, presetNames, presetsNamed } from './presets.ts';
import { parseWorkload, WORKLOAD_FORMAT, WORKLOAD_FORMAT_VERSION } from './workload-file.ts';
import { buildScenario, triggerTicks, type Workload } from './workload.ts';

const EXAMPLE = 'examples/workloads/clicks-join.json';

function asFile(workload: Workload): Record<string, unknown> {
  return { format: WORKLOAD_FORMAT, formatVersion: WORKLOAD_FORMAT_VERSION, ...JSON.parse(JSON.stringify(workload)) };
}

describe('presets', () => {
  it('include every workload the comparison promises', () => {
    expect(presetNames()).toEqual(expect.arrayContaining(['steady', 'backpressure', 'skew', 'wide-shuffle', 'deep-pipeline', 'cyclic', 'crash-heavy']));
    expect(presetsNamed('backpressure').map((w) => w.sweep?.value)).toEqual([1, 3, 6, 9]);
    expect(hasCycle(presetsNamed('cyclic')[0]!.topology)).toBe(true);
  });

  it.each(PRESETS.map((w) => [w.name, w] as const))('%s builds a valid scenario for every seed, and passes the workload file format', (_name, workload) => {
    for (const seed of [1, 2, 77]) {
      const check = parseScenario(JSON.parse(JSON.stringify(buildScenario(workload, seed))));
      expect(check.ok ? 'ok' : check.problem).toBe('ok');
    }
    const file = parseWorkload(asFile(workload));
    expect(file.ok ? file.workload : file.problem).toEqual(workload);
  });

  it('a seed fixes the scenario; another seed draws other logs and crash ticks, on the same topology and triggers', () => {
    const crashy = presetsNamed('crash-heavy')[0]!;
    expect(buildScenario(crashy, 5)).toEqual(buildScenario(crashy, 5));
    const [one, two] = [buildScenario(crashy, 1), buildScenario(crashy, 2)];
    expect(one.sourceLogs).not.toEqual(two.sourceLogs);
    expect(one.faults).not.toEqual(two.faults);
    expect([one.topology, one.triggers, one.timing]).toEqual([two.topology, two.triggers, two.timing]);
    expect(one.faults).toHaveLength(3);
    for (const fault of one.faults) expect('tick' in fault && fault.tick >= 60 && fault.tick < 360).toBe(true);
    expect(one.limits.faultWindowTicks).toBeGreaterThan(Math.max(...one.faults.map((f) => ('tick' in f ? f.tick : 0))));
  });

  it('skew puts about the requested share of records on the hot key', () => {
    const skew = buildScenario(presetsNamed('skew')[0]!, 3);
    const keys = Object.values(skew.sourceLogs).flat(2).map((r) => r.key);
    const hot = keys.filter((k) => k === 0).length / keys.length;
    expect(hot).toBeGreaterThan(0.5);
    expect(hot).toBeLessThan(0.75);
  });

  it('an interval schedule triggers from its first tick to its last, inclusive', () => {
    expect(triggerTicks({ fromTick: 10, everyTicks: 5, untilTick: 25 })).toEqual([10, 15, 20, 25]);
    expect(triggerTicks({ triggers: [3, 9] })).toEqual([3, 9]);
  });
});

describe('the workload file format', () => {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;

  it(`accepts the shipped example (${EXAMPLE}), with explicit and generated logs`, () => {
    const check = parseWorkload(example);
    if (!check.ok) throw new Error(check.problem);
    const scenario = buildScenario(check.workload, 4);
    expect(scenario.sourceLogs.views).toEqual((example.sources as { views: { logs: unknown } }).views.logs);
    expect(scenario.sourceLogs.clicks!.map((log) => log.length)).toEqual([60, 60]);
    expect(scenario.strategyOptions).toEqual({ alignmentTimeoutTicks: 15 });
  });

  /** The example's fields these cases edit. */
  interface Editable {
    format: string;
    formatVersion: number;
    colour?: string;
    sources: Record<string, { records?: number; keys?: number; logs?: unknown[][] }>;
    checkpoints: unknown;
    randomCrashes: { untilTick: number };
    timing: { channelCapacity: number };
    topology: { edges: { partitioner: string }[] };
  }

  const edit = (change: (w: Editable) => void): Record<string, unknown> => {
    const copy = JSON.parse(JSON.stringify(example)) as Editable & Record<string, unknown>;
    change(copy);
    return copy;
  };

  it.each([
    ['a wrong format', edit((w) => (w.format = 'scenario')), /^format: /],
    ['a future version', edit((w) => (w.formatVersion = 2)), /^formatVersion: /],
    ['an unknown field', edit((w) => (w.colour = 'red')), /Unrecognized key: "colour"/],
    ['a negative record count', edit((w) => (w.sources.clicks!.records = -1)), /^sources\.clicks\.records: /],
    ['logs and generated records at once', edit((w) => (w.sources.clicks!.logs = [[], []])), /^sources\.clicks: give either "logs"/],
    ['a source without an entry', edit((w) => delete w.sources.views), /^sources: no entry for source node "views"$/],
    ['an entry for no source', edit((w) => (w.sources.ghost = { records: 1, keys: 1 })), /^sources\.ghost: no source node has this id$/],
    ['a log per subtask too many', edit((w) => w.sources.views!.logs!.push([])), /^sources\.views\.logs: expected one log per subtask \(1\), got 2$/],
    ['half an interval', edit((w) => (w.checkpoints = { fromTick: 3 })), /^checkpoints: give either "triggers"/],
    ['triggers out of order', edit((w) => (w.checkpoints = { triggers: [5, 3] })), /^checkpoints\.triggers\.1: trigger ticks must be ascending$/],
    ['a crash window that ends before it starts', edit((w) => (w.randomCrashes.untilTick = 10)), /^randomCrashes\.untilTick: untilTick must be after fromTick$/],
    ['a zero channel capacity', edit((w) => (w.timing.channelCapacity = 0)), /^timing\.channelCapacity: /],
    ['a keyed operator behind a forward edge', edit((w) => (w.topology.edges[2]!.partitioner = 'forward')), /^topology: keyed count "perKey" must be fed through a hash edge/],
  ])('rejects %s, naming the field', (_what, input, message) => {
    const check = parseWorkload(input);
    expect(check.ok ? 'accepted' : check.problem).toMatch(message);
  });
});
