// The words for a replay's outcome: reproduced (with the diagnosis), no longer failing (and where the
// History first left the recorded one), or diverged (the first differing step, both versions of it).
import type { HistoryEvent } from '../core/history.ts';
import { expandTopology, type PhysicalGraph } from '../dataflow/physical.ts';
import type { Bundle } from '../trace/bundle.ts';
import { canonicalJson } from '../trace/canonical.ts';
import type { DecisionMismatch } from '../trace/choices.ts';
import type { Divergence, ReplayOutcome } from '../trace/replay.ts';
import { describeEvent } from './describe.ts';
import { formatDiagnosis, type Violation } from './diagnosis.ts';

export function formatReplay(bundle: Bundle, outcome: ReplayOutcome): string[] {
  const graph = expandTopology(bundle.scenario.topology);
  const property = bundle.property;
  switch (outcome.kind) {
    case 'reproduced': {
      const last = bundle.history.chain[bundle.history.length - 1] ?? '(empty)';
      const same = bundle.history.error !== null ? 'the run throws the same error as recorded' : `the replayed History is byte-identical to the recorded one (${bundle.history.length} steps, last hash ${last})`;
      return [`REPRODUCED: ${property} is still violated, and ${same}.`, '', ...violationText(bundle, outcome)];
    }
    case 'fixed': {
      const recordedHolds = bundle.verdict.status === 'holds';
      const lines = [recordedHolds ? `HOLDS: ${property} holds on replay, as recorded.` : `NO LONGER FAILS: ${property} holds on replay: the regression is fixed.`];
      if (outcome.divergence === null) {
        lines.push(
          recordedHolds
            ? `The replayed History is byte-identical to the recorded one (${bundle.history.length} steps).`
            : 'The replayed History is byte-identical to the recorded one, so the oracle (not the strategy) changed its judgement.',
        );
        return lines;
      }
      lines.push('', `The History first differs from the recorded one at step #${outcome.divergence.step} (where the change acts):`);
      return [...lines, ...divergenceText(graph, outcome.divergence), ...mismatchText(outcome.decisionMismatch)];
    }
    case 'diverged': {
      const d = outcome.divergence;
      const lines = [
        `DIVERGED at step #${d.step}: the replayed History differs from the recorded one (recorded ${d.recordedLength} steps, replayed ${d.replayedLength}); steps #0..#${d.step - 1} are identical.`,
        ...divergenceText(graph, d),
        ...mismatchText(outcome.decisionMismatch),
        '',
        `${property} is still violated on the replayed History:`,
        '',
      ];
      return [...lines, ...violationText(bundle, outcome)];
    }
  }
}

function violationText(bundle: Bundle, outcome: Extract<ReplayOutcome, { kind: 'reproduced' | 'diverged' }>): string[] {
  const violation = { property: bundle.property, ...outcome.outcome } as Violation;
  return formatDiagnosis(bundle.scenario, violation, outcome.run.kind === 'ran' ? outcome.run.history : undefined);
}

export function divergenceText(graph: PhysicalGraph, d: Divergence): string[] {
  const side = (name: string, event: HistoryEvent | null, missing: string) =>
    event === null ? [`  ${name.padEnd(9)} #${d.step}  ${missing}`] : [`  ${name.padEnd(9)} #${d.step}  ${describeEvent(event, graph)}`, `  ${''.padEnd(9)} ${canonicalJson(event)}`];
  const recordedMissing = d.step >= d.recordedLength ? '(the recorded History ended here)' : '(not stored in the bundle; its hash differs)';
  return [...side('recorded', d.recorded, recordedMissing), ...side('replayed', d.replayed, '(the replayed History ended here)')];
}

function mismatchText(mismatch: DecisionMismatch | null): string[] {
  if (mismatch === null) return [];
  const what = mismatch.recorded === null ? 'the recorded decisions ran out' : `the recorded value ${mismatch.recorded} is outside [0, ${mismatch.bound})`;
  return [`Decision #${mismatch.index} ("${mismatch.label}"): ${what}; from there the replay continued with the plainest choices.`];
}
