// The diagram as SVG markup: lanes, the tick ruler, paused intervals, checkpoint cuts, crashes and
// restores, message arrows and one glyph per event. Every drawn event carries data-step and data-tip
// (its description), which the page's script shows on hover; witness events carry data-witness.
import { COLUMN_WIDTH, LANE_HEIGHT, TOP, type Glyph, type Layout } from './layout.ts';
import type { Arrow } from './messages.ts';

export interface Highlights {
  /** Witness steps with their labels (W1, W2, ...) and notes. */
  readonly witness: ReadonlyMap<number, { readonly label: string; readonly note: string }>;
  /** The strategy's steps that let the violation happen, with the explanation. */
  readonly blame: ReadonlyMap<number, string>;
  /** The violated checkpoint: its cut is drawn bold. */
  readonly checkpoint: number | null;
}

export function renderSvg(layout: Layout, highlights: Highlights): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="diagram" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`,
    DEFS,
    lanesAndRuler(layout),
    ...layout.intervals.map((iv) => `<rect class="paused" x="${iv.x1}" y="${iv.y - 2}" width="${Math.max(2, iv.x2 - iv.x1)}" height="4" data-tip="${esc(iv.text)}"/>`),
    ...layout.verticals.map((v) => vertical(v, layout.height, highlights)),
    ...layout.cuts.map((cut) => cutLine(cut, highlights.checkpoint)),
    ...layout.arrows.map((a) => arrow(a, highlights)),
    ...layout.glyphs.map((g) => glyph(g, highlights)),
    '</svg>',
  ];
  return parts.join('\n');
}

/** The lane labels, in their own SVG so that they stay in view while the diagram scrolls. */
export function renderLaneLabels(layout: Layout, width: number): string {
  const rows = layout.lanes.map(
    (lane) =>
      `<text class="lane-label" x="${width - 10}" y="${lane.y - 2}" text-anchor="end">${esc(lane.label)}</text>` +
      `<text class="lane-detail" x="${width - 10}" y="${lane.y + 12}" text-anchor="end">${esc(lane.detail)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" id="lane-labels" width="${width}" height="${layout.height}"><text class="axis-title" x="${width - 10}" y="${TOP - 30}" text-anchor="end">tick</text>${rows.join('')}</svg>`;
}

const DEFS = `<defs>
<marker id="head-record" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#4a6fa5"/></marker>
<marker id="head-barrier" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#e08a00"/></marker>
<marker id="head-cancellation" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#6b7280"/></marker>
<marker id="head-witness" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#d62728"/></marker>
<marker id="head-dropped" viewBox="0 0 10 10" refX="5" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10"><path d="M1,1L9,9M9,1L1,9" stroke="#d62728" stroke-width="2"/></marker>
</defs>`;

function lanesAndRuler(layout: Layout): string {
  const out: string[] = [];
  for (const lane of layout.lanes) {
    const band = lane.group < 0 ? 'band-coordinator' : lane.group % 2 === 0 ? 'band-even' : 'band-odd';
    out.push(`<rect class="${band}" x="0" y="${lane.y - LANE_HEIGHT / 2}" width="${layout.width}" height="${LANE_HEIGHT}"/>`);
    out.push(`<line class="lane" x1="0" y1="${lane.y}" x2="${layout.width}" y2="${lane.y}"/>`);
  }
  for (const { x, tick } of layout.ticks) {
    out.push(`<line class="tick-line" x1="${x}" y1="${TOP - 14}" x2="${x}" y2="${layout.height}"/>`);
    out.push(`<text class="tick-label" x="${x + 3}" y="${TOP - 18}">${tick}</text>`);
  }
  out.push(`<text class="axis-title" x="6" y="${TOP - 38}">simulated time (ticks) &#8594;   within a tick, each task's steps in History order</text>`);
  return out.join('\n');
}

