import { describe, expect, it } from 'vitest';
import { expandTopology } from '../dataflow/physical.ts';
import { CHECKERS } from '../oracle/index.ts';
import type { PropertyName } from '../oracle/verdict.ts';
import { run } from '../sim/runner.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { builtIn, EARLY_UNBLOCK_ORPHAN, NO_ALIGN_CRASH, NO_ALIGN_LOST, OBSOLETE_KEPT_BLOCKED, UNALIGNED_FORGOT_OUTPUT } from '../trace/test-fixtures.ts';
import { auditCheckpoint, auditNeverResumed } from './audit.ts';
import type { Violation } from './diagnosis.ts';
import { buildStory, formatStory } from './story.ts';

function violationOf(scenario: Scenario, property: PropertyName): { history: ReturnType<typeof run>['history']; violation: Violation } {
  const history = run(scenario, builtIn(scenario.strategy)).history;
  const verdict = CHECKERS[property](scenario, history);
  if (verdict.status !== 'violated') throw new Error(`${scenario.strategy} does not violate ${property}`);
  return { history, violation: verdict };
}

describe('auditCheckpoint', () => {
  it('finds no-align’s snapshot taken while barrier 1 was in flight on the other input, and the record it lost', () => {
    const { history } = violationOf(NO_ALIGN_LOST, 'cut-consistency');
    const steps = auditCheckpoint(history, expandTopology(NO_ALIGN_LOST.topology), 1);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ index: 9, task: 2, channel: 0, kind: 'snapshot-before-barrier', consequences: [14] });
    expect(history[9]).toMatchObject({ kind: 'snapshotTaken', task: 2 });
  });

  it('finds early-unblock’s resume of an input after its barrier, before the snapshot, and the orphan it let in', () => {
    const { history } = violationOf(EARLY_UNBLOCK_ORPHAN, 'cut-consistency');
    const [step] = auditCheckpoint(history, expandTopology(EARLY_UNBLOCK_ORPHAN.topology), 1);
    expect(step).toMatchObject({ kind: 'resumed-before-snapshot', channel: 0 });
    expect(history[step!.index]).toMatchObject({ kind: 'unblocked', channel: 0 });
    expect(step!.explanation).toMatch(/resumed src0\.0->sink\.0 \(#\d+\) after barrier 1 arrived on it/);
  });

  it('finds a priority barrier that overtook a record nobody recorded as channel state', () => {
    const { history } = violationOf(UNALIGNED_FORGOT_OUTPUT, 'cut-consistency');
    const [step] = auditCheckpoint(history, expandTopology(UNALIGNED_FORGOT_OUTPUT.topology), 1);
    expect(step).toMatchObject({ kind: 'overtaken-not-recorded', task: 0, channel: 0 });
    expect(history[step!.index]).toMatchObject({ kind: 'barrierSent', priority: true });
    expect(step!.explanation).toMatch(/^src0\.0 sent barrier 1 on src0\.0->sink\.0 ahead of a record already queued there \(taken at #\d+\), and neither src0\.0 nor sink\.0 recorded it/);
  });

  it('finds an input paused by an obsolete barrier and never resumed (liveness)', () => {
    const { history, violation } = violationOf(OBSOLETE_KEPT_BLOCKED, 'liveness');
    const [step] = auditNeverResumed(history, expandTopology(OBSOLETE_KEPT_BLOCKED.topology));
    expect(step).toMatchObject({ kind: 'never-resumed', task: 1, channel: 0 });
    expect(history[step!.index]).toMatchObject({ kind: 'barrierReceived', checkpoint: 1 });
    expect(step!.explanation).toMatch(/^sink\.0 paused src0\.0->sink\.0 on barrier 1 \(#\d+\), a checkpoint the coordinator had already aborted \(#\d+\), and never resumed it/);
    const story = buildStory(OBSOLETE_KEPT_BLOCKED, history, violation);
    expect(story.steps.map((i) => history[i]!.kind)).toEqual(expect.arrayContaining(['triggered', 'aborted', 'barrierReceived', 'blocked', 'stuck']));
  });

  it('finds nothing wrong with aligned', () => {
    const scenario = { ...NO_ALIGN_LOST, strategy: 'aligned' };
    const history = run(scenario, builtIn('aligned')).history;
    expect(auditCheckpoint(history, expandTopology(scenario.topology), 1)).toEqual([]);
    expect(auditCheckpoint(history, expandTopology(scenario.topology), 7)).toEqual([]);
  });
});

describe('the story', () => {
  it('heads with the checkpoint, channel, record and its fate, and where the strategy let it happen', () => {
    const { history, violation } = violationOf(NO_ALIGN_LOST, 'cut-consistency');
    expect(formatStory(NO_ALIGN_LOST, history, violation)[0]).toBe(
      'In short: cut-consistency violated at checkpoint 1, channel src0.0->sink.0, record src0.0@0 (lost); the strategy let it happen at #9 (t=2 sink.0 snapshots checkpoint 1).',
    );
    const orphan = violationOf(EARLY_UNBLOCK_ORPHAN, 'cut-consistency');
    expect(formatStory(EARLY_UNBLOCK_ORPHAN, orphan.history, orphan.violation)[0]).toMatch(/record src0\.0@1 \(orphaned\); the strategy let it happen at #\d+ \(t=\d+ sink\.0 unblocks src0\.0->sink\.0\)/);
  });

  it('shows only the steps that matter, every witness event marked in order, and the blamed step', () => {
    const { history, violation } = violationOf(NO_ALIGN_LOST, 'cut-consistency');
    const story = buildStory(NO_ALIGN_LOST, history, violation);
    expect(story.steps.length).toBeLessThan(history.length);
    for (const w of violation.witness!) expect(story.steps).toContain(w.index);
    expect([...story.witness.values()].map((w) => w.label)).toEqual(['W1', 'W2', 'W3', 'W4']);
    const lines = formatStory(NO_ALIGN_LOST, history, violation);
    expect(lines).toContain('  W3! #   9  t=2 sink.0 snapshots checkpoint 1');
    expect(lines.some((l) => l.includes('! sink.0 took its snapshot of checkpoint 1 while barrier 1 was still in flight on'))).toBe(true);
    expect(lines.some((l) => /\.\.\. {2}\(\d+ step\(s\) not shown\)/.test(l))).toBe(true);
    // Acks, uploads and notifications do not matter to a cut.
    expect(story.steps.map((i) => history[i]!.kind)).not.toContain('acked');
  });

  it('finds the checkpoint of an exactly-once violation through its witness (the restore)', () => {
    const { history, violation } = violationOf(NO_ALIGN_CRASH, 'exactly-once');
    const story = buildStory(NO_ALIGN_CRASH, history, violation);
    expect(story.strategySteps[0]).toMatchObject({ kind: 'snapshot-before-barrier', task: 2 });
    expect(story.steps.map((i) => history[i]!.kind)).toEqual(expect.arrayContaining(['crashed', 'restored', 'snapshotTaken']));
  });
});
