// The minimizer's passes: each yields smaller variants of a scenario, and says which events of the
// current run each variant removes (so the decisions of those events go with them) and whether the
// variant changes structure enough to deserve a few fresh schedules when the carried-over one fails.
import { expandTopology } from '../dataflow/physical.ts';
import type { EdgeSpec, LogicalTopology } from '../dataflow/topology.ts';
import type { HistoryEvent } from '../core/history.ts';
import type { Scenario, Timing } from '../scenario/scenario.ts';
import { descendsFrom, recordOf, taskOf, type Transfer } from './decision-transfer.ts';

export interface Candidate extends Transfer {
  readonly scenario: Scenario;
  /** Also try fresh schedules if neither the carried-over nor the plainest schedule fails. */
  readonly reschedule: boolean;
}

export type Pass = (s: Scenario) => Iterable<Candidate>;

/**
 * Fewer crashes. A crash also delays everything after it by its restart, so a checkpoint triggered
 * after the restart is also tried moved earlier by that much (the two steps together keep the
 * checkpoint where it was relative to the records; neither step alone does).
 */
export function* withoutFaults(s: Scenario): Iterable<Candidate> {
  for (let i = 0; i < s.faults.length; i++) {
    const faults = s.faults.filter((_, j) => j !== i);
    yield { scenario: { ...s, faults }, reschedule: true };
    const fault = s.faults[i]!;
    if (!('tick' in fault)) continue;
    const delay = fault.tick + s.timing.restartTicks;
    for (const shift of new Set([delay, delay + 1, delay - 1])) {
      if (shift <= 0) continue;
      const earlier = (t: number) => (t >= fault.tick ? Math.max(0, t - shift) : t);
      const moved = faults.map((f) => ('tick' in f ? { ...f, tick: earlier(f.tick) } : f));
      yield { scenario: { ...s, faults: moved, triggers: s.triggers.map(earlier) }, reschedule: true };
    }
  }
}

/** Fewer checkpoints, then earlier ones (a shorter run before the interesting part). */
export function* withoutTriggers(s: Scenario): Iterable<Candidate> {
  for (let i = 0; i < s.triggers.length; i++) yield { scenario: { ...s, triggers: s.triggers.filter((_, j) => j !== i) }, reschedule: true };
  for (let i = 0; i < s.triggers.length; i++) {
    const t = s.triggers[i]!;
    const earlier = [...new Set([0, Math.floor(t / 2), t - 1])].filter((e) => e >= 0 && e < t && (i === 0 || e >= s.triggers[i - 1]!));
    for (const e of earlier) yield { scenario: { ...s, triggers: s.triggers.map((x, j) => (j === i ? e : x)) }, reschedule: false };
  }
}

/** Tasks of the nodes `ids`, as indices of the current scenario's physical graph. */
function tasksOf(s: Scenario, ids: readonly string[]): Set<number> {
  const graph = expandTopology(s.topology);
  return new Set(ids.flatMap((id) => graph.tasksOfNode.get(id) ?? []));
}

const byTasks = (tasks: ReadonlySet<number>) => (event: HistoryEvent) => tasks.has(taskOf(event) ?? -1);

export function* withoutOperators(s: Scenario): Iterable<Candidate> {
  for (const node of s.topology.nodes) {
    if (node.kind === 'source' || node.kind === 'sink') continue;
    const drops = byTasks(tasksOf(s, [node.id]));
    const topology = spliceOut(s.topology, node.id);
    yield { scenario: { ...s, topology }, drops, reschedule: true };
    // A fan-out through the operator (source p=1 -> operator p=2 -> ...) becomes a wider source: the
    // receivers keep as many inputs as before, with one task less.
    const inputs = new Set(s.topology.edges.filter((e) => e.to === node.id).map((e) => e.from));
    const upstream = s.topology.nodes.find((n) => inputs.size === 1 && inputs.has(n.id));
    if (upstream?.kind !== 'source' || upstream.parallelism >= node.parallelism) continue;
    const nodes = topology.nodes.map((n) => (n.id === upstream.id ? { ...n, parallelism: node.parallelism } : n));
    const widened = { nodes, edges: repairForwardEdges(nodes, topology.edges) };
    const logs = s.sourceLogs[upstream.id] ?? [];
    const empty = Array.from({ length: node.parallelism - logs.length }, () => []);
    yield { scenario: { ...s, topology: widened, sourceLogs: { ...s.sourceLogs, [upstream.id]: [...logs, ...empty] } }, drops, reschedule: true };
    const all = logs.flat();
    const dealt = Array.from({ length: node.parallelism }, (_, i) => all.filter((_, k) => k % node.parallelism === i));
    yield { scenario: { ...s, topology: widened, sourceLogs: { ...s.sourceLogs, [upstream.id]: dealt } }, drops, reschedule: true };
  }
}

