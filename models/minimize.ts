// A scenario minimizer that works on the scenario itself, after fast-check's shrinking. fast-check
// shrinks the generator's inputs, where removing an operator re-wires the rest of the topology and
// re-interprets every decision after it, so it often stops early. Here each step removes one thing
// directly (a fault, a trigger, an operator spliced out of the graph, an idle source, a subtask, a
// record, a decision) and keeps the change only if the same property is still violated.
import { Prng, parseScenario, type EdgeSpec, type LogicalTopology, type Scenario, type Timing } from '../src/index.ts';

export type StillFails = (scenario: Scenario) => boolean;

export interface MinimizeResult {
  readonly scenario: Scenario;
  readonly attempts: number;
  readonly accepted: number;
}

const ATTEMPTS_MAX = 4000;
/** Schedules tried for a structurally smaller scenario whose old decisions no longer fail. */
const RESCHEDULES = 24;
const DECISION_VALUE_MAX = 7;

export function minimizeScenario(start: Scenario, stillFails: StillFails): MinimizeResult {
  let current = start;
  let attempts = 0;
  let accepted = 0;
  const tryCandidate = (candidate: Scenario): boolean => {
    if (attempts >= ATTEMPTS_MAX || !parseScenario(candidate).ok) return false;
    attempts++;
    if (!stillFails(candidate)) return false;
    current = candidate;
    accepted++;
    return true;
  };
  // Deterministic: the minimizer's own schedule search uses a fixed-seed PRNG.
  const prng = new Prng(0x5eed);
  const tryStructural = (candidate: Scenario): boolean => {
    // A structural change re-interprets the decision list: retry with the plainest schedule, then a few others.
    if (tryCandidate(candidate) || tryCandidate({ ...candidate, decisions: [] })) return true;
    for (let i = 0; i < RESCHEDULES; i++) {
      const decisions = Array.from({ length: Math.max(8, candidate.decisions.length) }, () => prng.nextBelow(DECISION_VALUE_MAX + 1));
      if (tryCandidate({ ...candidate, decisions })) return true;
    }
    return false;
  };
  for (let changed = true; changed && attempts < ATTEMPTS_MAX; ) {
    changed = false;
    for (const [pass, structural] of PASSES) {
      for (const candidate of pass(current)) {
        if (structural ? tryStructural(candidate) : tryCandidate(candidate)) {
          changed = true;
          break; // candidates were derived from the old scenario: regenerate
        }
      }
    }
  }
  return { scenario: current, attempts, accepted };
}

type Pass = (s: Scenario) => Iterable<Scenario>;

function* withoutFaults(s: Scenario): Iterable<Scenario> {
  for (let i = 0; i < s.faults.length; i++) yield { ...s, faults: s.faults.filter((_, j) => j !== i) };
}

function* withoutTriggers(s: Scenario): Iterable<Scenario> {
  for (let i = 0; i < s.triggers.length; i++) yield { ...s, triggers: s.triggers.filter((_, j) => j !== i) };
  for (let i = 0; i < s.triggers.length; i++) {
    if (s.triggers[i]! > 0) yield { ...s, triggers: s.triggers.map((t, j) => (j === i ? Math.floor(t / 2) : t)) };
  }
}

function* withoutOperators(s: Scenario): Iterable<Scenario> {
  for (const node of s.topology.nodes) {
    if (node.kind === 'source' || node.kind === 'sink') continue;
    yield { ...s, topology: spliceOut(s.topology, node.id) };
  }
}

/** Remove a node, connecting each of its inputs straight to each of its outputs. */
function spliceOut(topology: LogicalTopology, id: string): LogicalTopology {
  const inputs = topology.edges.filter((e) => e.to === id);
  const outputs = topology.edges.filter((e) => e.from === id);
  const bypass: EdgeSpec[] = inputs.flatMap((i) => outputs.map((o): EdgeSpec => ({ ...o, from: i.from })));
  const edges = [...topology.edges.filter((e) => e.from !== id && e.to !== id), ...bypass];
  const unique = edges.filter((e, i) => edges.findIndex((f) => f.from === e.from && f.to === e.to && f.side === e.side) === i);
  return { nodes: topology.nodes.filter((n) => n.id !== id), edges: unique };
}

