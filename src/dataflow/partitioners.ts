// Partitioners choose which receiver subtasks get a record. Shared by the simulator and the
// reference evaluator, so both route identically.
import { unreachable } from '../core/assert.ts';
import type { DataRecord } from '../core/messages.ts';
import type { Partitioner } from './topology.ts';

/** Integer hash of a key (murmur3 finalizer): spreads small keys across subtasks. */
export function keyHash(key: number): number {
  let h = key | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The receiver subtask for `record`, or BROADCAST for every receiver. `roundRobin` is the sender's
 * rebalance counter for this edge; it is task state (snapshotted and restored) so that routing
 * after recovery matches a failure-free run. Use `nextRoundRobin` to advance it.
 */
export function route(partitioner: Partitioner, record: DataRecord, senderSubtask: number, receiverParallelism: number, roundRobin: number): number {
  switch (partitioner) {
    case 'forward':
      return senderSubtask;
    case 'hash':
      return keyHash(record.key) % receiverParallelism;
    case 'broadcast':
      return BROADCAST;
    case 'rebalance':
      return roundRobin % receiverParallelism;
    default:
      return unreachable(partitioner, 'route');
  }
}

export const BROADCAST = -1;

export function nextRoundRobin(partitioner: Partitioner, receiverParallelism: number, roundRobin: number): number {
  return partitioner === 'rebalance' ? (roundRobin + 1) % receiverParallelism : roundRobin;
}

/** Where a sender's rebalance counter starts: its own subtask index, as a deterministic spread. */
export function initialRoundRobin(senderSubtask: number, receiverParallelism: number): number {
  return senderSubtask % receiverParallelism;
}

/** Every receiver subtask of `record`, as a list (for callers off the hot path). */
export function receiversOf(partitioner: Partitioner, record: DataRecord, senderSubtask: number, receiverParallelism: number, roundRobin: number): number[] {
  const target = route(partitioner, record, senderSubtask, receiverParallelism, roundRobin);
  return target === BROADCAST ? Array.from({ length: receiverParallelism }, (_, r) => r) : [target];
}
