// Operator definitions: deterministic functions over per-task state. Shared by the simulator's task
// runtime and the oracle's reference evaluator (and nothing else is shared between those two).
// Snapshots are canonical JSON (sorted), so equal states serialize identically.
import { unreachable } from '../core/assert.ts';
import type { SnapshotState } from '../core/history.ts';
import type { DataRecord } from '../core/messages.ts';
import { PLAIN_RECORDS, type RecordFactory } from './records.ts';
import type { NodeKind, NodeSpec } from './topology.ts';

/** Values stay small integers: arithmetic is modulo a prime. */
export const VALUE_MODULUS = 1_000_003;

/** A record passes a decrement (goes around an iteration) fewer than this many times. */
export const ITERATION_PASSES_MAX = 4;

export interface OperatorDefinition<S = unknown> {
  createState(): S;
  /**
   * Apply one input record; push derived records to `out`. `sender` names the upstream task
   * (`node.subtask`), `side` the join input.
   */
  apply(state: S, record: DataRecord, sender: string, side: 0 | 1, out: DataRecord[]): void;
  /** A canonical deep copy: independent of the live state and of arrival order where order does not matter. */
  snapshot(state: S): SnapshotState;
  restore(snapshot: SnapshotState): S;
  /** The logical operator's state: the snapshots of all its subtasks combined. */
  merge(snapshots: readonly SnapshotState[]): SnapshotState;
}

type KeyedNumbers = Map<number, number>;
type Entry<K> = readonly [K, number];

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedEntries<K extends number | string>(map: Map<K, number>): Entry<K>[] {
  const entries = [...map.entries()];
  entries.sort((a, b) => (typeof a[0] === 'number' ? (a[0] as number) - (b[0] as number) : compareStrings(a[0] as string, b[0] as string)));
  return entries;
}

/** The suffix a node appends to the ids of the records it derives (built once, not per record). */
function idSuffix(nodeId: string): string {
  return `>${nodeId}`;
}

function keyedAggregation(
  update: (old: number, value: number) => number,
  combine: (a: number, b: number) => number,
  nodeId: string,
  records: RecordFactory,
): OperatorDefinition<KeyedNumbers> {
  const suffix = idSuffix(nodeId);
  return {
    createState: () => new Map(),
    apply(state, record, _sender, _side, out) {
      state.set(record.key, update(state.get(record.key) ?? 0, record.value));
      out.push(records.derived(record, suffix, record.key, record.value));
    },
    snapshot: (state) => sortedEntries(state),
    restore: (snapshot) => new Map(snapshot as Entry<number>[]),
    merge(snapshots) {
      const merged: KeyedNumbers = new Map();
      // Under hash partitioning each key lives in one subtask; combining keeps the merge total anyway.
      for (const snap of snapshots) for (const [k, v] of snap as Entry<number>[]) merged.set(k, combine(merged.get(k) ?? 0, v));
      return sortedEntries(merged);
    },
  };
}

/** Order-sensitive: a rolling hash per (key, sender), so reordering within a channel changes the state. */
function digest(nodeId: string, records: RecordFactory): OperatorDefinition<Map<string, number>> {
  const suffix = idSuffix(nodeId);
  return {
    createState: () => new Map(),
    apply(state, record, sender, _side, out) {
      const slot = `${record.key}|${sender}`;
      state.set(slot, (Math.imul(state.get(slot) ?? 17, 31) + record.value + 1) | 0);
      out.push(records.derived(record, suffix, record.key, record.value));
    },
    snapshot: (state) => sortedEntries(state),
    restore: (snapshot) => new Map(snapshot as Entry<string>[]),
    merge(snapshots) {
      const merged = new Map<string, number>();
      for (const snap of snapshots) for (const [k, v] of snap as Entry<string>[]) merged.set(k, v);
      return sortedEntries(merged);
    },
  };
}

const STATELESS = {
  createState: () => null,
  snapshot: () => null,
  restore: () => null,
  merge: () => null,
};

function stateless(transform: (record: DataRecord, out: DataRecord[]) => void): OperatorDefinition<null> {
  return { ...STATELESS, apply: (_state, record, _sender, _side, out) => transform(record, out) };
}

interface JoinSides {
  left: DataRecord[];
  right: DataRecord[];
}

function sortById(records: readonly DataRecord[]): [string, number, number][] {
  return records.map((r): [string, number, number] => [r.id, r.key, r.value]).sort((a, b) => compareStrings(a[0], b[0]));
}

function fromTriples(triples: readonly [string, number, number][]): DataRecord[] {
  return triples.map(([id, key, value]) => ({ id, key, value }));
}

