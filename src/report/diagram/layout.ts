// The space-time diagram's geometry, computed from a History alone (rendering is in svg.ts). Time
// flows left to right: each tick takes as many columns as its busiest lane has steps in it, and a
// lane's steps within a tick keep their History order, so every step has its own place on its lane
// while independent lanes share columns. Messages take at least a tick, so every arrow points right.
// Crashes, restores and the start of the liveness phase take a column of their own across all lanes.
// One lane per task, grouped by logical node, and a coordinator lane on top.
import type { History, HistoryEvent } from '../../core/history.ts';
import type { PhysicalGraph } from '../../dataflow/physical.ts';
import { describeEvent } from '../describe.ts';
import { matchMessages, type Arrow } from './messages.ts';

export const COLUMN_WIDTH = 34;
export const LANE_HEIGHT = 66;
export const TOP = 70;
export const LEFT_PAD = 24;
/** Room on the right for the labels of the last column (a liveness marker, a cut). */
export const RIGHT_PAD = 130;

export interface Lane {
  readonly y: number;
  readonly label: string;
  readonly detail: string;
  /** Index of the logical node (lanes of one node share a band); -1 for the coordinator. */
  readonly group: number;
}

export interface Glyph {
  readonly step: number;
  readonly x: number;
  readonly y: number;
  readonly kind: string;
  readonly text: string;
  readonly checkpoint: number | null;
  /** A priority (unaligned) barrier. */
  readonly priority: boolean;
}

export interface Interval {
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly text: string;
  readonly steps: readonly number[];
}

export interface Vertical {
  readonly x: number;
  readonly kind: 'crash' | 'restore' | 'liveness';
  readonly label: string;
  readonly text: string;
  readonly step: number;
}

export interface Cut {
  readonly checkpoint: number;
  readonly points: readonly { readonly x: number; readonly y: number; readonly step: number }[];
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly lanes: readonly Lane[];
  readonly glyphs: readonly Glyph[];
  readonly arrows: readonly Arrow[];
  readonly intervals: readonly Interval[];
  readonly verticals: readonly Vertical[];
  readonly cuts: readonly Cut[];
  readonly ticks: readonly { readonly x: number; readonly tick: number }[];
  /** x of each step (its column), -1 for steps not drawn (final states). */
  readonly xOf: readonly number[];
}

const NOT_DRAWN: ReadonlySet<string> = new Set(['finalState']);

export function layoutDiagram(history: History, graph: PhysicalGraph): Layout {
  const xOf = columns(history, graph);
  const lanes = laneList(graph);
  const laneY = (task: number | null) => (task === null ? lanes[0]!.y : (lanes[task + 1]?.y ?? lanes[0]!.y));
  const glyphs: Glyph[] = [];
  const verticals: Vertical[] = [];
  history.forEach((event, step) => {
    if (xOf[step]! < 0) return;
    const vertical = verticalOf(event, step, xOf[step]!, graph);
    if (vertical !== null) verticals.push(vertical);
    const task = laneTask(event, graph);
    if (task === undefined) return;
    const checkpoint = (event as { checkpoint?: unknown }).checkpoint;
    const priority = (event as { priority?: unknown }).priority === true;
    glyphs.push({ step, x: xOf[step]!, y: laneY(task), kind: event.kind, text: `#${step}  ${describeEvent(event, graph)}`, checkpoint: typeof checkpoint === 'number' ? checkpoint : null, priority });
  });
  const width = Math.max(...xOf, 0) + COLUMN_WIDTH / 2 + RIGHT_PAD;
  return {
    width,
    height: lanes[lanes.length - 1]!.y + LANE_HEIGHT / 2 + 16,
    lanes,
    glyphs,
    arrows: matchMessages(history, graph, xOf, laneY),
    intervals: blockedIntervals(history, graph, xOf, laneY, width),
    verticals,
    cuts: cutsOf(history, xOf, laneY),
    ticks: tickMarks(history, xOf),
    xOf,
  };
}

function columns(history: History, graph: PhysicalGraph): number[] {
  const laneLast = new Map<number, number>();
  let [tick, tickStart, used, floor] = [-1, 0, -1, 0];
  return history.map((event) => {
    if (NOT_DRAWN.has(event.kind)) return -1;
    if (event.tick !== tick) [tick, tickStart] = [event.tick, used + 1];
    const lane = laneTask(event, graph);
    let column: number;
    if (lane === undefined) {
      column = used + 1; // a step across every lane: after everything so far, and before everything after it
      floor = column + 1;
    } else {
      column = Math.max(tickStart, (laneLast.get(lane ?? -1) ?? -1) + 1, floor);
      laneLast.set(lane ?? -1, column);
    }
    used = Math.max(used, column);
    return LEFT_PAD + COLUMN_WIDTH / 2 + COLUMN_WIDTH * column;
  });
}

function laneList(graph: PhysicalGraph): Lane[] {
  const lanes: Lane[] = [{ y: TOP + LANE_HEIGHT / 2, label: 'coordinator', detail: 'checkpoints, acks', group: -1 }];
  const groups = [...graph.tasksOfNode.keys()];
  for (const task of graph.tasks) {
    const detail = `${task.node.kind}${task.node.parallelism > 1 ? ` ${task.subtask + 1}/${task.node.parallelism}` : ''}`;
    lanes.push({ y: TOP + LANE_HEIGHT * (task.index + 1.5), label: task.label, detail, group: groups.indexOf(task.node.id) });
  }
  return lanes;
}

