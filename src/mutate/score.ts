// Scores: (killed + timed out) / (killed + timed out + survived). Mutants that did not compile
// and those marked equivalent are counted and shown, never scored.
import type { JudgeStatus, MutantResult, MutantStatus, Score } from './types.ts';

export function scoreOf(statuses: readonly MutantStatus[]): Score {
  const count = (status: MutantStatus) => statuses.filter((s) => s === status).length;
  const [killed, timedOut, survived] = [count('killed'), count('timed-out'), count('survived')];
  const scored = killed + timedOut + survived;
  return {
    total: statuses.length,
    killed,
    timedOut,
    survived,
    didNotCompile: count('did-not-compile'),
    equivalent: count('equivalent'),
    percent: scored === 0 ? null : (100 * (killed + timedOut)) / scored,
  };
}

/** A mutant's status as one judge saw it. */
function statusFor(result: MutantResult, judge: string): MutantStatus {
  const verdict: JudgeStatus | undefined = result.verdicts[judge];
  return verdict ?? result.outcome.status;
}

export function scoreByTarget(results: readonly MutantResult[], targets: readonly string[]): Record<string, Score> {
  return Object.fromEntries(targets.map((t) => [t, scoreOf(results.filter((r) => r.judges.includes(t)).map((r) => statusFor(r, t)))]));
}

export function scoreByOperator(results: readonly MutantResult[]): Record<string, Score> {
  const operators = [...new Set(results.map((r) => r.mutant.operator))];
  return Object.fromEntries(operators.map((o) => [o, scoreOf(results.filter((r) => r.mutant.operator === o).map((r) => r.outcome.status))]));
}

export function formatPercent(score: Score): string {
  return score.percent === null ? 'n/a' : `${score.percent.toFixed(1)}%`;
}
