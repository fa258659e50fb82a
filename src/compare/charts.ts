// Inline SVG charts for the comparison report: grouped bars (a metric per workload, one bar per
// strategy) and lines (a metric along a sweep, one line per strategy). No library, no script:
// axes with rounded ticks, axis titles, a legend, and a <title> tooltip on every bar and point.

export interface Series {
  readonly name: string;
  readonly color: string;
  /** One value per category or x position; null where the strategy did not run. */
  readonly values: readonly (number | null)[];
}

export interface BarChart {
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
}

export interface LineChart {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xs: readonly number[];
  readonly series: readonly Series[];
}

/** Color-blind-safe (Okabe-Ito, with two darker extras), assigned by strategy order. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#3d3d3d', '#8C564B', '#7F7F00', '#17BECF'];

const MARGIN = { right: 18, bottom: 62, left: 64 };
const PLOT_HEIGHT = 220;
const DASHES = ['', ' stroke-dasharray="7 4"', ' stroke-dasharray="2 3"'];
const LEGEND_ROW_HEIGHT = 17;
/** Rough width of a legend label at 12px (no text measuring in a string builder). */
const CHAR_WIDTH = 6.8;

/** Where the plot sits: below the title and as many legend rows as the strategies need. */
interface Box {
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  readonly legend: string[];
}

function box(width: number, series: readonly Series[]): Box {
  const legend: string[] = [];
  let [x, row] = [MARGIN.left, 0];
  for (const s of series) {
    const itemWidth = 26 + s.name.length * CHAR_WIDTH;
    if (x + itemWidth > width - MARGIN.right && x > MARGIN.left) [x, row] = [MARGIN.left, row + 1];
    const y = 28 + row * LEGEND_ROW_HEIGHT;
    legend.push(`<g class="legend-item"><rect x="${x}" y="${y}" width="11" height="11" fill="${s.color}"/><text x="${x + 15}" y="${y + 10}">${escapeXml(s.name)}</text></g>`);
    x += itemWidth;
  }
  const top = 28 + (row + 1) * LEGEND_ROW_HEIGHT + 12;
  return { width, top, bottom: top + PLOT_HEIGHT, legend };
}

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** About five ticks at 1, 2 or 5 times a power of ten, from 0 to at least `max`. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let i = 0; ticks.length === 0 || ticks[ticks.length - 1]! < max; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Number(value.toFixed(Math.abs(value) < 1 ? 3 : 2)).toString();
}

function frame(id: string, title: string, b: Box, inner: string[]): string {
  const height = b.bottom + MARGIN.bottom;
  return [
    `<svg class="chart" id="${escapeXml(id)}" role="img" aria-label="${escapeXml(title)}" width="${b.width}" height="${height}" viewBox="0 0 ${b.width} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<text class="chart-title" x="${MARGIN.left}" y="18">${escapeXml(title)}</text>`,
    ...b.legend,
    ...inner,
    '</svg>',
  ].join('\n');
}

/** The y axis: grid lines with labels, its title turned along the axis, and the x axis line. */
function yAxis(ticks: readonly number[], y: (v: number) => number, b: Box, label: string): string[] {
  const right = b.width - MARGIN.right;
  const parts = ticks.map(
    (t) =>
      `<line class="grid" x1="${MARGIN.left}" x2="${right}" y1="${y(t)}" y2="${y(t)}"/><text class="tick" x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end">${formatNumber(t)}</text>`,
  );
  parts.push(`<text class="axis-title" transform="translate(16 ${(b.top + b.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(label)}</text>`);
  parts.push(`<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${b.top}" y2="${b.bottom}"/>`);
  parts.push(`<line class="axis" x1="${MARGIN.left}" x2="${right}" y1="${b.bottom}" y2="${b.bottom}"/>`);
  return parts;
}

function yScale(series: readonly Series[], b: Box): { ticks: number[]; y: (v: number) => number } {
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  return { ticks, y: (v) => Number((b.bottom - (v / top) * PLOT_HEIGHT).toFixed(1)) };
}

export function barChart(chart: BarChart): string {
  const barWidth = 12;
  const groupWidth = Math.max(112, chart.series.length * barWidth + 22);
  const b = box(Math.max(560, MARGIN.left + MARGIN.right + chart.categories.length * groupWidth), chart.series);
  const { ticks, y } = yScale(chart.series, b);
  const parts = yAxis(ticks, y, b, chart.yLabel);
  chart.categories.forEach((category, g) => {
    const left = MARGIN.left + g * groupWidth + (groupWidth - chart.series.length * barWidth) / 2;
    chart.series.forEach((s, i) => {
      const value = s.values[g];
      if (value === null || value === undefined) return;
      // A zero still gets a hairline, so a measured 0 differs from a strategy that did not run.
      const height = Math.max(1, b.bottom - y(value));
      const tip = escapeXml(`${s.name} on ${category}: ${formatNumber(value)}`);
      parts.push(`<rect class="bar" x="${left + i * barWidth}" y="${b.bottom - height}" width="${barWidth - 2}" height="${height}" fill="${s.color}"><title>${tip}</title></rect>`);
    });
    const centre = MARGIN.left + g * groupWidth + groupWidth / 2;
    parts.push(`<text class="category" x="${centre}" y="${b.bottom + 16}" text-anchor="middle">${escapeXml(category)}</text>`);
    const ran = chart.series.filter((s) => s.values[g] !== null && s.values[g] !== undefined).length;
    if (ran < chart.series.length) parts.push(`<text class="tick" x="${centre}" y="${b.bottom + 31}" text-anchor="middle">(${ran} of ${chart.series.length} ran)</text>`);
  });
  return frame(chart.id, chart.title, b, parts);
}

export function lineChart(chart: LineChart): string {
  const b = box(600, chart.series);
  const { ticks, y } = yScale(chart.series, b);
  const [low, high] = [Math.min(...chart.xs), Math.max(...chart.xs)];
  const span = b.width - MARGIN.left - MARGIN.right - 36;
  const x = (v: number) => Number((MARGIN.left + 18 + ((v - low) / Math.max(1, high - low)) * span).toFixed(1));
  const parts = yAxis(ticks, y, b, chart.yLabel);
  for (const v of chart.xs) parts.push(`<text class="tick" x="${x(v)}" y="${b.bottom + 16}" text-anchor="middle">${formatNumber(v)}</text>`);
  parts.push(`<text class="axis-title" x="${(MARGIN.left + b.width - MARGIN.right) / 2}" y="${b.bottom + 40}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`);
  chart.series.forEach((s, index) => {
    const points = chart.xs.flatMap((xv, i) => {
      const value = s.values[i];
      return value === null || value === undefined ? [] : [{ px: x(xv), py: y(value), value, xv }];
    });
    if (points.length === 0) return;
    // A line that coincides with an earlier one is dashed, so both stay visible (aligned-cyclic is
    // aligned on an acyclic graph).
    const under = chart.series.slice(0, index).filter((other) => other.values.every((v, i) => v === s.values[i])).length;
    const dash = DASHES[under % DASHES.length]!;
    parts.push(`<polyline class="line" fill="none" stroke="${s.color}"${dash} points="${points.map((p) => `${p.px},${p.py}`).join(' ')}"/>`);
    for (const p of points) {
      const tip = escapeXml(`${s.name} at ${formatNumber(p.xv)}: ${formatNumber(p.value)}`);
      parts.push(`<circle class="point" cx="${p.px}" cy="${p.py}" r="3.5" fill="${s.color}"><title>${tip}</title></circle>`);
    }
  });
  return frame(chart.id, chart.title, b, parts);
}