/** A crash, restore or phase change across every lane; its label runs down beside the line. */
function vertical(v: Layout['verticals'][number], height: number, highlights: Highlights): string {
  const w = highlights.witness.get(v.step);
  const tip = w ? `${v.text}\n${w.label} (witness): ${w.note}` : v.text;
  const badge = w ? `<text class="witness-label" x="${v.x}" y="${TOP - 4}" text-anchor="middle">${w.label}</text>` : '';
  return (
    `<g class="ev vertical ${v.kind}${w ? ' witness' : ''}" data-step="${v.step}" data-tip="${esc(tip)}"${w ? ` data-witness="${w.label}"` : ''}>` +
    `<line x1="${v.x}" y1="${TOP}" x2="${v.x}" y2="${height}"/><rect class="hit" x="${v.x - 6}" y="${TOP}" width="12" height="${height - TOP}"/>` +
    `<text x="${v.x + 4}" y="${TOP + 6}" transform="rotate(90 ${v.x + 4} ${TOP + 6})">${esc(v.label)}</text>${badge}</g>`
  );
}

function cutLine(cut: Layout['cuts'][number], focus: number | null): string {
  if (cut.points.length < 2) return '';
  const cls = cut.checkpoint === focus ? 'cut cut-focus' : 'cut';
  const points = cut.points.map((p) => `${p.x},${p.y}`).join(' ');
  const last = cut.points[cut.points.length - 1]!;
  const labelY = last.y + LANE_HEIGHT / 2 - 4;
  const text = `cut of checkpoint ${cut.checkpoint}: the snapshot points of ${cut.points.length} task(s) (steps ${cut.points.map((p) => `#${p.step}`).join(', ')})`;
  return `<g class="${cls}" data-checkpoint="${cut.checkpoint}" data-tip="${esc(text)}"><polyline points="${points}"/><text x="${last.x + 8}" y="${labelY}">cut of checkpoint ${cut.checkpoint}</text></g>`;
}

const ARROW_GAP = 6;

function arrow(a: Arrow, highlights: Highlights): string {
  const witness = highlights.witness.has(a.from) || highlights.witness.has(a.to);
  const head = a.dropped ? 'dropped' : witness ? 'witness' : a.kind === 'barrier' || a.kind === 'priority-barrier' ? 'barrier' : a.kind === 'cancellation' ? 'cancellation' : 'record';
  const cls = `msg msg-${a.kind}${witness ? ' msg-witness' : ''}${a.dropped ? ' msg-dropped' : ''}`;
  const marker = a.dropped ? `marker-end="url(#head-dropped)"` : `marker-end="url(#head-${head})"`;
  // Stop short of the receiving glyph, so that both the arrowhead and the glyph stay visible.
  const length = Math.hypot(a.x2 - a.x1, a.y2 - a.y1);
  const back = a.dropped || length < 20 ? 0 : ARROW_GAP / length;
  const [x2, y2] = [a.x2 - (a.x2 - a.x1) * back, a.y2 - (a.y2 - a.y1) * back];
  const line = `<line x1="${a.x1}" y1="${a.y1}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" ${marker}/>`;
  const hit = `<line class="hit" x1="${a.x1}" y1="${a.y1}" x2="${a.x2}" y2="${a.y2}"/>`;
  // A witness record's arrow is labelled with the record, half way along.
  const label = witness && a.record !== null ? `<text class="msg-label" x="${((a.x1 + x2) / 2 + 4).toFixed(1)}" y="${((a.y1 + y2) / 2 - 5).toFixed(1)}">${esc(a.record)}</text>` : '';
  return `<g class="${cls}" data-step="${a.from}" data-tip="${esc(a.text)}"${witness ? ' data-witness-arrow="1"' : ''}>${line}${hit}${label}</g>`;
}

