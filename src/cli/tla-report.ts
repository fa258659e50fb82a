// What `snapcheck tla` says: the table of configs, the problems and counterexamples, the summary
// line, and the same as results suites (one per module, a case per config) for --json and --junit.
import type { ResultCase, ResultSuite } from '../results/results.ts';
import { describeExpectation, type Comparison, type ManifestEntry } from '../tla/manifest.ts';
import { describeVerdict, formatLocation, type TlaResult } from '../tla/types.ts';

export function printTable(results: readonly TlaResult[], entries: readonly (ManifestEntry | null)[], comparisons: readonly Comparison[], print: (line: string) => void): void {
  const rows = results.map((r, i) => [
    r.config,
    r.engine,
    describeVerdict(r.verdict),
    entries[i] ? describeExpectation(entries[i]!.expect) : '-',
    r.distinctStates === null ? '-' : String(r.distinctStates),
    `${(r.timeMs / 1000).toFixed(1)} s`,
    comparisons[i]!.status === 'match' ? 'match' : 'MISMATCH',
  ]);
  const header = ['config', 'engine', 'verdict', 'expected', 'states', 'time', 'result'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 4 || c === 5 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  print('');
  print(line(header));
  print(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) print(line(row));
}

export function printDetails(results: readonly TlaResult[], comparisons: readonly Comparison[], withTraces: boolean, print: (line: string) => void): void {
  results.forEach((result, i) => {
    const comparison = comparisons[i]!;
    const verdict = result.verdict;
    if (verdict.kind === 'parse-error') {
      print('');
      print(`${result.config}: ${verdict.location ? `${formatLocation(verdict.location)}: ` : ''}${verdict.message}`);
    } else if (verdict.kind === 'error') {
      print('');
      print(`${result.config}: ${verdict.message}`);
    }
    if (comparison.status === 'mismatch' && verdict.kind !== 'parse-error') {
      print('');
      print(`${result.config}: does not match the manifest: ${comparison.reasons.join('; ')}`);
    }
    if (withTraces && result.counterexample) printTrace(result, print);
  });
}

function printTrace(result: TlaResult, print: (line: string) => void): void {
  print('');
  for (const line of traceLines(result)) print(line);
}

/** A counterexample as TLC prints it: states in order, with the action that led to each. */
function traceLines(result: TlaResult): string[] {
  const ce = result.counterexample!;
  const lines = [`${result.config}: counterexample (${describeVerdict(result.verdict)}), ${ce.steps.length} state(s)`];
  ce.steps.forEach((step, i) => {
    lines.push(`  state ${i + 1}${step.action ? ` <${step.action}>` : i === 0 ? ' <initial>' : ''}`);
    for (const [name, value] of Object.entries(step.state)) lines.push(`    /\\ ${name} = ${value}`);
  });
  if (ce.loop?.kind === 'stuttering') lines.push('  ... then stutters forever');
  if (ce.loop?.kind === 'back-to') lines.push(`  ... then back to state ${ce.loop.step + 1}`);
  return lines;
}

/** The configs as results: one suite per TLA+ module, a case per config. */
export function tlaSuites(results: readonly TlaResult[], entries: readonly (ManifestEntry | null)[], comparisons: readonly Comparison[]): ResultSuite[] {
  const suites = new Map<string, ResultSuite & { cases: ResultCase[] }>();
  results.forEach((result, i) => {
    const entry = entries[i] ?? null;
    const comparison = comparisons[i]!;
    const module = entry?.module.replace(/\.tla$/, '') ?? result.config;
    const suite = suites.get(module) ?? { name: module, kind: 'tla-config' as const, elapsedMs: 0, cases: [] };
    suites.set(module, suite);
    suite.elapsedMs = (suite.elapsedMs ?? 0) + Math.round(result.timeMs);
    const details = { ...result, expected: entry?.expect ?? null, comparison };
    const base = { name: result.config, elapsedMs: Math.round(result.timeMs), details };
    const verdict = result.verdict;
    const text = result.counterexample === null ? undefined : traceLines(result).join('\n');
    if (verdict.kind === 'parse-error' || verdict.kind === 'error') {
      const where = verdict.kind === 'parse-error' && verdict.location ? `${formatLocation(verdict.location)}: ` : '';
      suite.cases.push({ ...base, status: 'error', message: `${where}${verdict.message}` });
    } else if (comparison.status === 'mismatch') {
      suite.cases.push({ ...base, status: 'failed', message: `does not match the manifest: ${comparison.reasons.join('; ')}`, ...(text === undefined ? {} : { text }) });
    } else {
      suite.cases.push({ ...base, status: 'passed' });
    }
  });
  return [...suites.values()];
}

/** "18 configs match the manifest, 41.0 s", or which do not. */
export function tlaSummary(results: readonly TlaResult[], comparisons: readonly Comparison[], elapsedMs: number): string {
  const off = results.filter((_, i) => comparisons[i]!.status !== 'match').map((r) => r.config);
  const seconds = `${(elapsedMs / 1000).toFixed(1)} s`;
  if (off.length === 0) return `${results.length} ${results.length === 1 ? 'config matches' : 'configs match'} the manifest, ${seconds}`;
  return `${off.length} of ${results.length} configs do not match the manifest (${off.join(', ')}), ${seconds}`;
}
