// snapcheck/vitest as a user meets it: one call registers a passing suite; a canary fails with the
// diagnosis as the assertion message and leaves a bundle that replays; a strategy object without its
// module is refused before anything runs; pinned bundles replay as tests.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findStrategy } from '../strategies/registry.ts';
import { readBundleFile } from '../trace/files.ts';
import { assertStrategy, replayPinned, StrategyViolation, verifyStrategy } from './index.ts';

verifyStrategy('./examples/tracking-aligned.ts', { runs: 200, seed: 5 });
verifyStrategy(findStrategy('aligned')!, { runs: 200, seed: 5, name: 'the built-in aligned strategy, given as an object' });
replayPinned('properties/regressions');

describe('assertStrategy', () => {
  it('fails a canary with the diagnosis as its message, and writes a bundle that names it', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'snapcheck-vitest-'));
    const error = await assertStrategy('no-align', { runs: 300, seed: 7, outDir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StrategyViolation);
    const violation = error as StrategyViolation;
    expect(violation.name).toBe('AssertionError');
    expect(violation.message).toMatch(/^no-align violates cut-consistency \(seed 7, found after \d+ run\(s\)\)/);
    expect(violation.message).toContain('VIOLATED: cut-consistency');
    expect(violation.message).toMatch(/^ {2}W1 /m);
    expect(violation.message).toContain(`replay: npx snapcheck replay ${violation.bundleFile}`);
    expect(violation.message).toContain('SNAPCHECK_SEED=7');
    expect(existsSync(violation.bundleFile)).toBe(true);
    const read = readBundleFile(violation.bundleFile);
    expect(read.ok && read.bundle.strategy).toEqual({ kind: 'built-in', name: 'no-align' });
  }, 120_000);

  it('records a module strategy by path, so the bundle replays from the CLI', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'snapcheck-vitest-'));
    const result = await assertStrategy(new URL('../../examples/tracking-aligned.ts', import.meta.url), { runs: 100, seed: 1, outDir });
    expect(result.counterexample).toBeNull();
  }, 60_000);

  it('refuses a strategy object without its module, before running anything', () => {
    const mine = { ...findStrategy('aligned')!, name: 'mine' };
    expect(() => verifyStrategy(mine)).toThrow(/^verifyStrategy\(mine\): give its module so a counterexample can be replayed/);
  });
});
