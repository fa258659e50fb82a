// The practical limit: a minimal hand-written discrete-event loop over the same linear pipeline.
// A binary heap ordered by (tick, seq); per record and stage the same work as the simulator's
// operators (the shared operator definitions, derived records with derived ids), and nothing else:
// no channels, credit, strategies, choices or History.
import { operatorFor, type DataRecord } from '../src/bench-surface.ts';
import type { LogicalTopology, SourceRecordSpec } from '../src/index.ts';

interface Item {
  tick: number;
  seq: number;
  stage: number;
  record: DataRecord;
}

class Heap {
  private readonly items: Item[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: Item): void {
    const a = this.items;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p]!;
      if (parent.tick < item.tick || (parent.tick === item.tick && parent.seq < item.seq)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = item;
  }

  pop(): Item {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && (a[r]!.tick < a[l]!.tick || (a[r]!.tick === a[l]!.tick && a[r]!.seq < a[l]!.seq)) ? r : l;
      const child = a[c]!;
      if (last.tick < child.tick || (last.tick === child.tick && last.seq < child.seq)) break;
      a[i] = child;
      i = c;
    }
    a[i] = last;
    return top;
  }
}

/** Runs a parallelism-1 linear pipeline; returns record deliveries (records entering a non-source stage). */
export function runMinimalLoop(topology: LogicalTopology, log: readonly SourceRecordSpec[]): number {
  const stages = topology.nodes.slice(1).map((n) => ({ operator: operatorFor(n), state: operatorFor(n).createState(), label: `${n.id}.0` }));
  const heap = new Heap();
  let seq = 0;
  const SOURCE = -1;
  const sourceRecord = (offset: number): DataRecord => ({ id: `src.0@${offset}`, key: log[offset]!.key, value: log[offset]!.value });
  // The source emits one record per tick, as the simulator's source does: the heap stays small.
  if (log.length > 0) heap.push({ tick: 0, seq: seq++, stage: SOURCE, record: sourceRecord(0) });
  const out: DataRecord[] = [];
  let deliveries = 0;
  while (heap.size > 0) {
    const item = heap.pop();
    if (item.stage === SOURCE) {
      const next = item.tick + 1;
      if (next < log.length) heap.push({ tick: next, seq: seq++, stage: SOURCE, record: sourceRecord(next) });
      heap.push({ tick: item.tick + 1, seq: seq++, stage: 0, record: item.record });
      continue;
    }
    const stage = stages[item.stage]!;
    deliveries++;
    out.length = 0;
    stage.operator.apply(stage.state, item.record, 'src.0', 0, out);
    if (item.stage + 1 < stages.length) for (const record of out) heap.push({ tick: item.tick + 1, seq: seq++, stage: item.stage + 1, record });
  }
  return deliveries;
}
