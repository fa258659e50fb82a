// Resolving `--strategy`: a built-in name, or a path to a user's module, loaded from anywhere
// (src/modules/strategy-module.ts). Every problem is a UsageError naming the module.
import { findStrategy, strategyNames } from '../strategies/registry.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { loadStrategyModule } from '../modules/strategy-module.ts';
import { ModuleLoadError } from '../modules/user-module.ts';
import { UsageError } from './errors.ts';

export type StrategyOrigin = { readonly kind: 'built-in'; readonly name: string } | { readonly kind: 'module'; readonly path: string; readonly sha256: string };

export interface LoadedStrategy {
  readonly strategy: CheckpointStrategy;
  readonly origin: StrategyOrigin;
  /** The export the strategy came from (modules only). */
  readonly exportName?: string;
}

/** A spec with a path separator or a module extension is a module; anything else is a built-in name. */
export function isModuleSpec(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.(ts|mts|cts|js|mjs|cjs)$/.test(spec);
}

export async function loadStrategy(spec: string): Promise<LoadedStrategy> {
  if (!isModuleSpec(spec)) {
    const strategy = findStrategy(spec);
    if (!strategy) throw new UsageError(`unknown strategy "${spec}"; known: ${strategyNames().join(', ')}, or a path to a strategy module`);
    return { strategy, origin: { kind: 'built-in', name: spec } };
  }
  try {
    const { strategy, exportName, sha256 } = await loadStrategyModule(spec);
    return { strategy, exportName, origin: { kind: 'module', path: spec, sha256 } };
  } catch (error) {
    if (error instanceof ModuleLoadError) throw new UsageError(error.message);
    throw error;
  }
}
