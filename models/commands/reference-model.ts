// A sequential reference model of aligned checkpointing on one small fixed job, written without
// the simulator's code: plain arrays and maps, one method per command. The model-based suite drives
// the simulator and this model with the same commands and compares what they hold after each one.
import { expandTopology, keyHash, type PhysicalGraph, type Scenario } from '../../src/index.ts';

export const MODEL_CAPACITY = 2;

/** a (p=2) and b (p=1) --hash--> count c (p=2) --forward--> sink k (p=2). */
export const MODEL_SCENARIO: Scenario = {
  formatVersion: 1,
  strategy: 'aligned',
  topology: {
    nodes: [
      { id: 'a', kind: 'source', parallelism: 2 },
      { id: 'b', kind: 'source', parallelism: 1 },
      { id: 'c', kind: 'count', parallelism: 2 },
      { id: 'k', kind: 'sink', parallelism: 2 },
    ],
    edges: [
      { from: 'a', to: 'c', partitioner: 'hash' },
      { from: 'b', to: 'c', partitioner: 'hash' },
      { from: 'c', to: 'k', partitioner: 'forward' },
    ],
  },
  sourceLogs: {
    a: [
      [{ key: 1, value: 1 }, { key: 2, value: 2 }, { key: 3, value: 3 }, { key: 1, value: 4 }],
      [{ key: 2, value: 5 }, { key: 3, value: 6 }, { key: 0, value: 7 }],
    ],
    b: [[{ key: 0, value: 8 }, { key: 1, value: 9 }, { key: 2, value: 1 }]],
  },
  triggers: [],
  faults: [],
  timing: { channelCapacity: MODEL_CAPACITY, deliveryDelayTicksMax: 0, processingTicksMax: 0, uploadTicksMax: 0, rpcDelayTicksMax: 0, restartTicks: 1, checkpointTimeoutTicks: 1_000_000 },
  limits: { faultWindowTicks: 0, livenessTicksMax: 1000 },
  decisions: [],
};

interface Saved {
  offsets: number[];
  counts: Map<number, number>[];
  sinks: string[][];
}

export class ReferenceModel {
  readonly graph: PhysicalGraph = expandTopology(MODEL_SCENARIO.topology);
  channels: string[][] = [];
  blocked: boolean[] = [];
  pending: [number, string][][] = [];
  offsets: number[] = [];
  counts: Map<number, number>[] = [];
  sinks: string[][] = [];
  down = false;
  private lastId = 0;
  private lastStarted: number[] = [];
  /** Per task, checkpoints aborted before their first barrier arrived there. */
  private abortedAhead: Set<number>[] = [];
  private aligning: { id: number; arrived: Set<number> }[] = [];
  private parts = new Map<number, Map<number, Saved>>();
  /** Coordinator messages per task, taken only when the task has no output waiting for credit. */
  private mailbox: { kind: 'trigger' | 'abort'; id: number }[][] = [];
  private completed: Saved | null = null;
  private readonly keys = new Map<string, number>();

  constructor() {
    this.reset(null);
  }

  private get taskCount(): number {
    return this.graph.tasks.length;
  }

  canEmit(task: number): boolean {
    const log = this.logOf(task);
    return !this.down && log !== null && this.offsets[task]! < log.length && this.pending[task]!.length === 0;
  }

  emit(task: number): void {
    const spec = this.logOf(task)![this.offsets[task]!]!;
    const id = `${this.graph.tasks[task]!.label}@${this.offsets[task]}`;
    this.keys.set(id, spec.key);
    this.offsets[task]!++;
    this.sendRecord(task, id, spec.key);
  }

  canDeliver(channel: number): boolean {
    const receiver = this.graph.channels[channel]!.to;
    return !this.down && this.channels[channel]!.length > 0 && !this.blocked[channel] && this.pending[receiver]!.length === 0;
  }

  /** Returns what was at the head. */
  deliver(channel: number): string {
    const { from, to } = this.graph.channels[channel]!;
    const wasFull = this.recordsIn(channel) >= MODEL_CAPACITY;
    const head = this.channels[channel]!.shift()!;
    if (wasFull) this.flush(from);
    const barrier = /^\|(\d+)\|$/.exec(head);
    const marker = /^x\|(\d+)\|$/.exec(head);
    if (barrier) this.barrierArrived(to, channel, Number(barrier[1]));
    else if (marker) this.cancelAlignment(to, Number(marker[1]), true);
    else this.apply(to, head);
    return head;
  }

  trigger(): void {
    const id = ++this.lastId;
    this.parts.set(id, new Map());
    for (const task of this.graph.tasks) if (task.node.kind === 'source') this.mailbox[task.index]!.push({ kind: 'trigger', id });
  }

  crash(): void {
    this.down = true;
    this.parts.clear();
    this.mailbox = this.graph.tasks.map(() => []);
  }

  /** Handle mailboxes until empty (what the simulator does between background events), even while a task waits for credit. */
  settle(): void {
    for (let progress = true; progress && !this.down; ) {
      progress = false;
      this.graph.tasks.forEach((_t, task) => {
        while (this.mailbox[task]!.length > 0) {
          const message = this.mailbox[task]!.shift()!;
          progress = true;
          if (message.kind === 'trigger') this.checkpointStep(task, message.id);
          else this.cancelAlignment(task, message.id, false);
        }
      });
    }
  }

  recover(): void {
    this.reset(this.completed);
  }

