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
    include: ['src/**/*.test.ts', 'models/**/*.test.ts', 'properties/**/*.prop.ts', 'bench/**/*.test.ts', 'bin/**/*.test.ts', 'ci/**/*.test.ts'],
    pool: 'forks',
    // In CI, also write machine-readable results; .ci/run prints a plain "N passed, N failed" from them.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'coverage/test-results.json' }], ['junit', { outputFile: 'coverage/vitest-junit.xml' }]] : ['default'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // V8 coverage (what c8 measures), collected by vitest itself: vitest runs transformed modules in
    // its own runner, where c8's CLI would map offsets of the transformed code onto the .ts sources.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/oracle/test-histories.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: {
        'src/sim/**': { lines: 90 },
        'src/strategies/**': { lines: 90 },
        'src/oracle/**': { lines: 90 },
      },
    },
  },
});
