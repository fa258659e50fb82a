// CANARY: falsely declares exactly-once. Unaligned, but never stores its output buffer: the records
// its priority barrier overtakes before they reach the receiver belong to the checkpoint and are in
// no snapshot. A restore loses them. The suites must find this.
import { AlternatingTask } from '../alternating/index.ts';
import type { CheckpointStrategy } from '../strategy.ts';

export const unalignedForgetsOutput: CheckpointStrategy = {
  name: 'unaligned-forgets-output',
  guarantee: 'exactly-once', // falsely
  supportsCycles: false,
  observesRecords: true,
  createTask: (context) => new AlternatingTask(context, { alignFirst: false, alignmentTimeoutTicks: 0 }, false),
};
