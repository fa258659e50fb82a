// A FIFO channel between two tasks, as a growable ring buffer. Capacity counts records (credit):
// a sender whose record does not fit keeps it pending and stalls. Control messages (barriers,
// cancellation markers) take no credit. Each message becomes visible to the receiver at its tick;
// a later message is never visible before an earlier one (FIFO), except a priority barrier, which
// goes ahead of everything but earlier priority barriers. A message visible at the receiver is in
// its input buffer; one not yet visible is still at the sender's side (its output buffer, or the wire).
import type { Tick } from '../core/ids.ts';
import { Barrier, isRecord, type ChannelMessage, type DataRecord, type PositionedRecord } from '../core/messages.ts';

const INITIAL_SLOTS = 8; // a power of two: indices wrap with a mask

export class ChannelRuntime {
  private messages: (ChannelMessage | undefined)[] = new Array(INITIAL_SLOTS);
  private visibleAt = new Float64Array(INITIAL_SLOTS);
  /** Position of each data record (its send index in this channel and attempt); -1 for control messages. */
  private positions = new Float64Array(INITIAL_SLOTS);
  private head = 0;
  private count = 0;
  private lastVisibleAt: Tick = 0;
  records = 0;
  blocked = false;
  /** Data records sent on this channel in this attempt: the next record's position. */
  sentRecords = 0;
  /** Position of the record dequeued last (for persisting it as channel state). */
  lastDequeuedPosition = -1;

  constructor(
    readonly index: number,
    readonly from: number,
    readonly to: number,
    readonly capacity: number,
  ) {}

  get length(): number {
    return this.count;
  }

  hasCreditFor(message: ChannelMessage): boolean {
    return this.records < this.capacity || !isRecord(message);
  }

  /** Assign the next position to a record the sender emits (it may wait for credit before `enqueue`). */
  nextPosition(): number {
    return this.sentRecords++;
  }

  /** Enqueue at the tail; returns the tick at which it becomes visible to the receiver. */
  enqueue(message: ChannelMessage, earliest: Tick, position: number): Tick {
    if (this.count === this.messages.length) this.grow();
    const at = earliest > this.lastVisibleAt ? earliest : this.lastVisibleAt;
    this.lastVisibleAt = at;
    const slot = (this.head + this.count) & (this.messages.length - 1);
    this.messages[slot] = message;
    this.visibleAt[slot] = at;
    this.positions[slot] = position;
    this.count++;
    if (isRecord(message)) this.records++;
    return at;
  }

  /**
   * Put a priority barrier ahead of everything queued except the priority barriers already there:
   * priority barriers overtake data, never each other (Flink polls priority buffers in their order).
   * It becomes visible at `at`, or with the last of those barriers if that is later. Returns when.
   */
  pushPriority(message: ChannelMessage, at: Tick): Tick {
    if (this.count === this.messages.length) this.grow();
    const mask = this.messages.length - 1;
    let ahead = 0;
    while (ahead < this.count && isPriorityBarrier(this.messages[(this.head + ahead) & mask])) ahead++;
    if (ahead > 0) at = Math.max(at, this.visibleAt[(this.head + ahead - 1) & mask]!);
    this.head = (this.head - 1) & mask;
    for (let i = 0; i < ahead; i++) {
      const to = (this.head + i) & mask;
      const from = (to + 1) & mask;
      this.messages[to] = this.messages[from];
      this.visibleAt[to] = this.visibleAt[from]!;
      this.positions[to] = this.positions[from]!;
    }
    const slot = (this.head + ahead) & mask;
    this.messages[slot] = message;
    this.visibleAt[slot] = at;
    this.positions[slot] = -1;
    this.count++;
    if (at > this.lastVisibleAt) this.lastVisibleAt = at;
    return at;
  }

  /** Queued data records, in order, split by whether the receiver can see them at `now`. */
  queuedRecords(now: Tick): { atReceiver: PositionedRecord[]; atSender: PositionedRecord[] } {
    const atReceiver: PositionedRecord[] = [];
    const atSender: PositionedRecord[] = [];
    const mask = this.messages.length - 1;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) & mask;
      const message = this.messages[slot]!;
      if (!isRecord(message)) continue;
      (this.visibleAt[slot]! <= now ? atReceiver : atSender).push({ record: message as DataRecord, position: this.positions[slot]! });
    }
    return { atReceiver, atSender };
  }

  /** Tick at which the head is visible, or undefined when empty. */
  headVisibleAt(): Tick | undefined {
    return this.count > 0 ? this.visibleAt[this.head] : undefined;
  }

  /** The i-th message from the head (0 = head). */
  at(i: number): ChannelMessage {
    return this.messages[(this.head + i) & (this.messages.length - 1)]!;
  }

  peek(): ChannelMessage | undefined {
    return this.count > 0 ? this.messages[this.head] : undefined;
  }

  dequeue(): ChannelMessage {
    const message = this.messages[this.head]!;
    this.lastDequeuedPosition = this.positions[this.head]!;
    this.messages[this.head] = undefined;
    this.head = (this.head + 1) & (this.messages.length - 1);
    this.count--;
    if (isRecord(message)) this.records--;
    return message;
  }

  /** Everything in flight is dropped (a failover); positions restart with the new attempt. */
  clear(): void {
    this.messages = new Array(INITIAL_SLOTS);
    this.visibleAt = new Float64Array(INITIAL_SLOTS);
    this.positions = new Float64Array(INITIAL_SLOTS);
    this.head = 0;
    this.count = 0;
    this.records = 0;
    this.blocked = false;
    this.lastVisibleAt = 0;
    this.sentRecords = 0;
    this.lastDequeuedPosition = -1;
  }

  private grow(): void {
    const size = this.messages.length;
    const messages: (ChannelMessage | undefined)[] = new Array(size * 2);
    const visibleAt = new Float64Array(size * 2);
    const positions = new Float64Array(size * 2);
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) & (size - 1);
      messages[i] = this.messages[slot];
      visibleAt[i] = this.visibleAt[slot]!;
      positions[i] = this.positions[slot]!;
    }
    this.messages = messages;
    this.visibleAt = visibleAt;
    this.positions = positions;
    this.head = 0;
  }
}

function isPriorityBarrier(message: ChannelMessage | undefined): boolean {
  return message instanceof Barrier && message.priority;
}
