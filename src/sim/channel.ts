// A FIFO channel between two tasks. Capacity counts records (credit): a sender whose record does
// not fit keeps it pending and stalls. Barriers take no credit. Each message becomes visible to the
// receiver at `availableAt`; a later message is never visible before an earlier one (FIFO).
import type { Tick } from '../core/ids.ts';
import { isBarrier, type ChannelMessage } from '../core/messages.ts';

export class ChannelRuntime {
  private messages: ChannelMessage[] = [];
  private visibleAt: Tick[] = [];
  private head = 0;
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
    return this.messages.length - this.head;
  }

  hasCreditFor(message: ChannelMessage): boolean {
    return isBarrier(message) || this.records < this.capacity;
  }

  /** Enqueue at the tail; returns the tick at which it becomes visible to the receiver. */
  enqueue(message: ChannelMessage, earliest: Tick): Tick {
    const at = earliest > this.lastVisibleAt ? earliest : this.lastVisibleAt;
    this.lastVisibleAt = at;
    this.messages.push(message);
    this.visibleAt.push(at);
    if (!isBarrier(message)) this.records++;
    return at;
  }

  /** Tick at which the head is visible, or undefined when empty. */
  headVisibleAt(): Tick | undefined {
    return this.head < this.messages.length ? this.visibleAt[this.head] : undefined;
  }

  /** The i-th message from the head (0 = head). */
  at(i: number): ChannelMessage {
    return this.messages[this.head + i]!;
  }

  peek(): ChannelMessage | undefined {
    return this.messages[this.head];
  }

  dequeue(): ChannelMessage {
    const message = this.messages[this.head]!;
    this.head++;
    if (!isBarrier(message)) this.records--;
    if (this.head > 64 && this.head * 2 > this.messages.length) this.compact();
    return message;
  }

  /** Everything in flight is dropped (a failover). */
  clear(): void {
    this.messages = [];
    this.visibleAt = [];
    this.head = 0;
    this.records = 0;
    this.blocked = false;
    this.lastVisibleAt = 0;
  }

  private compact(): void {
    this.messages = this.messages.slice(this.head);
    this.visibleAt = this.visibleAt.slice(this.head);
    this.head = 0;
  }
}
