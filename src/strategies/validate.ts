// Checking that a value from outside (a user's module) is a usable CheckpointStrategy, with a
// problem that names the field. The runtime checks effects as they are returned (sim/effects.ts).
import type { CheckpointStrategy, Guarantee } from './strategy.ts';

const GUARANTEES: readonly Guarantee[] = ['exactly-once', 'at-least-once', 'none'];

export type StrategyCheck = { ok: true; strategy: CheckpointStrategy } | { ok: false; problem: string };

export function checkStrategy(value: unknown): StrategyCheck {
  if (typeof value !== 'object' || value === null) return { ok: false, problem: `expected a strategy object, got ${value === null ? 'null' : typeof value}` };
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.name !== 'string' || candidate.name.trim() === '') return { ok: false, problem: '`name` must be a non-empty string' };
  if (!GUARANTEES.includes(candidate.guarantee as Guarantee)) {
    return { ok: false, problem: `\`guarantee\` must be one of ${GUARANTEES.join(', ')}, got ${JSON.stringify(candidate.guarantee)}` };
  }
  if (typeof candidate.supportsCycles !== 'boolean') return { ok: false, problem: '`supportsCycles` must be a boolean' };
  if (typeof candidate.createTask !== 'function') return { ok: false, problem: '`createTask` must be a function (context) => TaskStrategy' };
  return { ok: true, strategy: value as CheckpointStrategy };
}

/** Looks like a strategy (for picking one out of a module's exports). */
export function isStrategyLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { createTask?: unknown }).createTask === 'function';
}
