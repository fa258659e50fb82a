// `snapcheck tla [CONFIG ...]`: model-check the TLA+ specs in spec/ with TLC (when TLA2TOOLS_JAR
// and Java are available) or the embedded engine, and compare every result with the manifest.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareWithExpectation, describeExpectation, loadManifest, type Comparison, type ManifestEntry } from '../tla/manifest.ts';
import { defaultParallelism, planEngine, runJobs, type EngineChoice } from '../tla/runner.ts';
import { describeVerdict, formatLocation, type TlaResult } from '../tla/types.ts';
import { loadJob, type LoadedJob } from '../tla/job.ts';
import { PINNED_ENGINE_VERSION } from '../tla/embedded.ts';
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATION, UsageError } from './errors.ts';
import { writeFileAtomically } from './files.ts';
import { parsePositiveInt } from './options.ts';

export const DEFAULT_TLA_TIMEOUT_SECONDS = 600;
/** spec/manifest.json of this checkout, wherever the command runs from. */
const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('../../spec/manifest.json', import.meta.url));

interface Selected {
  readonly job: LoadedJob;
  readonly entry: ManifestEntry | null;
}

export async function tlaCommand(argv: string[], print: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string' },
      manifest: { type: 'string' },
      module: { type: 'string' },
      timeout: { type: 'string' },
      jobs: { type: 'string' },
      json: { type: 'string' },
      trace: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const choice = parseEngine(values.engine);
  const timeoutMs = parsePositiveInt('timeout', values.timeout, DEFAULT_TLA_TIMEOUT_SECONDS) * 1000;
  const manifestPath = values.manifest ?? DEFAULT_MANIFEST_PATH;
  const manifest = loadManifest(manifestPath);
  if (!manifest.ok) throw new UsageError(manifest.message);
  const selected = select(positionals, manifest.entries, values.module, timeoutMs);
  const planned = planEngine(choice);
  if (!planned.ok) throw new UsageError(planned.message);
  const plan = planned.plan;
  const jobs = parsePositiveInt('jobs', values.jobs, defaultParallelism(plan.engine));
  print(`snapcheck tla: ${selected.length} config(s) with ${plan.engine === 'tlc' ? `TLC (${plan.tlc.jar})` : `the embedded engine (tla-checker ${PINNED_ENGINE_VERSION})`}`);
  const results = await runJobs(selected.map((s) => s.job), plan, jobs);
  const comparisons = results.map((r, i) => compare(r, selected[i]!.entry));
  printTable(results, selected, comparisons, print);
  printDetails(results, comparisons, values.trace === true, print);
  if (values.json !== undefined) writeJson(values.json, results, selected, comparisons, print);
  return exitCode(results, comparisons);
}

function parseEngine(text: string | undefined): EngineChoice {
  if (text === undefined) return 'auto';
  if (text === 'auto' || text === 'embedded' || text === 'tlc') return text;
  throw new UsageError(`--engine must be auto, embedded or tlc, got "${text}"`);
}

/** Manifest names, or .cfg paths (a path the manifest lists runs with its expectation; another needs --module). */
function select(args: readonly string[], entries: readonly ManifestEntry[], module: string | undefined, timeoutMs: number): Selected[] {
  if (args.length === 0) return entries.map((entry) => ({ entry, job: jobOf(entry, timeoutMs) }));
  return args.map((arg) => {
    const byName = entries.find((e) => e.name === arg);
    if (byName) return { entry: byName, job: jobOf(byName, timeoutMs) };
    if (!arg.endsWith('.cfg')) throw new UsageError(`unknown config "${arg}"; known: ${entries.map((e) => e.name).join(', ')} (or give a .cfg path)`);
    const byPath = entries.find((e) => e.cfgPath === resolve(arg));
    if (byPath) return { entry: byPath, job: jobOf(byPath, timeoutMs) };
    if (!existsSync(arg)) throw new UsageError(`${arg}: no such file`);
    if (module === undefined) throw new UsageError(`${arg} is not in the manifest: name its module with --module FILE.tla`);
    const name = arg.replace(/^.*[\\/]/, '').replace(/\.cfg$/, '');
    return { entry: null, job: loadJob({ name, modulePath: module, cfgPath: arg, timeoutMs }) };
  });
}

function jobOf(entry: ManifestEntry, timeoutMs: number): LoadedJob {
  const timeout = entry.timeoutSeconds === undefined ? timeoutMs : Math.min(timeoutMs, entry.timeoutSeconds * 1000);
  return loadJob({ name: entry.name, modulePath: entry.modulePath, cfgPath: entry.cfgPath, timeoutMs: timeout });
}

/** A config outside the manifest has no expectation: it "matches" when it holds. */
function compare(result: TlaResult, entry: ManifestEntry | null): Comparison {
  if (entry) return compareWithExpectation(result, entry.expect);
  return result.verdict.kind === 'ok' ? { status: 'match' } : { status: 'mismatch', reasons: [describeVerdict(result.verdict)] };
}

function printTable(results: readonly TlaResult[], selected: readonly Selected[], comparisons: readonly Comparison[], print: (line: string) => void): void {
  const rows = results.map((r, i) => [
    r.config,
    r.engine,
    describeVerdict(r.verdict),
    selected[i]!.entry ? describeExpectation(selected[i]!.entry!.expect) : '-',
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

function printDetails(results: readonly TlaResult[], comparisons: readonly Comparison[], withTraces: boolean, print: (line: string) => void): void {
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
  const ce = result.counterexample!;
  print('');
  print(`${result.config}: counterexample (${describeVerdict(result.verdict)}), ${ce.steps.length} state(s)`);
  ce.steps.forEach((step, i) => {
    print(`  state ${i + 1}${step.action ? ` <${step.action}>` : i === 0 ? ' <initial>' : ''}`);
    for (const [name, value] of Object.entries(step.state)) print(`    /\\ ${name} = ${value}`);
  });
  if (ce.loop?.kind === 'stuttering') print('  ... then stutters forever');
  if (ce.loop?.kind === 'back-to') print(`  ... then back to state ${ce.loop.step + 1}`);
}

function writeJson(path: string, results: readonly TlaResult[], selected: readonly Selected[], comparisons: readonly Comparison[], print: (line: string) => void): void {
  const report = results.map((r, i) => ({ ...r, expected: selected[i]!.entry?.expect ?? null, comparison: comparisons[i] }));
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (path === '-') print(text);
  else writeFileAtomically(path, text);
}

function exitCode(results: readonly TlaResult[], comparisons: readonly Comparison[]): number {
  if (results.some((r) => r.verdict.kind === 'parse-error')) return EXIT_USAGE;
  return comparisons.every((c) => c.status === 'match') ? EXIT_OK : EXIT_VIOLATION;
}
