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
  | 'timerFired'
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
  /** Released events, reused by push: the hot loop allocates no event objects. */
  private readonly pool: SimEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(tick: Tick, kind: SimEventKind, attempt: number, task: TaskIndex, checkpoint: CheckpointId, detail: number, note: string): void {
    const e = this.pool.pop() ?? { tick, seq: 0, kind, attempt, task, checkpoint, detail, note };
    e.tick = tick;
    e.seq = this.nextSeq++;
    e.kind = kind;
    e.attempt = attempt;
    e.task = task;
    e.checkpoint = checkpoint;
    e.detail = detail;
    e.note = note;
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

  /** Hand a dispatched event back for reuse; the caller must not touch it afterwards. */
  release(event: SimEvent): void {
    this.pool.push(event);
  }

  peekTick(): Tick | undefined {
    return this.heap[0]?.tick;
  }

}
