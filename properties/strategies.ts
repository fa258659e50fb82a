// The strategies under test, looked up through the public surface.
import { findStrategy, type CheckpointStrategy } from '../src/index.ts';

function named(name: string): CheckpointStrategy {
  const strategy = findStrategy(name);
  if (!strategy) throw new Error(`no built-in strategy "${name}"`);
  return strategy;
}

export const aligned = named('aligned');
export const noAlign = named('no-align');
export const earlyUnblock = named('early-unblock');
export const unalignedForgetsOutput = named('unaligned-forgets-output');
export const unalignedLateRestore = named('unaligned-late-restore');
export const obsoleteKeepsBlocked = named('obsolete-keeps-blocked');
export const atLeastOnceAsExactlyOnce = named('at-least-once-as-exactly-once');
export const neverCompletes = named('never-completes');
export const ignoresAborts = named('ignores-aborts');
