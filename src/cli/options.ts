// Parsing and validating option values. Every bad value is a UsageError naming the option.
import { parseSeedText, resolveSeed, SeedError } from '../suite/seed.ts';
import type { Shard } from '../suite/batches.ts';
import { UsageError } from './errors.ts';

/** --seed, else SNAPCHECK_SEED, else random. */
export function parseSeed(text: string | undefined): number {
  try {
    return text === undefined ? resolveSeed() : parseSeedText(text, '--seed');
  } catch (error) {
    if (error instanceof SeedError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--shard k/n`: the k-th (1-based) of n parts. */
export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match === null ? [NaN, NaN] : [Number(match[1]), Number(match[2])];
  if (!(index >= 1 && count >= 1 && index <= count && count <= 10_000)) throw new UsageError(`--shard must be k/n with 1 <= k <= n <= 10000, got "${text}"`);
  return { index, count };
}

export function parsePositiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--${name} must be a positive integer, got "${text}"`);
  return Number(text);
}

export function parsePath(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+(:\d+)*$/.test(text)) throw new UsageError(`--path must look like 12:0:3 (fast-check's replay path), got "${text}"`);
  return text;
}
