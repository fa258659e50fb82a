// The History as the simulator records it: columns of typed arrays for the frequent events (a
// record read, sent or processed; barriers; blocks), and the event object itself for the rare ones.
// Records are referred to by their lineage uid. No object is allocated or kept alive per frequent
// event, which keeps recording cheap (21 bytes an event) and keeps the garbage collector out of the
// hot loop. `decode()` rebuilds the plain HistoryEvent list the oracle reads; it is equal, event
// for event, to recording those objects directly.
import type { History, HistoryEvent } from '../core/history.ts';
import type { DataRecord } from '../core/messages.ts';
import type { RecordTable } from './lineage.ts';

const READ = 1;
const SENT = 2;
const PROCESSED = 3;
const BARRIER_SENT = 4;
const BARRIER_RECEIVED = 5;
const BLOCKED = 6;
const UNBLOCKED = 7;
const OBJECT = 8;
const PRIORITY_BARRIER_SENT = 9;
const PRIORITY_BARRIER_RECEIVED = 10;

const INITIAL_CAPACITY = 1024;

export class HistoryRecorder {
  private kind = new Uint8Array(INITIAL_CAPACITY);
  private tick = new Int32Array(INITIAL_CAPACITY);
  private task = new Int32Array(INITIAL_CAPACITY);
  /** Channel, offset or checkpoint id, depending on the kind. */
  private num = new Int32Array(INITIAL_CAPACITY);
  private channel = new Int32Array(INITIAL_CAPACITY);
  /** The record's lineage uid. */
  private record = new Int32Array(INITIAL_CAPACITY);
  /** Rare events, kept whole; `num` holds the index. */
  private readonly objects: HistoryEvent[] = [];
  length = 0;

  constructor(private readonly records: RecordTable) {}

  read(tick: number, task: number, offset: number, record: DataRecord): void {
    this.push(READ, tick, task, offset, 0, this.records.uidOf(record));
  }

  sent(tick: number, task: number, channel: number, record: DataRecord): void {
    this.push(SENT, tick, task, 0, channel, this.records.uidOf(record));
  }

  processed(tick: number, task: number, channel: number, record: DataRecord): void {
    this.push(PROCESSED, tick, task, 0, channel, this.records.uidOf(record));
  }

  barrier(sent: boolean, priority: boolean, tick: number, task: number, channel: number, checkpoint: number): void {
    const kind = priority ? (sent ? PRIORITY_BARRIER_SENT : PRIORITY_BARRIER_RECEIVED) : sent ? BARRIER_SENT : BARRIER_RECEIVED;
    this.push(kind, tick, task, checkpoint, channel, 0);
  }

  blocking(blocked: boolean, tick: number, task: number, channel: number): void {
    this.push(blocked ? BLOCKED : UNBLOCKED, tick, task, 0, channel, 0);
  }

  /** A rare event, kept as it is: it must be plain JSON data (records as `RecordTable.plain`). */
  object(event: HistoryEvent): void {
    this.objects.push(event);
    this.push(OBJECT, event.tick, 0, this.objects.length - 1, 0, 0);
  }

  private push(kind: number, tick: number, task: number, num: number, channel: number, record: number): void {
    const i = this.length;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.tick[i] = tick;
    this.task[i] = task;
    this.num[i] = num;
    this.channel[i] = channel;
    this.record[i] = record;
    this.length = i + 1;
  }

  private grow(): void {
    const capacity = this.kind.length * 2;
    const widen = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
    this.tick = widen(this.tick, (n) => new Int32Array(n));
    this.task = widen(this.task, (n) => new Int32Array(n));
    this.num = widen(this.num, (n) => new Int32Array(n));
    this.channel = widen(this.channel, (n) => new Int32Array(n));
    this.record = widen(this.record, (n) => new Int32Array(n));
  }

  /** Heap bytes used per recorded event by the columns (the event objects of rare kinds excluded). */
  static readonly COLUMN_BYTES_PER_EVENT = 1 + 4 * 5;

  decode(): History {
    const events: HistoryEvent[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) events[i] = this.at(i);
    return events;
  }

  at(i: number): HistoryEvent {
    const tick = this.tick[i]!;
    const task = this.task[i]!;
    const channel = this.channel[i]!;
    const num = this.num[i]!;
    switch (this.kind[i]) {
      case READ:
        return { kind: 'read', tick, task, offset: num, record: this.records.plain(this.record[i]!) };
      case SENT:
        return { kind: 'sent', tick, task, channel, record: this.records.plain(this.record[i]!) };
      case PROCESSED:
        return { kind: 'processed', tick, task, channel, record: this.records.plain(this.record[i]!) };
      case BARRIER_SENT:
      case PRIORITY_BARRIER_SENT:
        return { kind: 'barrierSent', tick, task, channel, checkpoint: num, priority: this.kind[i] === PRIORITY_BARRIER_SENT };
      case BARRIER_RECEIVED:
      case PRIORITY_BARRIER_RECEIVED:
        return { kind: 'barrierReceived', tick, task, channel, checkpoint: num, priority: this.kind[i] === PRIORITY_BARRIER_RECEIVED };
      case BLOCKED:
        return { kind: 'blocked', tick, task, channel };
      case UNBLOCKED:
        return { kind: 'unblocked', tick, task, channel };
      default:
        return this.objects[num]!;
    }
  }
}
