import { describe, expect, it } from 'vitest';
import { createBundle } from '../trace/bundle.ts';
import { replayBundle } from '../trace/replay.ts';
import { builtIn, NO_ALIGN_LOST, reorderedSources } from '../trace/test-fixtures.ts';
import { formatReplay } from './replay-text.ts';

const bundle = createBundle({ strategy: builtIn('no-align'), strategyRef: { kind: 'built-in', name: 'no-align' }, scenario: NO_ALIGN_LOST, property: 'cut-consistency', search: null, createdBy: 'test' });

describe('formatReplay', () => {
  it('says a reproduction is byte-identical, then diagnoses it step by step', () => {
    const lines = formatReplay(bundle, replayBundle(bundle, builtIn('no-align')));
    expect(lines[0]).toMatch(/^REPRODUCED: cut-consistency is still violated, and the replayed History is byte-identical to the recorded one \(30 steps, last hash [0-9a-f]{16}\)\.$/);
    expect(lines).toContain('VIOLATED: cut-consistency');
    expect(lines.some((l) => l.startsWith('In short: '))).toBe(true);
  });

  it('says a fixed strategy no longer fails, and where its History first differs', () => {
    const lines = formatReplay(bundle, replayBundle(bundle, builtIn('aligned')));
    expect(lines[0]).toBe('NO LONGER FAILS: cut-consistency holds on replay: the regression is fixed.');
    expect(lines).toContain('The History first differs from the recorded one at step #9 (where the change acts):');
    expect(lines).toContain('  recorded  #9  t=2 sink.0 snapshots checkpoint 1');
  });

  it('says a bundle recorded as holding (a pinned fixed bug) still holds', () => {
    const holding = createBundle({ strategy: builtIn('aligned'), strategyRef: { kind: 'built-in', name: 'aligned' }, scenario: NO_ALIGN_LOST, property: 'cut-consistency', search: null, createdBy: 'test' });
    expect(formatReplay(holding, replayBundle(holding, builtIn('aligned')))).toEqual([
      'HOLDS: cut-consistency holds on replay, as recorded.',
      `The replayed History is byte-identical to the recorded one (${holding.history.length} steps).`,
    ]);
  });

  it('names the diverging step with both versions of it, described and as JSON', () => {
    const lines = formatReplay(bundle, replayBundle(bundle, reorderedSources(builtIn('no-align'))));
    expect(lines[0]).toBe('DIVERGED at step #3: the replayed History differs from the recorded one (recorded 30 steps, replayed 30); steps #0..#2 are identical.');
    expect(lines.slice(1, 5)).toEqual([
      '  recorded  #3  t=1 src0.0 snapshots checkpoint 1 at offset 1',
      expect.stringMatching(/^ {12}\{"checkpoint":1,"kind":"snapshotTaken",.*"task":0,"tick":1\}$/),
      '  replayed  #3  t=1 src0.0 sends barrier 1 on src0.0->sink.0',
      expect.stringMatching(/^ {12}\{"channel":0,"checkpoint":1,"kind":"barrierSent",.*"task":0,"tick":1\}$/),
    ]);
    expect(lines).toContain('cut-consistency is still violated on the replayed History:');
  });
});
