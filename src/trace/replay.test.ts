import { describe, expect, it } from 'vitest';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import { createBundle, withFields, type Bundle } from './bundle.ts';
import type { CheckedProperty } from './property-check.ts';
import { replayBundle } from './replay.ts';
import { builtIn, EARLY_UNBLOCK_ORPHAN, NO_ALIGN_LOST, reorderedSources } from './test-fixtures.ts';
import type { Scenario } from '../scenario/scenario.ts';

function bundleOf(strategy: CheckpointStrategy, scenario: Scenario, property: CheckedProperty = 'cut-consistency'): Bundle {
  return createBundle({ strategy, strategyRef: { kind: 'built-in', name: strategy.name }, scenario, property, search: null, createdBy: 'test' });
}

describe('replayBundle', () => {
  it('reproduces a bundle byte for byte with the strategy that wrote it', () => {
    for (const [name, scenario] of [['no-align', NO_ALIGN_LOST], ['early-unblock', EARLY_UNBLOCK_ORPHAN]] as const) {
      const outcome = replayBundle(bundleOf(builtIn(name), scenario), builtIn(name));
      expect(outcome.kind).toBe('reproduced');
      if (outcome.kind === 'reproduced') expect(outcome.outcome).toMatchObject({ status: 'violated', checkpoint: 1 });
    }
  });

  it('reports a fixed strategy as no longer failing, with the step where the fix acts', () => {
    const bundle = bundleOf(builtIn('no-align'), NO_ALIGN_LOST);
    const outcome = replayBundle(bundle, builtIn('aligned'));
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    // no-align snapshotted the sink at step #9 on the first barrier; aligned waits there.
    expect(outcome.divergence).toMatchObject({ step: 9, recorded: { kind: 'snapshotTaken', task: 2 } });
    expect(outcome.divergence?.replayed?.kind).not.toBe('snapshotTaken');
  });

  it('names the first step where a changed strategy’s History leaves the recorded one, with both versions', () => {
    const bundle = bundleOf(builtIn('no-align'), NO_ALIGN_LOST);
    const firstSourceSnapshot = bundle.history.segments[0]!.events.findIndex((e) => e.kind === 'snapshotTaken');
    const outcome = replayBundle(bundle, reorderedSources(builtIn('no-align')));
    expect(outcome.kind).toBe('diverged');
    if (outcome.kind !== 'diverged') return;
    expect(outcome.divergence).toMatchObject({
      step: firstSourceSnapshot,
      recorded: { kind: 'snapshotTaken', task: 0, checkpoint: 1 },
      replayed: { kind: 'barrierSent', task: 0, checkpoint: 1 },
      recordedStored: true,
    });
    expect(outcome.outcome.status).toBe('violated');
  });

  it('notes the first recorded decision that no longer fits', () => {
    const bundle = withFields(bundleOf(builtIn('no-align'), NO_ALIGN_LOST), { decisions: [] });
    const outcome = replayBundle(bundle, builtIn('no-align'));
    expect(outcome.kind).not.toBe('reproduced');
    if (outcome.kind !== 'reproduced') expect(outcome.decisionMismatch).toEqual({ index: 0, label: 'delay', bound: 2, recorded: null });
  });

  it('replays a run that threw: reproduced by the same error, fixed when it no longer throws', () => {
    const throwing: CheckpointStrategy = { ...builtIn('no-align'), createTask: () => ({ handle: () => { throw new RangeError('boom'); } }) };
    const bundle = bundleOf(throwing, NO_ALIGN_LOST, 'no-exception');
    expect(bundle.history).toMatchObject({ length: 0, error: 'RangeError: boom' });
    expect(bundle.verdict).toMatchObject({ status: 'violated', explanation: 'the run threw RangeError: boom' });
    expect(replayBundle(bundle, throwing).kind).toBe('reproduced');
    expect(replayBundle(bundle, builtIn('no-align')).kind).toBe('fixed');
  });
});
