// Pinned regressions: bundles in properties/regressions/ (written by `snapcheck pin`). Each is
// replayed with its recorded decisions and must still behave as pinned: a canary or a known bug must
// still violate its property; a fixed bug must hold, and so must every other property of its
// strategy's guarantee. The verdict is what is pinned: a replay that diverges from the recorded
// History but still fails as pinned passes (and says where it diverged).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFilesIn, findStrategy, readBundleFile, replayBundle, type Bundle, type CheckpointStrategy } from '../src/index.ts';
import { evaluate, PROPERTIES_BY_GUARANTEE } from '../src/index.ts';

const DIR = join(import.meta.dirname, 'regressions');
const REPO = resolve(import.meta.dirname, '..');
const files = bundleFilesIn(DIR);

/** A built-in by name, or a module path relative to the repository root. */
async function strategyOf(bundle: Bundle): Promise<CheckpointStrategy> {
  const ref = bundle.strategy;
  if (ref.kind === 'built-in') {
    const strategy = findStrategy(ref.name);
    if (!strategy) throw new Error(`unknown built-in strategy "${ref.name}"`);
    return strategy;
  }
  const exports = (await import(pathToFileURL(resolve(REPO, ref.path)).href)) as Record<string, unknown>;
  return (exports.default ?? Object.values(exports).find((e) => typeof (e as { createTask?: unknown })?.createTask === 'function')) as CheckpointStrategy;
}

describe('pinned regressions', () => {
  it('exist, and include canaries (must still fail) and fixed bugs (must hold)', () => {
    const outcomes = files.map((f) => {
      const read = readBundleFile(join(DIR, f));
      return read.ok ? read.bundle.expectation?.outcome : undefined;
    });
    expect(outcomes).toContain('violated');
    expect(outcomes).toContain('holds');
  });

  it.each(files)('%s behaves as pinned', async (file) => {
    const read = readBundleFile(join(DIR, file));
    if (!read.ok) throw new Error(`${file}: ${read.problem}`);
    const bundle = read.bundle;
    if (bundle.expectation === null) throw new Error(`${file} says nothing about what it must keep doing: pin it with \`snapcheck pin\``);
    const strategy = await strategyOf(bundle);
    const outcome = replayBundle(bundle, strategy);
    const replay = `npx snapcheck replay properties/regressions/${file}`;
    if (outcome.kind !== 'reproduced' && outcome.divergence !== null) console.log(`${file}: the replay diverges from the recorded History at step #${outcome.divergence.step} (${replay})`);
    if (bundle.expectation.outcome === 'violated') {
      expect(outcome.kind, `${file} no longer violates ${bundle.property}: ${bundle.expectation.description} (${replay})`).not.toBe('fixed');
      return;
    }
    expect(outcome.kind, `${file} violates ${bundle.property} again: ${bundle.expectation.description} (${replay})`).toBe('fixed');
    const scenario = { ...bundle.scenario, decisions: [...bundle.decisions] };
    const violated = evaluate(strategy, scenario, PROPERTIES_BY_GUARANTEE[strategy.guarantee], null).map((f) => f.property);
    expect(violated, `${file}: ${bundle.expectation.description}`).toEqual([]);
  });
});
