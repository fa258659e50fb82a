// Resolving `--strategy`: a built-in name, or a path to a user's module (TypeScript loads without
// a build step). A module must export one CheckpointStrategy: its default export, or its only
// export that looks like one. Every problem is a UsageError naming the module.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkStrategy, isStrategyLike } from '../strategies/validate.ts';
import { findStrategy, strategyNames } from '../strategies/registry.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { UsageError } from './errors.ts';

export type StrategyOrigin = { readonly kind: 'built-in'; readonly name: string } | { readonly kind: 'module'; readonly path: string; readonly sha256: string };

export interface LoadedStrategy {
  readonly strategy: CheckpointStrategy;
  readonly origin: StrategyOrigin;
}

/** A spec with a path separator or a module extension is a module; anything else is a built-in name. */
export function isModuleSpec(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.(ts|mts|js|mjs)$/.test(spec);
}

export async function loadStrategy(spec: string): Promise<LoadedStrategy> {
  if (!isModuleSpec(spec)) {
    const strategy = findStrategy(spec);
    if (!strategy) throw new UsageError(`unknown strategy "${spec}"; known: ${strategyNames().join(', ')}, or a path to a strategy module`);
    return { strategy, origin: { kind: 'built-in', name: spec } };
  }
  const path = resolve(spec);
  if (!existsSync(path)) throw new UsageError(`strategy module ${spec} does not exist`);
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`strategy module ${spec} threw while loading: ${firstLine(error)}`);
  }
  const strategy = pickExport(spec, exports);
  return { strategy, origin: { kind: 'module', path: spec, sha256 } };
}

function pickExport(spec: string, exports: Record<string, unknown>): CheckpointStrategy {
  const names = Object.keys(exports).filter((k) => k !== '__esModule');
  const chosen = 'default' in exports ? 'default' : names.filter((k) => isStrategyLike(exports[k]));
  if (Array.isArray(chosen) && chosen.length !== 1) {
    const found = chosen.length === 0 ? `none of its exports (${names.join(', ') || 'none'}) is one` : `it exports several (${chosen.join(', ')}); make one the default export`;
    throw new UsageError(`strategy module ${spec} must export a CheckpointStrategy: ${found}`);
  }
  const name = Array.isArray(chosen) ? chosen[0]! : chosen;
  const check = checkStrategy(exports[name]);
  if (!check.ok) throw new UsageError(`strategy module ${spec}: export "${name}" is not a valid CheckpointStrategy: ${check.problem}`);
  return check.strategy;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!;
}