function* withoutIdleSources(s: Scenario): Iterable<Scenario> {
  for (const node of s.topology.nodes) {
    if (node.kind !== 'source' || (s.sourceLogs[node.id] ?? []).some((log) => log.length > 0)) continue;
    const { [node.id]: _removed, ...sourceLogs } = s.sourceLogs;
    const topology = { nodes: s.topology.nodes.filter((n) => n.id !== node.id), edges: s.topology.edges.filter((e) => e.from !== node.id) };
    yield { ...s, topology, sourceLogs };
  }
}

function* lowerParallelism(s: Scenario): Iterable<Scenario> {
  for (const node of s.topology.nodes) {
    if (node.parallelism <= 1) continue;
    const nodes = s.topology.nodes.map((n) => (n.id === node.id ? { ...n, parallelism: n.parallelism - 1 } : n));
    // Forward edges need equal parallelism on both ends: fall back to rebalance where they no longer match.
    const edges = s.topology.edges.map((e) => {
      const [from, to] = [nodes.find((n) => n.id === e.from)!, nodes.find((n) => n.id === e.to)!];
      return e.partitioner === 'forward' && from.parallelism !== to.parallelism ? { ...e, partitioner: 'rebalance' as const } : e;
    });
    const logs = s.sourceLogs[node.id];
    if (!logs) {
      yield { ...s, topology: { nodes, edges } };
      continue;
    }
    const kept = logs.slice(0, -1);
    yield { ...s, topology: { nodes, edges }, sourceLogs: { ...s.sourceLogs, [node.id]: kept } };
    // Or keep the records of the removed subtask by moving them to the one before it.
    const merged = kept.map((log, i) => (i === kept.length - 1 ? [...log, ...logs[logs.length - 1]!] : log));
    yield { ...s, topology: { nodes, edges }, sourceLogs: { ...s.sourceLogs, [node.id]: merged } };
  }
}

function* withoutRecords(s: Scenario): Iterable<Scenario> {
  for (const [id, logs] of Object.entries(s.sourceLogs)) {
    for (let sub = 0; sub < logs.length; sub++) {
      const log = logs[sub]!;
      for (let i = log.length - 1; i >= 0; i--) {
        const shorter = logs.map((l, j) => (j === sub ? l.filter((_, k) => k !== i) : l));
        yield { ...s, sourceLogs: { ...s.sourceLogs, [id]: shorter } };
      }
    }
  }
}

function* simplerDecisions(s: Scenario): Iterable<Scenario> {
  const d = s.decisions;
  if (d.length > 0) yield { ...s, decisions: d.slice(0, Math.floor(d.length / 2)) };
  for (let i = d.length - 1; i >= 0; i--) if (d[i] !== 0) yield { ...s, decisions: d.map((v, j) => (j === i ? 0 : v)) };
  for (let i = d.length - 1; i >= 0; i--) yield { ...s, decisions: d.filter((_, j) => j !== i) };
}

// A shorter checkpoint timeout or fewer tolerated failures add aborts, not simplicity: left alone.
const TIMING_FLOOR: Partial<Record<keyof Timing, number>> = { channelCapacity: 1, deliveryDelayTicksMax: 0, processingTicksMax: 0, uploadTicksMax: 0, rpcDelayTicksMax: 0, restartTicks: 1 };

function* plainerTiming(s: Scenario): Iterable<Scenario> {
  for (const [key, floor] of Object.entries(TIMING_FLOOR) as [keyof Timing, number][]) {
    if ((s.timing[key] ?? floor) > floor) yield { ...s, timing: { ...s.timing, [key]: floor } };
  }
}

/** Each pass with whether it changes the structure (and so the meaning of the decisions). */
const PASSES: readonly (readonly [Pass, boolean])[] = [
  [withoutFaults, false],
  [withoutTriggers, false],
  [withoutOperators, true],
  [withoutIdleSources, true],
  [lowerParallelism, true],
  [withoutRecords, false],
  [simplerDecisions, false],
  [plainerTiming, false],
];
