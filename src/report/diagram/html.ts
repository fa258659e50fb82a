// The space-time diagram as one self-contained HTML page (inline CSS, script and SVG; no network):
// what failed and why in words, a legend, the diagram, and the step-by-step trace of the steps that
// matter, linked to the diagram (hovering a row highlights its event; hovering an event shows it).
import type { History } from '../../core/history.ts';
import { expandTopology, type PhysicalGraph } from '../../dataflow/physical.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { describeEvent } from '../describe.ts';
import type { Violation } from '../diagnosis.ts';
import { buildStory, focusCheckpoint, type Story } from '../story.ts';
import { layoutDiagram } from './layout.ts';
import { SCRIPT, STYLE } from './page-assets.ts';
import { esc, renderLaneLabels, renderSvg, type Highlights } from './svg.ts';

export interface DiagramPage {
  readonly title: string;
  /** The replay's outcome (or "recorded"), shown as a coloured banner. */
  readonly banner: { readonly kind: 'reproduced' | 'diverged' | 'fixed' | 'recorded'; readonly text: string };
  /** Lines of provenance: bundle file, strategy, seed and path, tool version. */
  readonly meta: readonly string[];
  readonly scenario: Scenario;
  readonly history: History;
  /** The violation to highlight; null when the property holds (nothing to mark). */
  readonly violation: Violation | null;
}

const LABEL_WIDTH = 150;

export function renderDiagramPage(page: DiagramPage): string {
  const graph = expandTopology(page.scenario.topology);
  const layout = layoutDiagram(page.history, graph);
  const story = page.violation === null ? null : buildStory(page.scenario, page.history, page.violation, graph);
  const highlights: Highlights = {
    witness: story?.witness ?? new Map(),
    blame: new Map((story?.strategySteps ?? []).map((s) => [s.index, s.explanation])),
    checkpoint: page.violation === null ? null : focusCheckpoint(page.violation, page.history),
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(page.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<header><h1>${esc(page.title)}</h1><div class="banner ${page.banner.kind}">${esc(page.banner.text)}</div>
${page.meta.map((m) => `<div class="meta">${esc(m)}</div>`).join('\n')}</header>
${summary(page, story)}
<section><div class="legend">${LEGEND}</div></section>
<section><div class="frame"><div class="labels">${renderLaneLabels(layout, LABEL_WIDTH)}</div><div class="scroller">${renderSvg(layout, highlights)}</div></div></section>
${story === null ? '' : traceTable(page.history, graph, story)}
<div id="tip"></div>
<script>${SCRIPT}</script>
</body></html>
`;
}

function summary(page: DiagramPage, story: Story | null): string {
  if (page.violation === null || story === null) return `<section><p class="explanation">No violation to show: every event of the run is drawn below.</p></section>`;
  return `<section><p class="headline">${esc(story.headline)}</p><p class="explanation">${esc(page.violation.explanation)}</p></section>`;
}

function traceTable(history: History, graph: PhysicalGraph, story: Story): string {
  const blame = new Map(story.strategySteps.map((s) => [s.index, s.explanation]));
  const rows: string[] = [];
  let previous = -1;
  for (const step of story.steps) {
    if (previous >= 0 && step > previous + 1) rows.push(`<tr class="gap"><td></td><td colspan="3">... ${step - previous - 1} step(s) not shown</td></tr>`);
    previous = step;
    const w = story.witness.get(step);
    const why = blame.get(step);
    const cls = [w ? 'witness' : '', why ? 'blame' : ''].filter((c) => c !== '').join(' ');
    const mark = `${w?.label ?? ''}${why ? ' !' : ''}`;
    const notes = [w?.note ?? '', why ? `! ${why}` : ''].filter((n) => n !== '').map(esc).join('<br>');
    rows.push(`<tr data-step="${step}" class="${cls}"><td class="mark">${esc(mark)}</td><td>#${step}</td><td class="what">${esc(describeEvent(history[step]!, graph))}</td><td class="note">${notes}</td></tr>`);
  }
  return `<section><h2 style="font-size:15px;margin:4px 0 8px">What happened: ${story.steps.length} of ${history.length} steps (W = witness, ! = where the strategy let it happen)</h2><table class="trace">${rows.join('\n')}</table></section>`;
}

const swatch = (svg: string) => `<svg width="22" height="16" viewBox="-11 -8 22 16">${svg}</svg>`;

const LEGEND = [
  `<span>${swatch('<circle class="s-read" r="4"/>')}source reads a record</span>`,
  `<span>${swatch('<line x1="-10" y1="0" x2="8" y2="0" stroke="#4a6fa5" stroke-width="1.5"/><circle class="s-sent" cx="-8" r="3"/>')}record sent &#8594; processed</span>`,
  `<span>${swatch('<path class="s-barrier" d="M-5,-6L5,0L-5,6z"/>')}barrier sent / <svg width="14" height="16" viewBox="-7 -8 14 16"><path class="s-barrier" d="M0,-7L6,0L0,7L-6,0z"/></svg> received (dashed arrow)</span>`,
  `<span>${swatch('<line x1="-10" y1="0" x2="10" y2="0" stroke="#e08a00" stroke-width="2.4"/>')}priority barrier (overtakes data)</span>`,
  `<span>${swatch('<rect class="paused" x="-10" y="-2" width="20" height="4"/>')}input (or source) paused</span>`,
  `<span>${swatch('<rect class="s-snapshot" x="-6" y="-6" width="12" height="12"/>')}snapshot S<i>n</i></span>`,
  `<span>${swatch('<polyline points="-10,-7 10,7" fill="none" stroke="#7b3fa0" stroke-width="3" stroke-dasharray="6 4"/>')}checkpoint cut (bold: the violated one)</span>`,
  `<span>${swatch('<path class="s-trigger" d="M-5,-7L7,0L-5,7z"/>')}trigger / <svg width="14" height="16" viewBox="-7 -8 14 16"><circle class="s-completed" r="6"/></svg> complete</span>`,
  `<span>${swatch('<line x1="0" y1="-8" x2="0" y2="8" stroke="#d62728" stroke-width="2"/>')}crash</span>`,
  `<span>${swatch('<line x1="0" y1="-8" x2="0" y2="8" stroke="#2ca02c" stroke-width="2" stroke-dasharray="4 2"/>')}restore</span>`,
  `<span>${swatch('<circle class="halo" r="7"/>')}<b style="color:#d62728">W</b> witness</span>`,
  `<span>${swatch('<circle class="halo-blame" r="7"/>')}<b style="color:#e08a00">!</b> where the strategy let it happen</span>`,
].join('');
