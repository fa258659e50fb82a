// The one seed of a run: given, or SNAPCHECK_SEED from the environment, or drawn at random, and
// always printed, so any failure can be reproduced. The CLI, runSuite and the vitest helper all
// read it here; scaling the number of runs for a soak (SNAPCHECK_RUNS_SCALE) too.
import { randomInt } from 'node:crypto';

export const SEED_ENV = 'SNAPCHECK_SEED';
export const RUNS_SCALE_ENV = 'SNAPCHECK_RUNS_SCALE';
export const SEED_MIN = -0x8000_0000;
export const SEED_MAX = 0x7fff_ffff;

export class SeedError extends Error {
  override name = 'SeedError';
}

/** An integer seed from text; `source` names where it came from in the error (`--seed`, SNAPCHECK_SEED). */
export function parseSeedText(text: string, source: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new SeedError(`${source} must be an integer, got "${text}"`);
  const seed = Number(text);
  if (seed < SEED_MIN || seed > SEED_MAX) throw new SeedError(`${source} must be within [${SEED_MIN}, ${SEED_MAX}], got ${text}`);
  return seed;
}

/** SNAPCHECK_SEED when set (and not empty), else a random seed. */
export function resolveSeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[SEED_ENV];
  if (text !== undefined && text.trim() !== '') return parseSeedText(text, SEED_ENV);
  return randomInt(0, SEED_MAX);
}

/** `runs` times SNAPCHECK_RUNS_SCALE (a positive number, default 1), at least 1. */
export function scaledRuns(runs: number, env: NodeJS.ProcessEnv = process.env): number {
  const text = env[RUNS_SCALE_ENV];
  if (text === undefined || text.trim() === '') return runs;
  const scale = Number(text);
  if (!Number.isFinite(scale) || scale <= 0) throw new SeedError(`${RUNS_SCALE_ENV} must be a positive number, got "${text}"`);
  return Math.max(1, Math.round(runs * scale));
}
