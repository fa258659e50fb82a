// Workload presets. Every task costs the same per record here (1 + a choice in
// [0, processingTicksMax] ticks; sources pay it per read), so load is shaped by the topology:
// a sink with fewer subtasks than its senders, a flat-map before it, or a hot key make a bottleneck,
// and a rebalance from fewer senders spreads load below capacity.
import type { EdgeSpec, LogicalTopology, NodeSpec } from '../dataflow/topology.ts';
import type { Workload } from './workload.ts';

/** Every comparison gives aligned-timeout the same option; other strategies ignore it. */
export const PRESET_ALIGNMENT_TIMEOUT_TICKS = 20;
const OPTIONS = { alignmentTimeoutTicks: PRESET_ALIGNMENT_TIMEOUT_TICKS };

function node(id: string, kind: NodeSpec['kind'], parallelism: number, param?: number): NodeSpec {
  return param === undefined ? { id, kind, parallelism } : { id, kind, parallelism, param };
}

function edge(from: string, to: string, partitioner: EdgeSpec['partitioner'], backEdge = false): EdgeSpec {
  return backEdge ? { from, to, partitioner, backEdge } : { from, to, partitioner };
}

function chain(nodes: NodeSpec[], edges: EdgeSpec[]): LogicalTopology {
  return { nodes, edges };
}

const steady: Workload = {
  name: 'steady',
  description: 'two source subtasks rebalanced over three maps, a keyed count and its sinks: every operator below capacity',
  topology: chain(
    [node('src', 'source', 2), node('map', 'map', 3, 3), node('count', 'count', 3), node('sink', 'sink', 3)],
    [edge('src', 'map', 'rebalance'), edge('map', 'count', 'hash'), edge('count', 'sink', 'forward')],
  ),
  sources: { src: { records: 120, keys: 24 } },
  checkpoints: { fromTick: 15, everyTicks: 30, untilTick: 200 },
  strategyOptions: OPTIONS,
};

/** Sink overload (its input rate over its capacity) per level: 1x (no backpressure), then 3x, 6x, 9x. */
export const BACKPRESSURE_LEVELS: readonly { readonly overload: number; readonly flatMapCopies: number; readonly sinkParallelism: number }[] = [
  { overload: 1, flatMapCopies: 1, sinkParallelism: 3 },
  { overload: 3, flatMapCopies: 1, sinkParallelism: 1 },
  { overload: 6, flatMapCopies: 2, sinkParallelism: 1 },
  { overload: 9, flatMapCopies: 3, sinkParallelism: 1 },
];

const BACKPRESSURE_RECORDS = 50;

function backpressure(level: number): Workload {
  const { overload, flatMapCopies, sinkParallelism } = BACKPRESSURE_LEVELS[level - 1]!;
  // Ticks the sink needs at 2 ticks a record (the mean cost), so triggers cover the whole run.
  const sinkTicks = (2 * 3 * BACKPRESSURE_RECORDS * flatMapCopies) / sinkParallelism;
  return {
    name: `backpressure@${level}`,
    description: `slow sink: three sources, a map and a flat-map (${flatMapCopies} cop${flatMapCopies === 1 ? 'y' : 'ies'}) rebalanced into ${sinkParallelism} sink subtask(s), ${overload}x its capacity`,
    sweep: { family: 'backpressure', axis: 'sink overload (input rate / capacity)', value: overload },
    topology: chain(
      [node('src', 'source', 3), node('map', 'map', 3, 3), node('fan', 'flatMap', 3, flatMapCopies), node('sink', 'sink', sinkParallelism)],
      [edge('src', 'map', 'forward'), edge('map', 'fan', 'forward'), edge('fan', 'sink', 'rebalance')],
    ),
    sources: { src: { records: BACKPRESSURE_RECORDS, keys: 16 } },
    checkpoints: { fromTick: 20, everyTicks: 60, untilTick: Math.max(20, Math.floor(sinkTicks * 0.8)) },
    strategyOptions: OPTIONS,
  };
}

