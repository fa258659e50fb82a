// The built-in strategies as mutation targets. Mutation works on TypeScript sources: in snapcheck's
// checkout they are what runs (through tsx); in an installed package they ship beside the compiled
// dist/, which is what runs. A mutant's imports of unchanged files point at the running copy
// (runningTwin), so that the strategy under test shares module instances with the suite.
import { join } from 'node:path';
import { SOURCE_DIR } from '../modules/package-paths.ts';

export const STRATEGIES_DIR = join(SOURCE_DIR, 'strategies');

/** Built-in strategy -> [entry module under src/strategies, export name]. */
export const BUILT_IN_ENTRIES: Readonly<Record<string, readonly [string, string]>> = {
  aligned: ['aligned/index.ts', 'aligned'],
  'aligned-cyclic': ['aligned-cyclic/index.ts', 'alignedCyclic'],
  unaligned: ['alternating/index.ts', 'unaligned'],
  'aligned-timeout': ['alternating/index.ts', 'alignedTimeout'],
  'at-least-once': ['at-least-once/index.ts', 'atLeastOnce'],
  'chandy-lamport': ['chandy-lamport/index.ts', 'chandyLamport'],
  sync: ['sync/index.ts', 'sync'],
};

export const BUILT_IN_NAMES: readonly string[] = Object.keys(BUILT_IN_ENTRIES);
