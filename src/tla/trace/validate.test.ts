// Trace validation on hand-built runs: aligned runs are steps of spec/Aligned.tla; the canaries'
// runs are not, and the first step the spec does not allow is named; a History edited to break the
// algorithm is rejected where it breaks; runs outside the spec's model are refused, not accepted.
import { afterAll, describe, expect, it } from 'vitest';
import type { History, HistoryEvent } from '../../core/history.ts';
import { run } from '../../sim/runner.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { findStrategy } from '../../strategies/registry.ts';
import { EmbeddedEngine } from '../embedded-client.ts';
import { recordSource, specNames } from './aligned-mapping.ts';
import { describeTraceValidation } from './describe.ts';
import { alignedTraceScenario, alignedTraceTopology, type AlignedTraceShape } from './scenario.ts';
import { validateAlignedTrace, type TraceValidation } from './validate.ts';
import { expandTopology } from '../../dataflow/physical.ts';

const engine = new EmbeddedEngine();
afterAll(() => engine.stop());

const log = (n: number, salt: number) => Array.from({ length: n }, (_, i) => ({ key: (i + salt) % 3, value: (i * 7 + salt) % 10 }));

function shape(overrides: Partial<AlignedTraceShape> = {}): AlignedTraceShape {
  return {
    logA: log(3, 0),
    logB: log(3, 1),
    operator: 'count',
    triggerGapsTicks: [2, 3],
    timing: { channelCapacity: 2, deliveryDelayTicksMax: 2, processingTicksMax: 1, uploadTicksMax: 3, rpcDelayTicksMax: 2 },
    decisions: [1, 0, 2, 1, 1, 0, 3, 1, 2, 0, 1, 1],
    ...overrides,
  };
}

function historyOf(scenario: Scenario, strategy: string): History {
  return run(scenario, findStrategy(strategy)!).history;
}

function rejectedAt(validation: TraceValidation): { index: number; event: HistoryEvent | null; reason: string } {
  if (validation.status !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(validation)}`);
  return validation.rejected;
}

describe('validateAlignedTrace', () => {
  it.each([
    ['count, two checkpoints', shape()],
    ['union, three checkpoints, tight credit', shape({ operator: 'union', triggerGapsTicks: [0, 0, 1], timing: { ...shape().timing, channelCapacity: 1 } })],
    ['sum, one checkpoint, no delays', shape({ operator: 'sum', triggerGapsTicks: [1], timing: { channelCapacity: 4, deliveryDelayTicksMax: 0, processingTicksMax: 0, uploadTicksMax: 0, rpcDelayTicksMax: 0 } })],
    ['an empty source log', shape({ logB: [], triggerGapsTicks: [4] })],
  ])('accepts an aligned run: %s', async (_label, s) => {
    const scenario = alignedTraceScenario(s);
    const validation = await validateAlignedTrace(engine, scenario, historyOf(scenario, 'aligned'));
    expect(validation, describeTraceValidation(validation, scenario).join('\n')).toMatchObject({ status: 'accepted' });
  });

  it.each(['no-align', 'early-unblock'])('rejects the %s canary at the barrier that c handles wrongly', async (canary) => {
    const scenario = alignedTraceScenario(shape());
    const history = historyOf(scenario, canary);
    const rejected = rejectedAt(await validateAlignedTrace(engine, scenario, history));
    const graph = expandTopology(scenario.topology);
    expect(rejected.event).toBe(history[rejected.index]);
    expect(rejected.event?.kind).toBe('barrierReceived');
    expect(graph.tasks[(rejected.event as { task: number }).task]!.node.id).toBe('c');
    // It is c's first barrier: everything before it was a step of the spec.
    expect(history.slice(0, rejected.index).some((e) => e.kind === 'barrierReceived' && graph.tasks[e.task]!.node.id === 'c')).toBe(false);
    const text = describeTraceValidation(await validateAlignedTrace(engine, scenario, history), scenario);
    expect(text[0]).toMatch(new RegExp(`^trace rejected by spec/Aligned.tla \\(CONSTANTS MaxRecords = 3 MaxCkpt = 2 Bug = "none"\\) at History #${rejected.index} \\(t=\\d+ c\\.0 barrierReceived checkpoint 1 on [ab]\\.0->c\\.0\\), mapped to spec action ReceiveBarrier: no ReceiveBarrier step`));
    expect(text.some((l) => l.startsWith('  blocked: implementation'))).toBe(true);
  });

  it('rejects a History edited so that c leaves an input blocked after its snapshot, at that step', async () => {
    const scenario = alignedTraceScenario(shape());
    const history = [...historyOf(scenario, 'aligned')];
    const graph = expandTopology(scenario.topology);
    const unblock = history.findIndex((e) => e.kind === 'unblocked' && graph.tasks[e.task]!.node.id === 'c');
    history.splice(unblock, 1);
    const rejected = rejectedAt(await validateAlignedTrace(engine, scenario, history));
    expect(rejected.index).toBeLessThan(unblock);
    expect(rejected.event?.kind).toBe('barrierReceived');
    expect(rejected.reason).toMatch(/no ReceiveBarrier step of the spec leads to the implementation's state/);
  });

  it('rejects a record taken from a channel whose head is something else, naming the event', async () => {
    const scenario = alignedTraceScenario(shape());
    const history = [...historyOf(scenario, 'aligned')];
    const first = history.findIndex((e) => e.kind === 'processed');
    const event = history[first] as Extract<HistoryEvent, { kind: 'processed' }>;
    history[first] = { ...event, record: { ...event.record, id: event.record.id.replace(/^[ab]/, (s) => (s === 'a' ? 'b' : 'a')) } };
    const rejected = rejectedAt(await validateAlignedTrace(engine, scenario, history));
    expect(rejected.index).toBe(first);
    expect(rejected.reason).toMatch(/delivered .* but its head was/);
  });

  it('refuses runs outside the spec: faults, an aborted checkpoint, another topology', async () => {
    const crashing: Scenario = { ...alignedTraceScenario(shape()), faults: [{ kind: 'global-crash', tick: 6 }] };
    const crashed = rejectedAt(await validateAlignedTrace(engine, crashing, historyOf(crashing, 'aligned')));
    expect(crashed.event?.kind).toBe('crashed');
    expect(crashed.reason).toMatch(/outside the Aligned spec/);
    const other: Scenario = { ...alignedTraceScenario(shape()), topology: { ...alignedTraceTopology('count'), nodes: alignedTraceTopology('count').nodes.map((n) => (n.id === 'c' ? { ...n, kind: 'filter', param: 2 } : n)) } };
    expect(await validateAlignedTrace(engine, other, [])).toMatchObject({ status: 'inapplicable' });
    const many: Scenario = alignedTraceScenario(shape({ logA: log(6, 0) }));
    expect(await validateAlignedTrace(engine, many, [])).toEqual({ status: 'inapplicable', reason: "source logs longer than 5 records are beyond the spec's constants" });
  });
});

describe('the mapping', () => {
  it('names the physical graph after the spec and finds a record source from its id', () => {
    const topology = alignedTraceTopology('union');
    const mapped = specNames(topology, expandTopology(topology));
    expect(mapped.ok && [mapped.names.task, mapped.names.channel]).toEqual([['a', 'b', 'c', 'k'], ['ac', 'bc', 'ck']]);
    expect([recordSource('a.0@3'), recordSource('b.0@0>c'), recordSource('b.0@12>c>d')]).toEqual(['a', 'b', 'b']);
  });
});
