// The HTML report: one self-contained page (inline CSS, no scripts), scores by strategy and by
// operator, then every mutant that was not killed with its diff, then the killed ones.
import { formatPercent } from './score.ts';
import type { MutantResult, MutationReport, Score } from './types.ts';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function scoreRows(scores: Readonly<Record<string, Score>>): string {
  return Object.entries(scores)
    .map(([label, s]) => `<tr><td>${escape(label)}</td><td class="num">${formatPercent(s)}</td><td class="num">${s.total}</td><td class="num">${s.killed}</td><td class="num">${s.timedOut}</td><td class="num">${s.survived}</td><td class="num">${s.didNotCompile}</td><td class="num">${s.equivalent}</td></tr>`)
    .join('\n');
}

function scoreTable(title: string, scores: Readonly<Record<string, Score>>): string {
  return `<h2>${title}</h2><table><thead><tr><th></th><th>score</th><th>mutants</th><th>killed</th><th>timed out</th><th>survived</th><th>did not compile</th><th>equivalent</th></tr></thead><tbody>${scoreRows(scores)}</tbody></table>`;
}

function outcomeText(result: MutantResult): string {
  const o = result.outcome;
  if (o.status === 'killed') return `killed by ${o.by} (${o.property}, run ${o.runsToKill})`;
  if (o.status === 'survived') return `survived ${o.runs} runs`;
  if (o.status === 'timed-out') return `timed out (${o.budgetMs} ms)`;
  if (o.status === 'did-not-compile') return `did not compile: ${o.detail}`;
  return `equivalent: ${o.reason}`;
}

function mutantBlock(result: MutantResult): string {
  const m = result.mutant;
  const diff = [...m.before.split('\n').map((l) => `<span class="del">- ${escape(l)}</span>`), ...m.after.split('\n').map((l) => `<span class="add">+ ${escape(l)}</span>`)].join('\n');
  return `<div class="mutant ${result.outcome.status}" id="${escape(m.id)}"><div class="head"><code>${escape(m.file)}:${m.line}</code> <span class="op">${m.operator}</span> ${escape(m.description)} &mdash; <b>${escape(outcomeText(result))}</b></div><pre>${diff}</pre></div>`;
}

export function renderHtmlReport(report: MutationReport): string {
  const notKilled = report.results.filter((r) => r.outcome.status !== 'killed');
  const killed = report.results.filter((r) => r.outcome.status === 'killed');
  const o = report.overall;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>snapcheck mutation report: ${formatPercent(o)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:.2em .6em}
.num{text-align:right}.mutant{border:1px solid #ddd;margin:.5em 0;padding:.4em}.survived{border-left:6px solid #c33}.timed-out{border-left:6px solid #c90}
.did-not-compile{border-left:6px solid #999}.equivalent{border-left:6px solid #69c}.killed{border-left:6px solid #3a3}.op{background:#eee;padding:0 .3em}
pre{margin:.3em 0;font-size:12px;white-space:pre-wrap}.del{color:#a00}.add{color:#070}
</style></head><body>
<h1>Mutation score ${formatPercent(o)}</h1>
<p id="summary">${o.total} mutants: ${o.killed} killed, ${o.timedOut} timed out, ${o.survived} survived, ${o.didNotCompile} did not compile, ${o.equivalent} marked equivalent.
Seed ${report.settings.seed}, ${report.settings.runs} runs per suite, ${report.settings.workers} workers, ${(report.elapsedMs / 1000).toFixed(1)} s (${report.mutantsPerMinute.toFixed(0)} mutants/min).</p>
${scoreTable('By strategy', report.byTarget)}
${scoreTable('By operator', report.byOperator)}
<h2>Not killed (${notKilled.length})</h2>
${notKilled.map(mutantBlock).join('\n')}
<h2>Killed (${killed.length})</h2>
${killed.map(mutantBlock).join('\n')}
</body></html>
`;
}
