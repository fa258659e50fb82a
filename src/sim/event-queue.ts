// The simulator's agenda: a binary min-heap totally ordered by (tick, seq). `seq` is assigned at
// scheduling time, so events at the same tick run in the order they were scheduled.
import type { CheckpointId, TaskIndex, Tick } from '../core/ids.ts';

export type SimEventKind =
  | 'wake'
  | 'trigger'
  | 'triggerArrived'
  | 'uploadFinished'
  | 'ackArrived'
  | 'declineArrived'
  | 'notificationArrived'
  | 'checkpointExpired'
  | 'fault'
  | 'restore'
  | 'livenessPhase';

export interface SimEvent {
  tick: Tick;
  seq: number;
  kind: SimEventKind;
  /** The attempt the event belongs to; events of an older attempt are dropped (in flight at a crash). */
  attempt: number;
  task: TaskIndex;
  checkpoint: CheckpointId;
  /** Fault index for `fault`, outcome/reason code for notifications and declines. */
  detail: number;
  note: string;
}

export class EventQueue {
  private heap: SimEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(event: Omit<SimEvent, 'seq'>): void {
    const e = event as SimEvent;
    e.seq = this.nextSeq++;
    const heap = this.heap;
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p.tick < e.tick || (p.tick === e.tick && p.seq < e.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = e;
  }

  pop(): SimEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      const cl = heap[l]!;
      if (r < n) {
        const cr = heap[r]!;
        if (cr.tick < cl.tick || (cr.tick === cl.tick && cr.seq < cl.seq)) c = r;
      }
      const child = heap[c]!;
      if (last.tick < child.tick || (last.tick === child.tick && last.seq < child.seq)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  peekTick(): Tick | undefined {
    return this.heap[0]?.tick;
  }

  /** Drop every event matching `doomed`. A sorted array is a valid heap, and seqs are kept. */
  removeWhere(doomed: (event: SimEvent) => boolean): void {
    this.heap = this.heap.filter((e) => !doomed(e)).sort((a, b) => a.tick - b.tick || a.seq - b.seq);
  }
}
