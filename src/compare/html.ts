// The comparison as one self-contained HTML page: inline CSS and SVG, no script, no network.
// Claims first, then metrics along each sweep (backpressure), then each metric across workloads,
// then every number, then the definitions.
import { TOOL_VERSION } from '../trace/tool-version.ts';
import { barChart, escapeXml, formatNumber, lineChart, PALETTE, type Series } from './charts.ts';
import type { ClaimResult } from './claims.ts';
import type { Cell, Comparison } from './compare.ts';
import { CHECKPOINT_METRICS, METRIC_INFO, RUN_METRICS, type MetricName } from './metrics.ts';
import type { Distribution } from './stats.ts';
import type { Workload } from './workload.ts';

type Stat = 'p50' | 'p90' | 'max' | 'mean';

/** A chart's quantity: one statistic of one metric. */
interface Quantity {
  readonly metric: MetricName;
  readonly stat: Stat;
}

const SWEEP_CHARTS: readonly Quantity[] = [
  { metric: 'end_to_end_duration', stat: 'p50' },
  { metric: 'persisted_data', stat: 'p50' },
  { metric: 'alignment_duration', stat: 'p90' },
  { metric: 'throughput_vs_no_checkpoints', stat: 'mean' },
];

const WORKLOAD_CHARTS: readonly Quantity[] = [
  { metric: 'end_to_end_duration', stat: 'p50' },
  { metric: 'alignment_duration', stat: 'p90' },
  { metric: 'persisted_data', stat: 'p50' },
  { metric: 'checkpointed_size', stat: 'p50' },
  { metric: 'throughput_vs_no_checkpoints', stat: 'mean' },
  { metric: 'records_replayed', stat: 'p50' },
  { metric: 'recovery_duration', stat: 'p50' },
  { metric: 'duplicates', stat: 'mean' },
];

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2330; background: #fafbfc; }
header { padding: 16px 24px 12px; background: #fff; border-bottom: 1px solid #dde1e7; }
h1 { font-size: 21px; margin: 0 0 6px; } h2 { font-size: 17px; margin: 8px 0 8px; } h3 { font-size: 15px; margin: 18px 0 4px; }
.meta, .note { color: #5b6472; font-size: 13px; max-width: 1100px; }
section { padding: 8px 24px 14px; }
.charts { display: flex; flex-wrap: wrap; gap: 14px; }
svg.chart { background: #fff; border: 1px solid #dde1e7; border-radius: 4px; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #374151; }
svg.chart .chart-title { font-weight: 600; font-size: 13.5px; fill: #1d2330; }
svg.chart .axis-title { fill: #5b6472; } svg.chart .tick { fill: #6b7280; font-size: 11px; }
svg.chart .grid { stroke: #eceff3; } svg.chart .axis { stroke: #8a93a1; }
svg.chart .line { stroke-width: 2.2; }
ul.claims { list-style: none; padding: 0; margin: 0; } ul.claims li { margin: 4px 0; }
.badge { display: inline-block; min-width: 44px; text-align: center; font-weight: 600; font-size: 12px; padding: 1px 6px; border-radius: 4px; margin-right: 8px; }
.holds .badge { background: #ddf4e0; color: #17692a; } .fails .badge { background: #fde2e1; color: #a3120f; } .not-applicable .badge { background: #eceff3; color: #5b6472; }
ul.claims details { margin: 0 0 0 62px; color: #5b6472; font-size: 12.5px; } ul.claims summary { cursor: pointer; }
.wide { overflow-x: auto; max-width: 100%; }
table.numbers { border-collapse: collapse; background: #fff; font-size: 12px; }
table.numbers th, table.numbers td { border: 1px solid #e3e6eb; padding: 3px 6px; text-align: right; white-space: nowrap; }
table.numbers th:first-child, table.numbers td:first-child { text-align: left; }
table.numbers thead th { background: #f3f6fa; } table.numbers .unit { color: #8a93a1; font-weight: 400; }
dl.definitions dt { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; margin-top: 6px; }
dl.definitions dd { margin: 0 0 0 18px; color: #374151; }
`;

function distribution(cell: Extract<Cell, { status: 'measured' }>, metric: MetricName): Distribution {
  return (CHECKPOINT_METRICS as readonly string[]).includes(metric)
    ? cell.summary.checkpoint[metric as (typeof CHECKPOINT_METRICS)[number]]
    : cell.summary.run[metric as (typeof RUN_METRICS)[number]];
}

function valueOf(comparison: Comparison, workload: string, strategy: string, q: Quantity): number | null {
  const cell = comparison.cells.find((c) => c.workload === workload && c.strategy === strategy);
  if (cell?.status !== 'measured') return null;
  const d = distribution(cell, q.metric);
  return d.count === 0 ? null : d[q.stat];
}

function seriesFor(comparison: Comparison, workloads: readonly Workload[], q: Quantity): Series[] {
  return comparison.strategies.map((s, i) => ({ name: s.name, color: PALETTE[i % PALETTE.length]!, values: workloads.map((w) => valueOf(comparison, w.name, s.name, q)) }));
}

function label(q: Quantity): string {
  return `${q.metric} ${q.stat} (${METRIC_INFO[q.metric].unit})`;
}

/** Sweep families with at least two levels, each in increasing order. */
function sweeps(workloads: readonly Workload[]): [string, Workload[]][] {
  const families = new Map<string, Workload[]>();
  for (const w of workloads) if (w.sweep !== undefined) families.set(w.sweep.family, [...(families.get(w.sweep.family) ?? []), w]);
  return [...families].filter(([, ws]) => ws.length >= 2).map(([family, ws]) => [family, [...ws].sort((a, b) => a.sweep!.value - b.sweep!.value)]);
}

function sweepSection(comparison: Comparison, family: string, levels: readonly Workload[]): string {
  const xs = levels.map((w) => w.sweep!.value);
  const charts = SWEEP_CHARTS.map((q) =>
    lineChart({ id: `sweep-${family}-${q.metric}`, title: `${q.metric} (${q.stat}) as ${family} grows`, xLabel: levels[0]!.sweep!.axis, yLabel: label(q), xs, series: seriesFor(comparison, levels, q) }),
  );
  return `<section class="sweep" id="sweep-${escapeXml(family)}"><h2>As ${escapeXml(family)} grows</h2>
<p class="note">${levels.map((w) => `${escapeXml(w.name)} (${formatNumber(w.sweep!.value)})`).join(', ')} on the x axis, ${escapeXml(levels[0]!.sweep!.axis)}; the tables below describe each. Hover a point for its value.</p>
<div class="charts">${charts.join('\n')}</div></section>`;
}

function acrossSection(comparison: Comparison): string {
  const charts = WORKLOAD_CHARTS.map((q) =>
    barChart({ id: `across-${q.metric}`, title: `${q.metric} (${q.stat}) per workload`, yLabel: label(q), categories: comparison.workloads.map((w) => w.name), series: seriesFor(comparison, comparison.workloads, q) }),
  );
  return `<section id="across"><h2>Across workloads</h2>
<p class="note">One bar per strategy; no bar where a strategy cannot run the workload (a cycle, for strategies without cycle support). Hover a bar for its value.</p>
<div class="charts">${charts.join('\n')}</div></section>`;
}

function claimsSection(claims: readonly ClaimResult[]): string {
  const items = claims.map((c) => {
    const badge = c.status === 'holds' ? 'holds' : c.status === 'fails' ? 'fails' : 'n/a';
    const details = c.status === 'not-applicable' ? [c.reason] : c.evidence;
    return `<li class="${c.status}"><span class="badge">${badge}</span>${escapeXml(c.statement)}<details><summary>evidence</summary><div class="evidence">${details.map(escapeXml).join('<br>')}</div></details></li>`;
  });
  return `<section id="claims"><h2>Claims, checked on these numbers</h2><ul class="claims">${items.join('\n')}</ul></section>`;
}

/** Two decimals keep seven strategies side by side; the JSON and CSV have every digit. */
function cellNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function numbersTable(comparison: Comparison, workload: Workload): string {
  const cells = comparison.strategies.map((s) => comparison.cells.find((c) => c.workload === workload.name && c.strategy === s.name));
  const head = `<tr><th>metric <span class="unit">(p50 · p90 · p99 · max)</span></th>${comparison.strategies.map((s) => `<th>${escapeXml(s.name)}</th>`).join('')}</tr>`;
  const rows = [...CHECKPOINT_METRICS, ...RUN_METRICS].map((metric) => {
    const values = cells.map((cell) => {
      if (cell?.status !== 'measured') return '<td>not run</td>';
      const d = distribution(cell, metric);
      return `<td>${d.count === 0 ? '-' : [d.p50, d.p90, d.p99, d.max].map(cellNumber).join(' · ')}</td>`;
    });
    return `<tr><td>${metric} <span class="unit">${escapeXml(METRIC_INFO[metric].unit)}</span></td>${values.join('')}</tr>`;
  });
  return `<h3 id="workload-${escapeXml(workload.name)}">${escapeXml(workload.name)}</h3><p class="note">${escapeXml(workload.description)}</p>
<div class="wide"><table class="numbers"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

function definitionsSection(): string {
  const items = [...CHECKPOINT_METRICS, ...RUN_METRICS].map((m) => {
    const info = METRIC_INFO[m];
    return `<dt>${m}</dt><dd>${escapeXml(info.definition)} (${escapeXml(info.unit)}; distribution over ${info.per === 'checkpoint' ? 'the completed checkpoints of every seed' : 'seeds, one value per run'})</dd>`;
  });
  return `<section id="definitions"><h2>Metric definitions</h2><dl class="definitions">${items.join('\n')}</dl>
<p class="note">Percentiles are nearest-rank: p50 is the value at rank ceil(n/2) of the n sorted values. Ticks are simulated time.</p></section>`;
}

export function comparisonHtml(comparison: Comparison, claims: readonly ClaimResult[]): string {
  const { strategies, workloads, seeds } = comparison;
  const meta = `${strategies.length} strategies (${strategies.map((s) => s.name).join(', ')}) on ${workloads.length} workloads, seeds ${seeds[0]}..${seeds[seeds.length - 1]} (${seeds.length} per workload); snapcheck ${TOOL_VERSION}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>snapcheck: checkpoint strategies compared</title><style>${STYLE}</style></head>
<body>
<header><h1>Checkpoint strategies compared on identical workloads</h1><div class="meta">${escapeXml(meta)}</div></header>
${sweeps(workloads)
  .map(([family, levels]) => sweepSection(comparison, family, levels))
  .join('\n')}
${acrossSection(comparison)}
${claimsSection(claims)}
<section id="numbers"><h2>Every metric</h2>${workloads.map((w) => numbersTable(comparison, w)).join('\n')}</section>
${definitionsSection()}
</body></html>
`;
}