function glyph(g: Glyph, highlights: Highlights): string {
  const w = highlights.witness.get(g.step);
  const blame = highlights.blame.get(g.step);
  const tip = [g.text, w ? `${w.label} (witness): ${w.note}` : '', blame ? `! where the strategy let it happen: ${blame}` : ''].filter((s) => s !== '').join('\n');
  const attrs = `class="ev k-${g.kind}${w ? ' witness' : ''}${blame ? ' blame' : ''}" data-step="${g.step}" data-tip="${esc(tip)}"${w ? ` data-witness="${w.label}"` : ''}`;
  const halo = w || blame ? `<circle class="${w ? 'halo' : 'halo-blame'}" cx="${g.x}" cy="${g.y}" r="11"/>` : '';
  const badge = [w ? `<text class="witness-label" x="${g.x}" y="${g.y - 15}" text-anchor="middle">${w.label}</text>` : '', blame ? `<text class="blame-label" x="${g.x + 11}" y="${g.y - 9}">!</text>` : ''].join('');
  return `<g ${attrs}>${halo}${shape(g)}${badge}<rect class="hit" x="${g.x - COLUMN_WIDTH / 2}" y="${g.y - 12}" width="${COLUMN_WIDTH}" height="24"/></g>`;
}

function shape(g: Glyph): string {
  const { x, y } = g;
  const n = g.checkpoint ?? '';
  switch (g.kind) {
    case 'read':
      return `<circle class="s-read" cx="${x}" cy="${y}" r="4"/>`;
    case 'sent':
      return `<circle class="s-sent" cx="${x}" cy="${y}" r="3.5"/>`;
    case 'processed':
      return `<circle class="s-processed" cx="${x}" cy="${y}" r="4.5"/>`;
    case 'barrierSent':
      return `<path class="s-barrier" d="M${x - 5},${y - 6}L${x + 5},${y}L${x - 5},${y + 6}z"/><text class="glyph-text" x="${x}" y="${y - 9}" text-anchor="middle">${g.priority ? 'p' : ''}b${n}</text>`;
    case 'barrierReceived':
      return `<path class="s-barrier" d="M${x},${y - 7}L${x + 6},${y}L${x},${y + 7}L${x - 6},${y}z"/><text class="glyph-text" x="${x}" y="${y - 10}" text-anchor="middle">${g.priority ? 'p' : ''}b${n}</text>`;
    case 'cancellationSent':
    case 'cancellationReceived':
      return `<path class="s-cancellation" d="M${x - 4},${y - 4}L${x + 4},${y + 4}M${x + 4},${y - 4}L${x - 4},${y + 4}"/><text class="glyph-text" x="${x}" y="${y - 9}" text-anchor="middle">c${n}</text>`;
    case 'snapshotTaken':
      return `<rect class="s-snapshot" x="${x - 6}" y="${y - 6}" width="12" height="12"/><text class="glyph-text snap-text" x="${x}" y="${y + 20}" text-anchor="middle">S${n}</text>`;
    case 'channelStateRecorded':
      return `<rect class="s-channel-state" x="${x - 4}" y="${y - 4}" width="8" height="8"/>`;
    case 'blocked':
    case 'unblocked':
      return `<rect class="s-${g.kind}" x="${x - 2}" y="${y - 7}" width="4" height="14"/>`;
    case 'triggered':
      return `<path class="s-trigger" d="M${x - 5},${y - 7}L${x + 7},${y}L${x - 5},${y + 7}z"/><text class="glyph-text" x="${x}" y="${y - 11}" text-anchor="middle">cp${n}</text>`;
    case 'completed':
      return `<circle class="s-completed" cx="${x}" cy="${y}" r="7"/><text class="glyph-text" x="${x}" y="${y - 11}" text-anchor="middle">cp${n} &#10003;</text>`;
    case 'aborted':
    case 'declined':
      return `<path class="s-aborted" d="M${x - 5},${y - 5}L${x + 5},${y + 5}M${x + 5},${y - 5}L${x - 5},${y + 5}"/>`;
    case 'reinjected':
      return `<circle class="s-reinjected" cx="${x}" cy="${y}" r="4"/>`;
    default:
      return `<circle class="s-minor" cx="${x}" cy="${y}" r="2.5"/>`;
  }
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
