// Pinned regressions: bundles in properties/regressions/ (written by `snapcheck pin`), replayed with
// snapcheck/vitest's replayPinned, as a user's repository replays its own: a canary or a known bug
// must still violate its property; a fixed bug must hold, and so must every other property of its
// strategy's guarantee.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFilesIn, readBundleFile } from '../src/index.ts';
import { replayPinned } from '../src/vitest/index.ts';

const DIR = join(import.meta.dirname, 'regressions');

describe('pinned regressions', () => {
  it('exist, and include canaries (must still fail) and fixed bugs (must hold)', () => {
    const outcomes = bundleFilesIn(DIR).map((f) => {
      const read = readBundleFile(join(DIR, f));
      return read.ok ? read.bundle.expectation?.outcome : undefined;
    });
    expect(outcomes).toContain('violated');
    expect(outcomes).toContain('holds');
  });

  replayPinned(DIR, { root: join(import.meta.dirname, '..') });
});
