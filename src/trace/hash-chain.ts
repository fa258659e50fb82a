// A hash chain over a History: step i's hash folds step i-1's hash and event i's canonical JSON, so
// the hash of step i fingerprints the whole prefix up to i, and two runs agree on every step before
// the first one whose hashes differ. A bundle stores every step's hash; a replay recomputes the chain
// and names the first step where the new History left the recorded one.
import type { History, HistoryEvent } from '../core/history.ts';
import { canonicalJson } from './canonical.ts';
import { fnv64Hex, fnv64Start, fnv64Update } from './hash.ts';

/** The hash "before step 0": the name and version of the chain's construction. */
export const CHAIN_ORIGIN = 'snapcheck-chain-1';

export function chainStep(previous: string, event: HistoryEvent): string {
  const h = fnv64Start();
  fnv64Update(h, previous);
  fnv64Update(h, '\n');
  fnv64Update(h, canonicalJson(event));
  return fnv64Hex(h);
}

export function hashChain(history: History): string[] {
  const chain: string[] = new Array<string>(history.length);
  let previous = CHAIN_ORIGIN;
  for (let i = 0; i < history.length; i++) {
    previous = chainStep(previous, history[i]!);
    chain[i] = previous;
  }
  return chain;
}

/**
 * The first step at which two chains differ: the first index with different hashes, or the length
 * of the shorter chain when one is a prefix of the other; null when they are equal.
 */
export function firstDifference(recorded: readonly string[], replayed: readonly string[]): number | null {
  const common = Math.min(recorded.length, replayed.length);
  for (let i = 0; i < common; i++) if (recorded[i] !== replayed[i]) return i;
  return recorded.length === replayed.length ? null : common;
}
