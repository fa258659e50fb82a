// CANARY: the at-least-once barrier tracker relabelled as exactly-once. It never aligns, so a
// restore replays records its snapshot already counted: duplicates. The suites must find them.
import { atLeastOnce } from '../at-least-once/index.ts';
import type { CheckpointStrategy } from '../strategy.ts';

export const atLeastOnceAsExactlyOnce: CheckpointStrategy = {
  ...atLeastOnce,
  name: 'at-least-once-as-exactly-once',
  guarantee: 'exactly-once', // falsely
};
