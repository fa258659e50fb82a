// The diagnosis in words: a step-by-step trace of only the History events that matter to a violation,
// with the witness marked (W1, W2, ...) and the strategy's steps that let it happen marked (!), under
// a headline naming the checkpoint, the channel, the record and what happened to it.
import type { History } from '../core/history.ts';
import { expandTopology, type PhysicalGraph } from '../dataflow/physical.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { auditCheckpoint, auditNeverResumed, type StrategyStep } from './audit.ts';
import { describeEvent } from './describe.ts';
import type { Violation } from './diagnosis.ts';
import { relevantSteps } from './relevance.ts';

export interface Story {
  readonly headline: string;
  /** History indices shown, ascending. */
  readonly steps: readonly number[];
  readonly witness: ReadonlyMap<number, { readonly label: string; readonly note: string }>;
  readonly strategySteps: readonly StrategyStep[];
}

/** What the trace shows: the relevant steps, the witness labels and the strategy's steps to blame. */
export function buildStory(scenario: Scenario, history: History, violation: Violation, graph = expandTopology(scenario.topology)): Story {
  const witness = new Map<number, { label: string; note: string }>();
  [...(violation.witness ?? [])].sort((a, b) => a.index - b.index).forEach((w, i) => witness.set(w.index, { label: `W${i + 1}`, note: w.note }));
  const checkpoint = focusCheckpoint(violation, history);
  const channel = 'channel' in violation ? violation.channel : undefined;
  const audited = violation.property === 'liveness' ? auditNeverResumed(history, graph) : checkpoint === null ? [] : auditCheckpoint(history, graph, checkpoint);
  // On the violation's channel, if anything was found there; else every finding of the checkpoint.
  const onChannel = audited.filter((s) => s.channel === channel);
  const strategySteps = onChannel.length > 0 ? onChannel : audited;
  const seeds = [...witness.keys(), ...strategySteps.flatMap((s) => [s.index, ...s.consequences])];
  const steps = relevantSteps(history, graph, { ...violation, checkpoint: checkpoint ?? undefined } as Violation, seeds);
  return { headline: headline(graph, history, violation, strategySteps), steps, witness, strategySteps };
}

/**
 * The violation's checkpoint; else the checkpoint its witness events name (a restore's, a snapshot's);
 * else the barrier that last paused a witness event's channel (a liveness violation names the channel).
 */
export function focusCheckpoint(violation: Violation, history: History): number | null {
  if ('checkpoint' in violation && violation.checkpoint !== undefined) return violation.checkpoint;
  const witness = violation.witness ?? [];
  for (const w of witness) {
    const checkpoint = (w.event as { checkpoint?: unknown }).checkpoint;
    if (typeof checkpoint === 'number') return checkpoint;
  }
  for (const w of witness) {
    const channel = (w.event as { channel?: unknown }).channel;
    if (typeof channel !== 'number') continue;
    for (let i = Math.min(w.index, history.length - 1); i >= 0; i--) {
      const event = history[i]!;
      if (event.kind === 'barrierReceived' && event.channel === channel) return event.checkpoint;
    }
  }
  return null;
}

export function formatStory(scenario: Scenario, history: History, violation: Violation): string[] {
  const graph = expandTopology(scenario.topology);
  const story = buildStory(scenario, history, violation, graph);
  const lines = [story.headline, '', `What happened (${story.steps.length} of ${history.length} steps; W = witness, ! = where the strategy let it happen):`];
  const blame = new Map(story.strategySteps.map((s) => [s.index, s]));
  let previous = -1;
  for (const i of story.steps) {
    if (previous >= 0 && i > previous + 1) lines.push(`        ...  (${i - previous - 1} step(s) not shown)`);
    previous = i;
    const w = story.witness.get(i);
    const mark = `${w?.label ?? ''}${blame.has(i) ? '!' : ''}`.padEnd(4);
    lines.push(`  ${mark}#${String(i).padStart(4)}  ${describeEvent(history[i]!, graph)}`);
    if (w?.note) lines.push(`              ^ ${w.note}`);
    const step = blame.get(i);
    if (step) for (const line of wrap(`! ${step.explanation}`, 94)) lines.push(`              ${line}`);
  }
  return lines;
}

function headline(graph: PhysicalGraph, history: History, violation: Violation, steps: readonly StrategyStep[]): string {
  const parts: string[] = [];
  if ('checkpoint' in violation && violation.checkpoint !== undefined) parts.push(`checkpoint ${violation.checkpoint}`);
  if ('channel' in violation && violation.channel !== undefined) parts.push(`channel ${graph.channels[violation.channel]?.label ?? violation.channel}`);
  const record = 'record' in violation ? violation.record : undefined;
  const fate = recordFate(violation, steps);
  if (record !== undefined) parts.push(`record ${record}${fate === null ? '' : ` (${fate})`}`);
  const where = steps[0];
  const at = where === undefined ? '' : `; the strategy let it happen at #${where.index} (${describeEvent(history[where.index]!, graph)})`;
  return `In short: ${violation.property} violated${parts.length > 0 ? ` at ${parts.join(', ')}` : ''}${at}.`;
}

/** Lost, orphaned, duplicated, reordered: from the audit where it found the record, else from the oracle's words. */
function recordFate(violation: Violation, steps: readonly StrategyStep[]): string | null {
  if (steps.some((s) => s.kind === 'snapshot-before-barrier' || s.kind === 'overtaken-not-recorded')) return 'lost';
  if (steps.some((s) => s.kind === 'resumed-before-snapshot')) return 'orphaned';
  const text = violation.explanation;
  for (const [pattern, fate] of [[/\borphan/, 'orphaned'], [/\blost\b/, 'lost'], [/duplicat/, 'duplicated'], [/out of order|reorder/, 'reordered']] as const) {
    if (pattern.test(text)) return fate;
  }
  return null;
}

export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

