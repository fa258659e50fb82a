// The refinement mapping from an implementation History onto spec/Aligned.tla: which physical
// tasks and channels are the spec's a, b, c, k and ac, bc, ck, and the spec state a History prefix
// stands for. Every spec variable is computed from History events alone; nothing is guessed.
import type { HistoryEvent } from '../../core/history.ts';
import type { PhysicalGraph } from '../../dataflow/physical.ts';
import type { LogicalTopology } from '../../dataflow/topology.ts';

export const SPEC_SOURCES = ['a', 'b'] as const;
export const SPEC_WORKERS = ['c', 'k'] as const;
export const SPEC_CHANNELS = ['ac', 'bc', 'ck'] as const;
export type SpecSource = (typeof SPEC_SOURCES)[number];
export type SpecWorker = (typeof SPEC_WORKERS)[number];
export type SpecTask = SpecSource | SpecWorker;
export type SpecChannel = (typeof SPEC_CHANNELS)[number];

/** Operators of c that emit exactly one record per input, as the spec's c forwards every record. */
export const ONE_TO_ONE_KINDS: ReadonlySet<string> = new Set(['count', 'sum', 'union', 'digest']);

export interface SpecMessage {
  readonly kind: 'rec' | 'bar';
  readonly src: string;
  readonly ckpt: number;
}

type PerSource<T> = Record<SpecSource, T>;
type PerWorker<T> = Record<SpecWorker, T>;
type PerChannel<T> = Record<SpecChannel, T>;

/** The Aligned spec's variables, as plain data (see spec/Aligned.tla for their meaning). */
export interface AlignedSpecState {
  status: string[];
  offset: PerSource<number>;
  injected: PerSource<number>;
  chan: PerChannel<SpecMessage[]>;
  blocked: PerChannel<boolean>;
  proc: PerWorker<PerSource<number>>;
  done: PerWorker<number>;
  nSent: PerChannel<number>;
  nRecv: PerChannel<number>;
  snapOffset: PerSource<number>[];
  snapProc: PerWorker<PerSource<number>>[];
  sentAt: PerChannel<number>[];
  recvAt: PerChannel<number>[];
}

/** Physical task and channel indices -> the spec's names. */
export interface SpecNames {
  readonly task: readonly (SpecTask | undefined)[];
  readonly channel: readonly (SpecChannel | undefined)[];
}

const perSource = <T>(f: () => T): PerSource<T> => ({ a: f(), b: f() });
const perWorker = <T>(f: () => T): PerWorker<T> => ({ c: f(), k: f() });
const perChannel = <T>(f: () => T): PerChannel<T> => ({ ac: f(), bc: f(), ck: f() });
const noSnap = (): PerSource<number> => perSource(() => -1);

export function initialAlignedState(checkpoints: number): AlignedSpecState {
  const ckpts = Array.from({ length: checkpoints });
  return {
    status: ckpts.map(() => 'idle'),
    offset: perSource(() => 0),
    injected: perSource(() => 0),
    chan: perChannel(() => []),
    blocked: perChannel(() => false),
    proc: perWorker(() => perSource(() => 0)),
    done: perWorker(() => 0),
    nSent: perChannel(() => 0),
    nRecv: perChannel(() => 0),
    snapOffset: ckpts.map(noSnap),
    snapProc: ckpts.map(() => perWorker(noSnap)),
    sentAt: ckpts.map(() => perChannel(() => -1)),
    recvAt: ckpts.map(() => perChannel(() => -1)),
  };
}

export function cloneState(state: AlignedSpecState): AlignedSpecState {
  return structuredClone(state);
}

/**
 * The spec's topology is fixed: sources a and b (parallelism 1) -> c (one output) -> sink k.
 * Returns the name mapping, or why this scenario's topology is not the spec's.
 */
export function specNames(topology: LogicalTopology, graph: PhysicalGraph): { ok: true; names: SpecNames } | { ok: false; reason: string } {
  const kinds = new Map(topology.nodes.map((n) => [n.id, n.kind]));
  const expected: [string, (kind: string) => boolean][] = [['a', (k) => k === 'source'], ['b', (k) => k === 'source'], ['c', (k) => ONE_TO_ONE_KINDS.has(k)], ['k', (k) => k === 'sink']];
  if (topology.nodes.length !== 4 || expected.some(([id, ok]) => !ok(kinds.get(id) ?? ''))) {
    return { ok: false, reason: 'the Aligned spec models sources a, b -> one-to-one operator c (count, sum, union or digest) -> sink k' };
  }
  if (topology.nodes.some((n) => n.parallelism !== 1)) return { ok: false, reason: 'the Aligned spec models parallelism 1 everywhere' };
  const task = graph.tasks.map((t) => t.node.id as SpecTask);
  const channel: (SpecChannel | undefined)[] = graph.channels.map((ch) => `${task[ch.from]}${task[ch.to]}` as SpecChannel);
  const names = [...channel].sort().join(',');
  if (names !== 'ac,bc,ck') return { ok: false, reason: `the Aligned spec models channels ac, bc, ck; this topology has ${names}` };
  return { ok: true, names: { task, channel } };
}

/** The source node of a record: its id starts with the source's `node.subtask@offset`. */
export function recordSource(recordId: string): string {
  const root = recordId.split('@')[0] ?? recordId;
  return root.replace(/\.\d+$/, '');
}