  private reset(from: Saved | null): void {
    const n = this.taskCount;
    this.down = false;
    this.channels = this.graph.channels.map(() => []);
    this.blocked = this.graph.channels.map(() => false);
    this.pending = Array.from({ length: n }, () => []);
    this.offsets = from ? [...from.offsets] : new Array<number>(n).fill(0);
    this.counts = from ? from.counts.map((m) => new Map(m)) : Array.from({ length: n }, () => new Map());
    this.sinks = from ? from.sinks.map((s) => [...s]) : Array.from({ length: n }, () => []);
    this.lastStarted = new Array<number>(n).fill(0);
    this.abortedAhead = Array.from({ length: n }, () => new Set());
    this.aligning = Array.from({ length: n }, () => ({ id: 0, arrived: new Set() }));
    this.mailbox = Array.from({ length: n }, () => []);
  }

  private logOf(task: number): readonly { key: number; value: number }[] | null {
    const t = this.graph.tasks[task]!;
    return t.node.kind === 'source' ? MODEL_SCENARIO.sourceLogs[t.node.id]![t.subtask]! : null;
  }

  private apply(task: number, id: string): void {
    const kind = this.graph.tasks[task]!.node.kind;
    const key = this.keys.get(id)!;
    if (kind === 'sink') return void this.sinks[task]!.push(id);
    const counts = this.counts[task]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const derived = `${id}>c`;
    this.keys.set(derived, key);
    this.sendRecord(task, derived, key);
  }

  private barrierArrived(task: number, channel: number, id: number): void {
    this.blocked[channel] = true;
    const inputs = this.graph.tasks[task]!.inputs;
    const state = this.aligning[task]!;
    const aligningNow = state.arrived.size > 0;
    const obsolete = (id <= this.lastStarted[task]! && !(aligningNow && id === state.id)) || this.abortedAhead[task]!.has(id);
    if (obsolete) return void (this.blocked[channel] = false);
    if (aligningNow && id > state.id) {
      const older = state.id;
      this.sendToAll(task, `x|${older}|`); // cancellation marker, then resume the aligned inputs
      for (const c of state.arrived) this.blocked[c] = false;
      this.aligning[task] = { id: 0, arrived: new Set() };
      this.abort(older); // declined as subsumed
    }
    if (id > this.lastStarted[task]!) {
      this.lastStarted[task] = id;
      this.aligning[task] = { id, arrived: new Set() };
    }
    const current = this.aligning[task]!;
    current.arrived.add(channel);
    if (current.arrived.size < inputs.length) return;
    this.checkpointStep(task, id);
    for (const c of current.arrived) this.blocked[c] = false;
    this.aligning[task] = { id: 0, arrived: new Set() };
  }

  private abort(id: number): void {
    if (!this.parts.delete(id)) return;
    for (const box of this.mailbox) box.push({ kind: 'abort', id });
  }

  /** An abort notification, or (byMarker) a cancellation marker, which is passed on once. */
  private cancelAlignment(task: number, id: number, byMarker: boolean): void {
    const state = this.aligning[task]!;
    if (state.arrived.size > 0 && state.id === id) {
      if (byMarker) this.sendToAll(task, `x|${id}|`);
      for (const c of state.arrived) this.blocked[c] = false;
      this.aligning[task] = { id: 0, arrived: new Set() };
      return;
    }
    if (id <= this.lastStarted[task]! || this.abortedAhead[task]!.has(id)) return;
    this.abortedAhead[task]!.add(id);
    if (byMarker) this.sendToAll(task, `x|${id}|`);
  }

  private sendToAll(task: number, message: string): void {
    for (const out of this.graph.tasks[task]!.outputs) for (const c of out.channelTo) if (c !== undefined) this.send(task, c, message);
  }

  private checkpointStep(task: number, id: number): void {
    if (this.graph.tasks[task]!.node.kind === 'source') {
      if (id <= this.lastStarted[task]!) return;
      this.lastStarted[task] = id;
    }
    const parts = this.parts.get(id);
    parts?.set(task, { offsets: [...this.offsets], counts: this.counts.map((m) => new Map(m)), sinks: this.sinks.map((s) => [...s]) });
    this.sendToAll(task, `|${id}|`);
    if (parts && parts.size === this.taskCount) this.complete(id, parts);
  }

  private complete(id: number, parts: Map<number, Saved>): void {
    const pick = (task: number) => parts.get(task)!;
    this.completed = {
      offsets: this.graph.tasks.map((t) => pick(t.index).offsets[t.index]!),
      counts: this.graph.tasks.map((t) => new Map(pick(t.index).counts[t.index]!)),
      sinks: this.graph.tasks.map((t) => [...pick(t.index).sinks[t.index]!]),
    };
    this.parts.delete(id);
    for (const older of [...this.parts.keys()].sort((x, y) => x - y)) if (older < id) this.abort(older);
  }

  private sendRecord(task: number, id: string, key: number): void {
    for (const out of this.graph.tasks[task]!.outputs) {
      const receiver = out.partitioner === 'hash' ? keyHash(key) % out.receiverParallelism : this.graph.tasks[task]!.subtask;
      this.send(task, out.channelTo[receiver]!, id);
    }
  }

  /** FIFO through the task's waiting outputs; only records need credit. */
  private send(task: number, channel: number, message: string): void {
    const needsCredit = !message.includes('|');
    if (this.pending[task]!.length > 0 || (needsCredit && this.recordsIn(channel) >= MODEL_CAPACITY)) this.pending[task]!.push([channel, message]);
    else this.place(task, channel, message);
  }

  private place(_task: number, channel: number, message: string): void {
    this.channels[channel]!.push(message);
  }

  private flush(task: number): void {
    const queue = this.pending[task]!;
    while (queue.length > 0 && (queue[0]![1].includes('|') || this.recordsIn(queue[0]![0]) < MODEL_CAPACITY)) {
      const [channel, message] = queue.shift()!;
      this.place(task, channel, message);
    }
  }

  private recordsIn(channel: number): number {
    return this.channels[channel]!.filter((m) => !m.includes('|')).length;
  }
}
