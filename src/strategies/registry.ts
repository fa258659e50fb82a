// Built-in strategies by name. Canaries exist to fail: they run only when named.
import { alignedCyclic } from './aligned-cyclic/index.ts';
import { aligned } from './aligned/index.ts';
import { alignedTimeout, unaligned } from './alternating/index.ts';
import { atLeastOnce } from './at-least-once/index.ts';
import { atLeastOnceAsExactlyOnce } from './canaries/at-least-once-as-exactly-once.ts';
import { earlyUnblock } from './canaries/early-unblock.ts';
import { ignoresAborts } from './canaries/ignores-aborts.ts';
import { neverCompletes } from './canaries/never-completes.ts';
import { noAlign } from './canaries/no-align.ts';
import { obsoleteKeepsBlocked } from './canaries/obsolete-keeps-blocked.ts';
import { unalignedForgetsOutput } from './canaries/unaligned-forgets-output.ts';
import { unalignedLateRestore } from './canaries/unaligned-late-restore.ts';
import { chandyLamport } from './chandy-lamport/index.ts';
import type { CheckpointStrategy } from './strategy.ts';
import { sync } from './sync/index.ts';

export const BUILT_IN_STRATEGIES: readonly CheckpointStrategy[] = [aligned, alignedCyclic, unaligned, alignedTimeout, atLeastOnce, chandyLamport, sync];
export const CANARY_STRATEGIES: readonly CheckpointStrategy[] = [
  noAlign,
  earlyUnblock,
  unalignedForgetsOutput,
  unalignedLateRestore,
  obsoleteKeepsBlocked,
  atLeastOnceAsExactlyOnce,
  neverCompletes,
  ignoresAborts,
];

export function findStrategy(name: string): CheckpointStrategy | undefined {
  return [...BUILT_IN_STRATEGIES, ...CANARY_STRATEGIES].find((s) => s.name === name);
}

export function strategyNames(): string[] {
  return [...BUILT_IN_STRATEGIES, ...CANARY_STRATEGIES].map((s) => s.name);
}
