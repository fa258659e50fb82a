// Record identities in the simulator: a lineage table instead of id strings. Each record created in
// a run gets a uid and one row (its parents, the suffix its operator adds, its key and value); the
// id string is built only when read (snapshots of sinks and joins, decoding the History) and then
// kept. The History stores uids, so it holds no record objects, and the hot loop builds no strings.
import type { DataRecord } from '../core/messages.ts';
import type { RecordFactory } from '../dataflow/records.ts';

const NO_PARENT = -1;
/** A record that entered the run with its id already spelled out (restored join or sink state). */
const NAMED = -2;
const INITIAL_ROWS = 1024;

export class SimRecord implements DataRecord {
  constructor(
    readonly uid: number,
    readonly key: number,
    readonly value: number,
    private readonly table: RecordTable,
  ) {}

  get id(): string {
    return this.table.idOf(this.uid);
  }

  belongsTo(table: RecordTable): boolean {
    return this.table === table;
  }
}

export class RecordTable implements RecordFactory {
  private parentA = new Int32Array(INITIAL_ROWS);
  /** Second parent of a joined record, or the offset of a source record. */
  private parentB = new Int32Array(INITIAL_ROWS);
  private suffix = new Int32Array(INITIAL_ROWS);
  private key = new Int32Array(INITIAL_ROWS);
  private value = new Int32Array(INITIAL_ROWS);
  private readonly ids: (string | undefined)[] = [];
  private readonly plainRecords: (DataRecord | undefined)[] = [];
  private readonly suffixes: string[] = [];
  private readonly suffixIndex = new Map<string, number>();
  size = 0;

  source(taskLabel: string, offset: number, key: number, value: number): DataRecord {
    return this.add(NO_PARENT, offset, this.intern(taskLabel), key, value);
  }

  derived(parent: DataRecord, suffix: string, key: number, value: number): DataRecord {
    return this.add(this.uidOf(parent), NO_PARENT, this.intern(suffix), key, value);
  }

  joined(left: DataRecord, right: DataRecord, suffix: string, key: number, value: number): DataRecord {
    return this.add(this.uidOf(left), this.uidOf(right), this.intern(suffix), key, value);
  }

  uidOf(record: DataRecord): number {
    if (record instanceof SimRecord && record.belongsTo(this)) return record.uid;
    const uid = this.add(NAMED, NO_PARENT, 0, record.key, record.value).uid;
    this.ids[uid] = record.id;
    return uid;
  }

  idOf(uid: number): string {
    const known = this.ids[uid];
    if (known !== undefined) return known;
    const [a, b, suffix] = [this.parentA[uid]!, this.parentB[uid]!, this.suffixes[this.suffix[uid]!]!];
    const id = a === NO_PARENT ? `${suffix}@${b}` : b === NO_PARENT ? this.idOf(a) + suffix : `(${this.idOf(a)}*${this.idOf(b)})${suffix}`;
    this.ids[uid] = id;
    return id;
  }

  /** The record as plain JSON data, one shared object per uid. */
  plain(uid: number): DataRecord {
    return (this.plainRecords[uid] ??= { id: this.idOf(uid), key: this.key[uid]!, value: this.value[uid]! });
  }

  /** Heap bytes per row in the typed columns (memoized strings and plain objects excluded). */
  static readonly COLUMN_BYTES_PER_ROW = 5 * 4;

  private add(parentA: number, parentB: number, suffix: number, key: number, value: number): SimRecord {
    const uid = this.size;
    if (uid === this.parentA.length) this.grow();
    this.parentA[uid] = parentA;
    this.parentB[uid] = parentB;
    this.suffix[uid] = suffix;
    this.key[uid] = key;
    this.value[uid] = value;
    this.size = uid + 1;
    return new SimRecord(uid, key, value, this);
  }

  private lastSuffix = '';
  private lastSuffixIndex = -1;

  private intern(suffix: string): number {
    // Consecutive records mostly come from the same operator: skip the map lookup for a repeat.
    if (suffix === this.lastSuffix && this.lastSuffixIndex >= 0) return this.lastSuffixIndex;
    let index = this.suffixIndex.get(suffix);
    if (index === undefined) {
      index = this.suffixes.length;
      this.suffixes.push(suffix);
      this.suffixIndex.set(suffix, index);
    }
    this.lastSuffix = suffix;
    this.lastSuffixIndex = index;
    return index;
  }

  private grow(): void {
    const rows = this.parentA.length * 2;
    const widen = (old: Int32Array) => {
      const next = new Int32Array(rows);
      next.set(old);
      return next;
    };
    this.parentA = widen(this.parentA);
    this.parentB = widen(this.parentB);
    this.suffix = widen(this.suffix);
    this.key = widen(this.key);
    this.value = widen(this.value);
  }
}
