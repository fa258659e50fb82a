// One seed per test run, random unless SNAPCHECK_SEED is set, printed first so any failure can be
// reproduced. Workers inherit it through the environment.
import { randomInt } from 'node:crypto';
import { defineConfig } from 'vitest/config';

if (process.env.SNAPCHECK_SEED === undefined) process.env.SNAPCHECK_SEED = String(randomInt(0, 0x7fff_ffff));
if (process.env.SNAPCHECK_SEED_PRINTED === undefined) {
  process.env.SNAPCHECK_SEED_PRINTED = '1';
  console.log(`snapcheck property seed: ${process.env.SNAPCHECK_SEED} (reproduce: SNAPCHECK_SEED=${process.env.SNAPCHECK_SEED} npm test)`);
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'models/**/*.test.ts', 'properties/**/*.prop.ts', 'bench/**/*.test.ts', 'bin/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
