// A user's strategy module: loaded from anywhere (user-module.ts), then its strategy picked: the
// default export, or the only export that looks like a CheckpointStrategy. Failures are
// ModuleLoadErrors, one line each, naming the module.
import { checkStrategy, isStrategyLike } from '../strategies/validate.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { loadUserModule, ModuleLoadError } from './user-module.ts';

export interface LoadedStrategyModule {
  readonly strategy: CheckpointStrategy;
  readonly exportName: string;
  readonly sha256: string;
}

/** `label` names the module in messages, as the user wrote its path. */
export async function loadStrategyModule(path: string, label: string = path): Promise<LoadedStrategyModule> {
  const loaded = await loadUserModule(path, `strategy module ${label}`);
  return { ...pickStrategyExport(loaded.exports, label), sha256: loaded.sha256 };
}

/** The strategy of a module's exports (however the module was loaded). */
export function pickStrategyExport(exports: Record<string, unknown>, label: string): { strategy: CheckpointStrategy; exportName: string } {
  const names = Object.keys(exports).filter((k) => k !== '__esModule');
  const chosen = 'default' in exports ? 'default' : names.filter((k) => isStrategyLike(exports[k]));
  if (Array.isArray(chosen) && chosen.length !== 1) {
    const found = chosen.length === 0 ? `none of its exports (${names.join(', ') || 'none'}) is one` : `it exports several (${chosen.join(', ')}); make one the default export`;
    throw new ModuleLoadError(`strategy module ${label} must export a CheckpointStrategy: ${found}`);
  }
  const exportName = Array.isArray(chosen) ? chosen[0]! : chosen;
  const check = checkStrategy(exports[exportName]);
  if (!check.ok) throw new ModuleLoadError(`strategy module ${label}: export "${exportName}" is not a valid CheckpointStrategy: ${check.problem}`);
  return { strategy: check.strategy, exportName };
}
