// Built-in strategies by name. Canaries exist to fail: they run only when named.
import { aligned } from './aligned/index.ts';
import { earlyUnblock } from './canaries/early-unblock.ts';
import { noAlign } from './canaries/no-align.ts';
import type { CheckpointStrategy } from './strategy.ts';

export const BUILT_IN_STRATEGIES: readonly CheckpointStrategy[] = [aligned];
export const CANARY_STRATEGIES: readonly CheckpointStrategy[] = [noAlign, earlyUnblock];

export function findStrategy(name: string): CheckpointStrategy | undefined {
  return [...BUILT_IN_STRATEGIES, ...CANARY_STRATEGIES].find((s) => s.name === name);
}

export function strategyNames(): string[] {
  return [...BUILT_IN_STRATEGIES, ...CANARY_STRATEGIES].map((s) => s.name);
}
