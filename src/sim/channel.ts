// A FIFO channel between two tasks, as a growable ring buffer. Capacity counts records (credit):
// a sender whose record does not fit keeps it pending and stalls. Barriers take no credit. Each
// message becomes visible to the receiver at its tick; a later message is never visible before an
// earlier one (FIFO).
import type { Tick } from '../core/ids.ts';
import { isBarrier, type ChannelMessage } from '../core/messages.ts';

const INITIAL_SLOTS = 8; // a power of two: indices wrap with a mask

export class ChannelRuntime {
  private messages: (ChannelMessage | undefined)[] = new Array(INITIAL_SLOTS);
  private visibleAt = new Float64Array(INITIAL_SLOTS);
  private head = 0;
  private count = 0;
  private lastVisibleAt: Tick = 0;
  records = 0;
  blocked = false;

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
    return this.records < this.capacity || isBarrier(message);
  }

  /** Enqueue at the tail; returns the tick at which it becomes visible to the receiver. */
  enqueue(message: ChannelMessage, earliest: Tick): Tick {
    if (this.count === this.messages.length) this.grow();
    const at = earliest > this.lastVisibleAt ? earliest : this.lastVisibleAt;
    this.lastVisibleAt = at;
    const slot = (this.head + this.count) & (this.messages.length - 1);
    this.messages[slot] = message;
    this.visibleAt[slot] = at;
    this.count++;
    if (!isBarrier(message)) this.records++;
    return at;
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
    this.messages[this.head] = undefined;
    this.head = (this.head + 1) & (this.messages.length - 1);
    this.count--;
    if (!isBarrier(message)) this.records--;
    return message;
  }

  /** Everything in flight is dropped (a failover). */
  clear(): void {
    this.messages = new Array(INITIAL_SLOTS);
    this.visibleAt = new Float64Array(INITIAL_SLOTS);
    this.head = 0;
    this.count = 0;
    this.records = 0;
    this.blocked = false;
    this.lastVisibleAt = 0;
  }

  private grow(): void {
    const size = this.messages.length;
    const messages: (ChannelMessage | undefined)[] = new Array(size * 2);
    const visibleAt = new Float64Array(size * 2);
    for (let i = 0; i < this.count; i++) {
      messages[i] = this.messages[(this.head + i) & (size - 1)];
      visibleAt[i] = this.visibleAt[(this.head + i) & (size - 1)]!;
    }
    this.messages = messages;
    this.visibleAt = visibleAt;
    this.head = 0;
  }
}