/** The lane an event is drawn on: a task, the coordinator (null), or none (undefined: drawn otherwise). */
function laneTask(event: HistoryEvent, graph: PhysicalGraph): number | null | undefined {
  switch (event.kind) {
    case 'triggered':
    case 'completed':
    case 'aborted':
    case 'acked':
    case 'declined':
      return null;
    case 'reinjected':
      return graph.channels[event.channel]?.to;
    case 'triggerLost':
      return event.to;
    case 'crashed':
    case 'restored':
    case 'livenessPhaseStarted':
    case 'drained':
    case 'quiesced':
    case 'stuck':
      return undefined;
    default: {
      const task = (event as { task?: unknown }).task;
      return typeof task === 'number' ? task : null;
    }
  }
}

function verticalOf(event: HistoryEvent, step: number, x: number, graph: PhysicalGraph): Vertical | null {
  const text = `#${step}  ${describeEvent(event, graph)}`;
  if (event.kind === 'crashed') return { x, kind: 'crash', label: `CRASH${event.task === null ? '' : ` ${graph.tasks[event.task]?.label ?? ''}`}`, text, step };
  if (event.kind === 'restored') return { x, kind: 'restore', label: `restore from ${event.checkpoint === null ? 'start' : `cp ${event.checkpoint}`}`, text, step };
  if (event.kind === 'livenessPhaseStarted') return { x, kind: 'liveness', label: 'liveness phase', text, step };
  if (event.kind === 'drained') return { x, kind: 'liveness', label: 'drained: final checkpoint', text, step };
  if (event.kind === 'stuck') return { x, kind: 'crash', label: 'STUCK', text, step };
  return null;
}

/**
 * A paused input, from its `blocked` to its `unblocked`, and a source that paused reading its log,
 * from `sourcePaused` to `sourceResumed` (or the next crash, or the end). Keys: a channel index, or
 * -1 - task for a source.
 */
function blockedIntervals(history: History, graph: PhysicalGraph, xOf: readonly number[], laneY: (t: number | null) => number, width: number): Interval[] {
  const open = new Map<number, number>();
  const intervals: Interval[] = [];
  const close = (key: number, start: number, end: number, x2: number) => {
    const until = end >= 0 ? ` to #${end}` : ', never resumed';
    const steps = end >= 0 ? [start, end] : [start];
    if (key < 0) {
      const task = -1 - key;
      intervals.push({ x1: xOf[start]!, x2, y: laneY(task) + 9, text: `${graph.tasks[task]!.label} paused reading its log (#${start}${until})`, steps });
      return;
    }
    const task = graph.channels[key]!.to;
    const slot = graph.tasks[task]!.inputs.indexOf(key);
    const text = `${graph.tasks[task]!.label} paused ${graph.channels[key]!.label} (#${start}${until})`;
    intervals.push({ x1: xOf[start]!, x2, y: laneY(task) + 9 + 5 * slot, text, steps });
  };
  const pause = (key: number, step: number) => void (open.has(key) || open.set(key, step));
  const resume = (key: number, step: number) => {
    if (!open.has(key)) return;
    close(key, open.get(key)!, step, xOf[step]!);
    open.delete(key);
  };
  history.forEach((event, step) => {
    if (event.kind === 'blocked') pause(event.channel, step);
    if (event.kind === 'unblocked') resume(event.channel, step);
    if (event.kind === 'sourcePaused') pause(-1 - event.task, step);
    if (event.kind === 'sourceResumed') resume(-1 - event.task, step);
    if (event.kind === 'crashed') {
      for (const [channel, start] of open) close(channel, start, step, xOf[step]!);
      open.clear();
    }
  });
  for (const [channel, start] of open) close(channel, start, -1, width - RIGHT_PAD);
  return intervals;
}

/** Every checkpoint's snapshot points, in lane order: the cut it draws across the tasks. */
function cutsOf(history: History, xOf: readonly number[], laneY: (t: number | null) => number): Cut[] {
  const byCheckpoint = new Map<number, Map<number, number>>();
  history.forEach((event, step) => {
    if (event.kind !== 'snapshotTaken') return;
    const points = byCheckpoint.get(event.checkpoint) ?? new Map<number, number>();
    if (!points.has(event.task)) points.set(event.task, step);
    byCheckpoint.set(event.checkpoint, points);
  });
  return [...byCheckpoint.entries()].map(([checkpoint, points]) => ({
    checkpoint,
    points: [...points.entries()].sort((a, b) => a[0] - b[0]).map(([task, step]) => ({ x: xOf[step]!, y: laneY(task), step })),
  }));
}

function tickMarks(history: History, xOf: readonly number[]): { x: number; tick: number }[] {
  const ticks: { x: number; tick: number }[] = [];
  let last = -1;
  history.forEach((event, step) => {
    if (xOf[step]! < 0 || event.tick === last) return;
    last = event.tick;
    ticks.push({ x: xOf[step]! - COLUMN_WIDTH / 2, tick: event.tick });
  });
  return ticks;
}
