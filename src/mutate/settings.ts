// Defaults of a mutation run, apart from the engine so that a CLI or a library user can read them
// without loading the TypeScript compiler.
import { availableParallelism } from 'node:os';
import type { KillSettings } from './types.ts';

// 300 scenarios a suite: what one cell of the CI guarantee matrix runs (properties/matrix.prop.ts).
export const DEFAULT_KILL_SETTINGS: KillSettings = { seed: 20_240_607, runs: 300, budgetMs: 30_000 };

export function defaultWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}
