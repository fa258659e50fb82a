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
 * Receiver subtasks for `record`. `roundRobin` is the sender's rebalance counter for this edge;
 * it is task state (snapshotted and restored) so routing after recovery matches a failure-free run.
 * Returns the receivers and the counter's next value.
 */
export function route(
  partitioner: Partitioner,
  record: DataRecord,
  senderSubtask: number,
  receiverParallelism: number,
  roundRobin: number,
  into: number[],
): number {
  into.length = 0;
  switch (partitioner) {
    case 'forward':
      into.push(senderSubtask);
      return roundRobin;
    case 'hash':
      into.push(keyHash(record.key) % receiverParallelism);
      return roundRobin;
    case 'broadcast':
      for (let r = 0; r < receiverParallelism; r++) into.push(r);
      return roundRobin;
    case 'rebalance':
      into.push(roundRobin % receiverParallelism);
      return (roundRobin + 1) % receiverParallelism;
    default:
      return unreachable(partitioner, 'route');
  }
}

/** Where a sender's rebalance counter starts: its own subtask index, as a deterministic spread. */
export function initialRoundRobin(senderSubtask: number, receiverParallelism: number): number {
  return senderSubtask % receiverParallelism;
}
