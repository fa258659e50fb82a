// Parsing and validating option values. Every bad value is a UsageError naming the option.
import { randomInt } from 'node:crypto';
import { UsageError } from './errors.ts';

const SEED_MIN = -0x8000_0000;
const SEED_MAX = 0x7fff_ffff;

export function parseSeed(text: string | undefined): number {
  if (text === undefined) return randomInt(0, SEED_MAX);
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--seed must be an integer, got "${text}"`);
  const seed = Number(text);
  if (seed < SEED_MIN || seed > SEED_MAX) throw new UsageError(`--seed must be within [${SEED_MIN}, ${SEED_MAX}], got ${text}`);
  return seed;
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
