// The text diagnosis of a violation: what property, why, and the witness events in order.
import type { Scenario } from '../scenario/scenario.ts';
import type { Verdict } from '../oracle/verdict.ts';
import { expandTopology } from '../dataflow/physical.ts';
import type { History } from '../core/history.ts';
import { describeEvent } from './describe.ts';
import { wrap } from './story.ts';
import { formatStory } from './story.ts';

/** A violation as the oracle reports it, or as the suite reports determinism and exceptions. */
export type Violation =
  | Extract<Verdict, { status: 'violated' }>
  | { readonly status: 'violated'; readonly property: string; readonly explanation: string; readonly witness?: undefined };

/**
 * The property, the oracle's explanation, then either the step-by-step story (when the run's History
 * is at hand: the witness marked among the steps that matter) or the bare witness list.
 */
export function formatDiagnosis(scenario: Scenario, violation: Violation, history?: History): string[] {
  const lines = [`VIOLATED: ${violation.property}`, '', ...wrap(violation.explanation, 100).map((l) => `  ${l}`)];
  const witness = violation.witness ?? [];
  if (history !== undefined && history.length > 0 && witness.length > 0) return [...lines, '', ...formatStory(scenario, history, violation)];
  if (witness.length > 0) {
    const graph = expandTopology(scenario.topology);
    lines.push('', 'Witness (history index, event, why it matters):');
    for (const w of [...witness].sort((a, b) => a.index - b.index)) {
      lines.push(`  #${String(w.index).padStart(4)}  ${describeEvent(w.event, graph)}`);
      if (w.note) lines.push(`          ^ ${w.note}`);
    }
  }
  return lines;
}

export function describeScenario(scenario: Scenario): string {
  const sources = scenario.topology.nodes.filter((n) => n.kind === 'source').length;
  const operators = scenario.topology.nodes.filter((n) => n.kind !== 'source' && n.kind !== 'sink');
  const records = Object.values(scenario.sourceLogs).flat().reduce((n, log) => n + log.length, 0);
  const tasks = scenario.topology.nodes.reduce((n, node) => n + node.parallelism, 0);
  const ops = operators.map((o) => `${o.kind}x${o.parallelism}`).join(', ') || 'none';
  return `${sources} source(s), operators [${ops}], ${tasks} task(s), ${records} record(s), ${scenario.triggers.length} trigger(s), ${scenario.faults.length} fault(s)`;
}

