// Reading bundles on the command line, and resolving the strategy a bundle names. Every problem is a
// UsageError (exit 2) that names the file; nothing is written before a bundle has been read whole.
import { existsSync } from 'node:fs';
import { readBundleFile } from '../trace/files.ts';
import type { Bundle, StrategyRef } from '../trace/bundle.ts';
import { UsageError } from './errors.ts';
import { loadStrategy, type LoadedStrategy } from './strategy-loader.ts';

export function readBundleOrExit(file: string): Bundle {
  const read = readBundleFile(file);
  if (!read.ok) throw new UsageError(`bundle ${file}: ${read.problem}`);
  return read.bundle;
}

export interface ResolvedStrategy {
  readonly loaded: LoadedStrategy;
  readonly ref: StrategyRef;
  /** Warnings for the user: a changed module, an override. */
  readonly warnings: readonly string[];
}

/** The bundle's strategy, or `override` (a built-in name or a module path) when given. */
export async function strategyForBundle(bundle: Bundle, override: string | undefined): Promise<ResolvedStrategy> {
  const recorded = bundle.strategy;
  const spec = override ?? (recorded.kind === 'built-in' ? recorded.name : recorded.path);
  if (override === undefined && recorded.kind === 'module' && !existsSync(recorded.path)) {
    throw new UsageError(`the bundle's strategy module ${recorded.path} does not exist here; pass --strategy PATH`);
  }
  const loaded = await loadStrategy(spec);
  const ref = refOf(loaded);
  const warnings: string[] = [];
  if (override !== undefined) warnings.push(`replaying with strategy ${describeRef(ref)} instead of the recorded ${describeRef(recorded)}`);
  if (recorded.kind === 'module' && ref.kind === 'module' && ref.path === recorded.path && ref.sha256 !== recorded.sha256) {
    warnings.push(
      `strategy module ${recorded.path} changed since the bundle was written (sha256 ${recorded.sha256.slice(0, 12)}… -> ${ref.sha256.slice(0, 12)}…); replaying anyway`,
    );
  }
  if (loaded.strategy.name !== recorded.name && override === undefined) warnings.push(`the module's strategy is now named "${loaded.strategy.name}" (recorded: "${recorded.name}")`);
  return { loaded, ref, warnings };
}

export function refOf(loaded: LoadedStrategy): StrategyRef {
  const { origin, strategy } = loaded;
  return origin.kind === 'built-in' ? { kind: 'built-in', name: origin.name } : { kind: 'module', name: strategy.name, path: origin.path, sha256: origin.sha256 };
}

export function describeRef(ref: StrategyRef): string {
  return ref.kind === 'built-in' ? `${ref.name} (built-in)` : `${ref.name} (module ${ref.path}, sha256 ${ref.sha256.slice(0, 12)}…)`;
}