/** Symmetric hash join: each matching pair is emitted once, when its second half arrives. */
function join(nodeId: string, records: RecordFactory): OperatorDefinition<Map<number, JoinSides>> {
  const suffix = idSuffix(nodeId);
  const snapshotOf = (state: Map<number, JoinSides>) =>
    [...state.entries()].sort((a, b) => a[0] - b[0]).map(([k, s]) => [k, sortById(s.left), sortById(s.right)]);
  return {
    createState: () => new Map(),
    apply(state, record, _sender, side, out) {
      let sides = state.get(record.key);
      if (!sides) state.set(record.key, (sides = { left: [], right: [] }));
      const [mine, theirs] = side === 0 ? [sides.left, sides.right] : [sides.right, sides.left];
      for (const other of theirs) {
        const [l, r] = side === 0 ? [record, other] : [other, record];
        out.push(records.joined(l, r, suffix, record.key, (l.value * 31 + r.value) % VALUE_MODULUS));
      }
      mine.push(record);
    },
    snapshot: snapshotOf,
    restore(snapshot) {
      const state = new Map<number, JoinSides>();
      for (const [k, l, r] of snapshot as [number, [string, number, number][], [string, number, number][]][]) {
        state.set(k, { left: fromTriples(l), right: fromTriples(r) });
      }
      return state;
    },
    merge(snapshots) {
      const state = new Map<number, JoinSides>();
      for (const snap of snapshots) {
        for (const [k, l, r] of snap as [number, [string, number, number][], [string, number, number][]][]) {
          const sides = state.get(k) ?? { left: [], right: [] };
          sides.left.push(...fromTriples(l));
          sides.right.push(...fromTriples(r));
          state.set(k, sides);
        }
      }
      return snapshotOf(state);
    },
  };
}

type Triple = [string, number, number];

/**
 * A sink's snapshot: a view of the first `length` records of the sink's append-only log. A sink
 * grows with the whole input, so copying it at every checkpoint would make checkpoints O(output);
 * the view costs O(1), and serializes (toJSON) to the records in arrival order, which is
 * deterministic within a run. `merge` sorts, so comparisons ignore arrival order.
 */
export class SinkSnapshot {
  constructor(
    private readonly log: readonly DataRecord[],
    readonly length: number,
  ) {}

  records(): DataRecord[] {
    return this.log.slice(0, this.length);
  }

  toJSON(): Triple[] {
    return this.records().map((r): Triple => [r.id, r.key, r.value]);
  }
}

/** A sink snapshot's records as [id, key, value] triples, whichever form it has (view or JSON). */
export function sinkTriples(snapshot: SnapshotState): Triple[] {
  return snapshot instanceof SinkSnapshot ? snapshot.toJSON() : (snapshot as Triple[]);
}

function sink(): OperatorDefinition<DataRecord[]> {
  return {
    createState: () => [],
    apply: (state, record) => void state.push(record),
    snapshot: (state) => new SinkSnapshot(state, state.length),
    restore: (snapshot) => (snapshot instanceof SinkSnapshot ? snapshot.records() : fromTriples(snapshot as Triple[])),
    merge: (snapshots) => snapshots.flatMap(sinkTriples).sort((a, b) => compareStrings(a[0], b[0])),
  };
}

export function operatorFor(node: NodeSpec, records: RecordFactory = PLAIN_RECORDS): OperatorDefinition {
  const kind: NodeKind = node.kind;
  const id = node.id;
  const suffix = idSuffix(id);
  const param = node.param ?? 1;
  switch (kind) {
    case 'count':
      return keyedAggregation((old) => old + 1, (a, b) => a + b, id, records) as OperatorDefinition;
    case 'sum': {
      const add = (a: number, b: number) => (a + b) % VALUE_MODULUS;
      return keyedAggregation(add, add, id, records) as OperatorDefinition;
    }
    case 'digest':
      return digest(id, records) as OperatorDefinition;
    case 'filter':
      return stateless((r, out) => void (r.value % param !== 0 && out.push(records.derived(r, suffix, r.key, r.value))));
    case 'map':
      return stateless((r, out) => void out.push(records.derived(r, suffix, r.key, (r.value * param + 1) % VALUE_MODULUS)));
    case 'flatMap': {
      const suffixes = Array.from({ length: param }, (_, i) => `${suffix}#${i}`);
      return stateless((r, out) => {
        for (let i = 0; i < param; i++) out.push(records.derived(r, suffixes[i]!, r.key, (r.value + i) % VALUE_MODULUS));
      });
    }
    case 'union':
      return stateless((r, out) => void out.push(records.derived(r, suffix, r.key, r.value)));
    case 'decrement':
      // Closes iterations: each pass lowers the value, and a record stops at a multiple of
      // ITERATION_PASSES_MAX, so it goes around a loop fewer than that many times whatever its value.
      return stateless((r, out) => void (r.value % ITERATION_PASSES_MAX !== 0 && out.push(records.derived(r, suffix, r.key, r.value - 1))));
    case 'join':
      return join(id, records) as OperatorDefinition;
    case 'sink':
      return sink() as OperatorDefinition;
    case 'source':
      // Sources emit from their log; they transform nothing and hold only their offset.
      return stateless((r, out) => void out.push(r));
    default:
      return unreachable(kind, 'operatorFor');
  }
}