/** Remove a node, connecting each of its inputs straight to each of its outputs. */
function spliceOut(topology: LogicalTopology, id: string): LogicalTopology {
  const inputs = topology.edges.filter((e) => e.to === id);
  const outputs = topology.edges.filter((e) => e.from === id);
  const bypass: EdgeSpec[] = inputs.flatMap((i) => outputs.map((o): EdgeSpec => ({ ...o, from: i.from })));
  const edges = [...topology.edges.filter((e) => e.from !== id && e.to !== id), ...bypass];
  const unique = edges.filter((e, i) => edges.findIndex((f) => f.from === e.from && f.to === e.to && f.side === e.side) === i);
  const nodes = topology.nodes.filter((n) => n.id !== id);
  return { nodes, edges: repairForwardEdges(nodes, unique) };
}

/** Forward edges need equal parallelism on both ends: fall back to rebalance where they no longer match. */
function repairForwardEdges(nodes: LogicalTopology['nodes'], edges: readonly EdgeSpec[]): EdgeSpec[] {
  const parallelism = new Map(nodes.map((n) => [n.id, n.parallelism]));
  return edges.map((e) => (e.partitioner === 'forward' && parallelism.get(e.from) !== parallelism.get(e.to) ? { ...e, partitioner: 'rebalance' } : e));
}

/** Remove a source with all its records; nodes left without any input go too. */
export function* withoutSources(s: Scenario): Iterable<Candidate> {
  const sources = s.topology.nodes.filter((n) => n.kind === 'source');
  if (sources.length < 2) return;
  for (const source of sources) {
    const removed = new Set([source.id]);
    let nodes = s.topology.nodes.filter((n) => n.id !== source.id);
    let edges = s.topology.edges.filter((e) => e.from !== source.id);
    for (let orphan = orphanOf(nodes, edges); orphan !== undefined; orphan = orphanOf(nodes, edges)) {
      removed.add(orphan);
      nodes = nodes.filter((n) => n.id !== orphan);
      edges = edges.filter((e) => e.from !== orphan && e.to !== orphan);
    }
    const { [source.id]: _gone, ...sourceLogs } = s.sourceLogs;
    const tasks = tasksOf(s, [...removed]);
    const prefix = `${source.id}.`;
    const drops = (event: HistoryEvent) => tasks.has(taskOf(event) ?? -1) || (recordOf(event)?.includes(prefix) ?? false);
    yield { scenario: { ...s, topology: { nodes, edges }, sourceLogs }, drops, reschedule: true };
  }
}

function orphanOf(nodes: LogicalTopology['nodes'], edges: readonly EdgeSpec[]): string | undefined {
  return nodes.find((n) => n.kind !== 'source' && !edges.some((e) => e.to === n.id))?.id;
}

export function* withoutIdleSources(s: Scenario): Iterable<Candidate> {
  for (const node of s.topology.nodes) {
    if (node.kind !== 'source' || (s.sourceLogs[node.id] ?? []).some((log) => log.length > 0)) continue;
    const { [node.id]: _removed, ...sourceLogs } = s.sourceLogs;
    const topology = { nodes: s.topology.nodes.filter((n) => n.id !== node.id), edges: s.topology.edges.filter((e) => e.from !== node.id) };
    yield { scenario: { ...s, topology, sourceLogs }, drops: byTasks(tasksOf(s, [node.id])), reschedule: true };
  }
}

