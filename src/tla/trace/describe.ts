// A trace-validation verdict in words: which History step the spec does not allow, and how the
// implementation's state differs from the spec's nearest successor.
import type { HistoryEvent } from '../../core/history.ts';
import { expandTopology, type PhysicalGraph } from '../../dataflow/physical.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import type { TraceValidation } from './validate.ts';

function eventText(event: HistoryEvent, graph: PhysicalGraph): string {
  const task = 'task' in event && typeof event.task === 'number' ? (graph.tasks[event.task]?.label ?? `task ${event.task}`) : 'coordinator';
  const channel = 'channel' in event && typeof event.channel === 'number' ? (graph.channels[event.channel]?.label ?? `channel ${event.channel}`) : null;
  const checkpoint = 'checkpoint' in event ? ` checkpoint ${String(event.checkpoint)}` : '';
  const record = 'record' in event ? ` ${event.record.id}` : '';
  return `t=${event.tick} ${task} ${event.kind}${record}${checkpoint}${channel ? ` on ${channel}` : ''}`;
}

export function describeTraceValidation(validation: TraceValidation, scenario: Scenario): string[] {
  switch (validation.status) {
    case 'accepted':
      return [`trace accepted by spec/Aligned.tla: ${validation.steps} step(s), ${validation.constants}`];
    case 'inapplicable':
      return [`trace validation does not apply: ${validation.reason}`];
    case 'error':
      return [`trace validation failed to run: ${validation.message}`];
    case 'rejected': {
      const r = validation.rejected;
      const graph = expandTopology(scenario.topology);
      const where = r.event === null ? 'the initial state' : `History #${r.index} (${eventText(r.event, graph)})`;
      const action = r.action === null ? 'a step that must change no spec variable' : `spec action ${r.action}`;
      return [`trace rejected by spec/Aligned.tla (${validation.constants}) at ${where}, mapped to ${action}: ${r.reason}`, ...r.differences.map((d) => `  ${d}`)];
    }
  }
}