/** A broken expectation about the History itself (not a spec violation): the mapping cannot continue. */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** Apply one History event to the spec state. Only the kinds the Aligned spec models reach here. */
export function applyEvent(state: AlignedSpecState, event: HistoryEvent, names: SpecNames): void {
  switch (event.kind) {
    case 'triggered':
      return setStatus(state, event.checkpoint, 'pending');
    case 'completed':
      return setStatus(state, event.checkpoint, 'completed');
    case 'aborted':
      return setStatus(state, event.checkpoint, 'subsumed');
    case 'read':
      state.offset[sourceOf(names, event.task)]++;
      return;
    case 'sent':
      return send(state, channelOf(names, event.channel), { kind: 'rec', src: recordSource(event.record.id), ckpt: 0 });
    case 'barrierSent':
      state.chan[channelOf(names, event.channel)].push({ kind: 'bar', src: '', ckpt: event.checkpoint });
      return;
    case 'processed':
      return processed(state, workerOf(names, event.task), channelOf(names, event.channel), recordSource(event.record.id));
    case 'barrierReceived':
      return take(state, channelOf(names, event.channel), { kind: 'bar', src: '', ckpt: event.checkpoint });
    case 'blocked':
    case 'unblocked':
      state.blocked[channelOf(names, event.channel)] = event.kind === 'blocked';
      return;
    case 'snapshotTaken':
      return snapshot(state, names, event.task, event.checkpoint, event.sourceOffset);
    case 'notified':
      return; // the strategy's reaction, if any, follows as separate events of the same step
    default:
      throw new MappingError(`event kind ${event.kind} is not modelled by the Aligned spec`);
  }
}

function setStatus(state: AlignedSpecState, checkpoint: number, status: string): void {
  if (checkpoint < 1 || checkpoint > state.status.length) throw new MappingError(`checkpoint ${checkpoint} is beyond the ${state.status.length} the mapping allows`);
  state.status[checkpoint - 1] = status;
}

function send(state: AlignedSpecState, ch: SpecChannel, message: SpecMessage): void {
  state.chan[ch].push(message);
  state.nSent[ch]++;
}

function take(state: AlignedSpecState, ch: SpecChannel, expected: SpecMessage): void {
  const head = state.chan[ch].shift();
  if (!head || head.kind !== expected.kind || head.src !== expected.src || head.ckpt !== expected.ckpt) {
    throw new MappingError(`channel ${ch} delivered ${JSON.stringify(expected)} but its head was ${JSON.stringify(head ?? null)}`);
  }
}

function processed(state: AlignedSpecState, worker: SpecWorker, ch: SpecChannel, src: string): void {
  take(state, ch, { kind: 'rec', src, ckpt: 0 });
  if (src !== 'a' && src !== 'b') throw new MappingError(`record from unknown source ${src}`);
  state.nRecv[ch]++;
  state.proc[worker][src]++;
}

function snapshot(state: AlignedSpecState, names: SpecNames, task: number, n: number, sourceOffset: number | null): void {
  if (n < 1 || n > state.status.length) throw new MappingError(`checkpoint ${n} is beyond the ${state.status.length} the mapping allows`);
  const name = names.task[task];
  const outputs = SPEC_CHANNELS.filter((ch) => ch.startsWith(name ?? '?'));
  for (const ch of outputs) state.sentAt[n - 1]![ch] = state.nSent[ch];
  if (name === 'a' || name === 'b') {
    if (sourceOffset !== state.offset[name]) throw new MappingError(`source ${name} snapshotted offset ${sourceOffset}, but read ${state.offset[name]} records`);
    state.injected[name] = n;
    state.snapOffset[n - 1]![name] = sourceOffset;
    return;
  }
  const worker = workerOf(names, task);
  state.done[worker] = n;
  state.snapProc[n - 1]![worker] = { ...state.proc[worker] };
  for (const ch of SPEC_CHANNELS.filter((c) => c.endsWith(worker))) state.recvAt[n - 1]![ch] = state.nRecv[ch];
}

function sourceOf(names: SpecNames, task: number): SpecSource {
  const name = names.task[task];
  if (name !== 'a' && name !== 'b') throw new MappingError(`task ${task} is not a source of the spec`);
  return name;
}

function workerOf(names: SpecNames, task: number): SpecWorker {
  const name = names.task[task];
  if (name !== 'c' && name !== 'k') throw new MappingError(`task ${task} is not a worker of the spec`);
  return name;
}

function channelOf(names: SpecNames, channel: number): SpecChannel {
  const name = names.channel[channel];
  if (name === undefined) throw new MappingError(`channel ${channel} is not a channel of the spec`);
  return name;
}

/** The state in the engine's typed JSON (sequences and functions on 1..n as `__tuple`). */
export function toEngineJson(state: AlignedSpecState): Record<string, unknown> {
  const tuple = <T>(items: readonly T[]): { __tuple: T[] } => ({ __tuple: [...items] });
  return {
    status: tuple(state.status),
    offset: state.offset,
    injected: state.injected,
    chan: Object.fromEntries(SPEC_CHANNELS.map((ch) => [ch, tuple(state.chan[ch].map((m) => ({ ckpt: m.ckpt, kind: m.kind, src: m.src })))])),
    blocked: state.blocked,
    proc: state.proc,
    done: state.done,
    nSent: state.nSent,
    nRecv: state.nRecv,
    snapOffset: tuple(state.snapOffset),
    snapProc: tuple(state.snapProc),
    sentAt: tuple(state.sentAt),
    recvAt: tuple(state.recvAt),
  };
}