export function* lowerParallelism(s: Scenario): Iterable<Candidate> {
  const graph = expandTopology(s.topology);
  for (const node of s.topology.nodes) {
    if (node.parallelism <= 1) continue;
    const nodes = s.topology.nodes.map((n) => (n.id === node.id ? { ...n, parallelism: n.parallelism - 1 } : n));
    const edges = repairForwardEdges(nodes, s.topology.edges);
    const lastTask = graph.tasksOfNode.get(node.id)![node.parallelism - 1]!;
    const drops = byTasks(new Set([lastTask]));
    const logs = s.sourceLogs[node.id];
    if (!logs) {
      yield { scenario: { ...s, topology: { nodes, edges } }, drops, reschedule: true };
      continue;
    }
    const kept = logs.slice(0, -1);
    const lastLabel = `${node.id}.${node.parallelism - 1}@`;
    const dropsWithRecords = (e: HistoryEvent) => drops(e) || (recordOf(e)?.includes(lastLabel) ?? false);
    yield { scenario: { ...s, topology: { nodes, edges }, sourceLogs: { ...s.sourceLogs, [node.id]: kept } }, drops: dropsWithRecords, reschedule: true };
    // Or keep the records of the removed subtask by moving them to the one before it.
    const merged = kept.map((log, i) => (i === kept.length - 1 ? [...log, ...logs[logs.length - 1]!] : log));
    yield { scenario: { ...s, topology: { nodes, edges }, sourceLogs: { ...s.sourceLogs, [node.id]: merged } }, drops, reschedule: true };
  }
}

/** Whole logs first, then single records from the end; each removal takes the record's whole lineage along. */
export function* withoutRecords(s: Scenario): Iterable<Candidate> {
  for (const [id, logs] of Object.entries(s.sourceLogs)) {
    for (let sub = 0; sub < logs.length; sub++) {
      const log = logs[sub]!;
      const label = `${id}.${sub}@`;
      if (log.length > 1) {
        const emptied = logs.map((l, j) => (j === sub ? [] : l));
        yield { scenario: { ...s, sourceLogs: { ...s.sourceLogs, [id]: emptied } }, drops: (e) => recordOf(e)?.includes(label) ?? false, reschedule: false };
      }
      for (let i = log.length - 1; i >= 0; i--) {
        const shorter = logs.map((l, j) => (j === sub ? l.filter((_, k) => k !== i) : l));
        const sourceId = `${label}${i}`;
        const drops = (e: HistoryEvent) => descendsFrom(recordOf(e) ?? '', sourceId);
        yield { scenario: { ...s, sourceLogs: { ...s.sourceLogs, [id]: shorter } }, drops, reschedule: true };
      }
    }
  }
}

/** Zero everything, then shorter lists, then one decision at a time: zeroed, lowered, dropped. */
export function* simplerDecisions(s: Scenario): Iterable<Candidate> {
  const d = s.decisions;
  const with_ = (decisions: readonly number[]): Candidate => ({ scenario: { ...s, decisions }, reschedule: false });
  if (d.length === 0) return;
  yield with_([]);
  yield with_(d.slice(0, Math.floor(d.length / 2)));
  for (let i = d.length - 1; i >= 0; i--) if (d[i] !== 0) yield with_(d.map((v, j) => (j === i ? 0 : v)));
  for (let i = d.length - 1; i >= 0; i--) if (d[i]! > 1) yield with_(d.map((v, j) => (j === i ? Math.floor(v / 2) : v)));
  for (let i = d.length - 1; i >= 0; i--) yield with_(d.filter((_, j) => j !== i));
}

// A shorter checkpoint timeout or fewer tolerated failures add aborts, not simplicity: left alone.
const TIMING_FLOOR: Partial<Record<keyof Timing, number>> = { channelCapacity: 1, deliveryDelayTicksMax: 0, processingTicksMax: 0, uploadTicksMax: 0, rpcDelayTicksMax: 0, restartTicks: 1 };
/** The decisions a timing bound governs: at its floor they are no longer asked. */
const LABEL_OF_TIMING: Partial<Record<keyof Timing, string>> = { deliveryDelayTicksMax: 'delay', processingTicksMax: 'cost', uploadTicksMax: 'upload', rpcDelayTicksMax: 'rpc' };

export function* plainerTiming(s: Scenario): Iterable<Candidate> {
  for (const [key, floor] of Object.entries(TIMING_FLOOR) as [keyof Timing, number][]) {
    if ((s.timing[key] ?? floor) <= floor) continue;
    const label = LABEL_OF_TIMING[key];
    yield { scenario: { ...s, timing: { ...s.timing, [key]: floor } }, forcedLabels: label === undefined ? [] : [label], reschedule: false };
  }
}