const skew: Workload = {
  name: 'skew',
  description: 'hot key: 60% of the records carry key 0, so one of three keyed count subtasks is the bottleneck',
  topology: chain(
    [node('src', 'source', 3), node('count', 'count', 3), node('sink', 'sink', 3)],
    [edge('src', 'count', 'hash'), edge('count', 'sink', 'forward')],
  ),
  sources: { src: { records: 60, keys: 24, hotKeyPercent: 60 } },
  checkpoints: { fromTick: 20, everyTicks: 50, untilTick: 320 },
  strategyOptions: OPTIONS,
};

const wideShuffle: Workload = {
  name: 'wide-shuffle',
  description: 'all-to-all: three sources rebalanced over three maps, hashed into three counts, rebalanced into three sinks',
  topology: chain(
    [node('src', 'source', 3), node('map', 'map', 3, 5), node('count', 'count', 3), node('sink', 'sink', 3)],
    [edge('src', 'map', 'rebalance'), edge('map', 'count', 'hash'), edge('count', 'sink', 'rebalance')],
  ),
  sources: { src: { records: 80, keys: 32 } },
  checkpoints: { fromTick: 20, everyTicks: 40, untilTick: 240 },
  strategyOptions: OPTIONS,
};

const deepPipeline: Workload = {
  name: 'deep-pipeline',
  description: 'eight stages: map, filter, map, a rebalance, union, map, a keyed sum and the sink, two subtasks each',
  topology: chain(
    [
      node('src', 'source', 2),
      node('m1', 'map', 2, 3),
      node('keep', 'filter', 2, 7),
      node('m2', 'map', 2, 5),
      node('mix', 'union', 2),
      node('m3', 'map', 2, 2),
      node('sum', 'sum', 2),
      node('sink', 'sink', 2),
    ],
    [
      edge('src', 'm1', 'forward'),
      edge('m1', 'keep', 'forward'),
      edge('keep', 'm2', 'forward'),
      edge('m2', 'mix', 'rebalance'),
      edge('mix', 'm3', 'forward'),
      edge('m3', 'sum', 'hash'),
      edge('sum', 'sink', 'forward'),
    ],
  ),
  sources: { src: { records: 100, keys: 16 } },
  checkpoints: { fromTick: 20, everyTicks: 40, untilTick: 240 },
  strategyOptions: OPTIONS,
};

const cyclic: Workload = {
  name: 'cyclic',
  description: 'iteration: a union head and a decrement body closed by a back-edge (each record loops up to 3 times), then a keyed count; only strategies that support cycles run it',
  topology: chain(
    [node('src', 'source', 2), node('head', 'union', 2), node('body', 'decrement', 2), node('count', 'count', 2), node('sink', 'sink', 2)],
    [edge('src', 'head', 'rebalance'), edge('head', 'body', 'forward'), edge('body', 'head', 'forward', true), edge('head', 'count', 'hash'), edge('count', 'sink', 'forward')],
  ),
  sources: { src: { records: 60, keys: 16 } },
  checkpoints: { fromTick: 20, everyTicks: 40, untilTick: 300 },
  strategyOptions: OPTIONS,
};

const crashHeavy: Workload = {
  name: 'crash-heavy',
  description: 'the wide shuffle with three crashes (task, global or coordinator) in ticks 60..360, checkpoints every 25 ticks',
  topology: wideShuffle.topology,
  sources: { src: { records: 100, keys: 32 } },
  checkpoints: { fromTick: 15, everyTicks: 25, untilTick: 400 },
  randomCrashes: { count: 3, fromTick: 60, untilTick: 360, kinds: ['task-crash', 'task-crash', 'global-crash', 'coordinator-crash'] },
  strategyOptions: OPTIONS,
};

export const PRESETS: readonly Workload[] = [steady, ...BACKPRESSURE_LEVELS.map((_, i) => backpressure(i + 1)), skew, wideShuffle, deepPipeline, cyclic, crashHeavy];

/** Preset families: a name that selects several presets (every level of a sweep). */
export function presetsNamed(name: string): Workload[] {
  return PRESETS.filter((w) => w.name === name || w.sweep?.family === name);
}

/** The names `--workload` accepts: every preset and every family. */
export function presetNames(): string[] {
  const names = new Set<string>();
  for (const w of PRESETS) {
    if (w.sweep !== undefined) names.add(w.sweep.family);
    names.add(w.name);
  }
  return [...names];
}
