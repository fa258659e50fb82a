// The terminal summary: the score per strategy and per operator, then every survivor (and every
// mutant that did not compile or timed out) with its place and a two-line diff.
import { formatPercent } from './score.ts';
import type { MutantResult, MutationReport, Score } from './types.ts';

function scoreLine(label: string, score: Score, width: number): string {
  const parts = [`${score.killed} killed`, `${score.timedOut} timed out`, `${score.survived} survived`, `${score.didNotCompile} did not compile`];
  if (score.equivalent > 0) parts.push(`${score.equivalent} equivalent`);
  return `  ${label.padEnd(width)} ${formatPercent(score).padStart(6)}  (${score.total} mutants: ${parts.join(', ')})`;
}

function table(title: string, scores: Readonly<Record<string, Score>>): string[] {
  const width = Math.max(...Object.keys(scores).map((k) => k.length), 8);
  return [title, ...Object.entries(scores).map(([label, score]) => scoreLine(label, score, width))];
}

export function describeMutant(result: MutantResult): string[] {
  const { mutant } = result;
  const head = `  ${mutant.file}:${mutant.line}:${mutant.column + 0}  [${mutant.operator}] ${mutant.description}`;
  const judged = result.judges.length > 0 ? `    judged by: ${result.judges.join(', ')}` : null;
  const diff = [...mutant.before.split('\n').map((l) => `    - ${l.trim()}`), ...(mutant.after === '' ? ['    + (removed)'] : mutant.after.split('\n').map((l) => `    + ${l.trim()}`))];
  return [head, ...(judged === null ? [] : [judged]), ...diff];
}

export function formatReport(report: MutationReport): string {
  const o = report.overall;
  const lines = [
    `mutation score: ${formatPercent(o)} (${o.killed} killed, ${o.timedOut} timed out, ${o.survived} survived; ${o.didNotCompile} did not compile, ${o.equivalent} marked equivalent; ${o.total} mutants)`,
    `seed ${report.settings.seed}, ${report.settings.runs} runs per suite, budget ${report.settings.budgetMs} ms per suite, ${report.settings.workers} worker(s)${report.settings.since === null ? '' : `, since ${report.settings.since}`}`,
    `time ${(report.elapsedMs / 1000).toFixed(1)} s, ${report.mutantsPerMinute.toFixed(0)} mutants per minute`,
    '',
    ...table('by strategy:', report.byTarget),
    '',
    ...table('by operator:', report.byOperator),
  ];
  const survivors = report.results.filter((r) => r.outcome.status === 'survived');
  lines.push('', survivors.length === 0 ? 'survivors: none' : `survivors (${survivors.length}):`);
  for (const survivor of survivors) lines.push(...describeMutant(survivor));
  const timedOut = report.results.filter((r) => r.outcome.status === 'timed-out');
  if (timedOut.length > 0) lines.push('', `timed out (${timedOut.length}, counted as detected):`, ...timedOut.map((r) => `  ${r.mutant.file}:${r.mutant.line}  [${r.mutant.operator}] ${r.mutant.description}`));
  return lines.join('\n');
}
