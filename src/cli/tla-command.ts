// `snapcheck tla [CONFIG ...]`: model-check the TLA+ specs in spec/ with TLC (when TLA2TOOLS_JAR
// and Java are available) or the embedded engine, and compare every result with the manifest.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareWithExpectation, loadManifest, type Comparison, type ManifestEntry } from '../tla/manifest.ts';
import { defaultParallelism, planEngine, runJobs, type EngineChoice } from '../tla/runner.ts';
import { describeVerdict, type TlaResult } from '../tla/types.ts';
import { loadJob, type LoadedJob } from '../tla/job.ts';
import { PINNED_ENGINE_VERSION } from '../tla/embedded.ts';
import { didYouMean, parseCommandArgs } from './commands.ts';
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATION, UsageError } from './errors.ts';
import { parsePositiveInt } from './options.ts';
import { startCountProgress } from './progress.ts';
import type { ResultsSink } from './results-output.ts';
import { printDetails, printTable, tlaSuites, tlaSummary } from './tla-report.ts';

export const DEFAULT_TLA_TIMEOUT_SECONDS = 600;
/** spec/manifest.json of this checkout, wherever the command runs from. */
const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('../../spec/manifest.json', import.meta.url));

interface Selected {
  readonly job: LoadedJob;
  readonly entry: ManifestEntry | null;
}

export async function tlaCommand(argv: string[], print: (line: string) => void, sink: ResultsSink | null = null): Promise<number> {
  const args = parseCommandArgs('tla', argv);
  const choice = parseEngine(args.string('engine'));
  const timeoutMs = parsePositiveInt('timeout', args.string('timeout'), DEFAULT_TLA_TIMEOUT_SECONDS) * 1000;
  const manifestPath = args.string('manifest') ?? DEFAULT_MANIFEST_PATH;
  const manifest = loadManifest(manifestPath);
  if (!manifest.ok) throw new UsageError(manifest.message);
  const selected = select(args.positionals, manifest.entries, args.string('module'), timeoutMs);
  const planned = planEngine(choice);
  if (!planned.ok) throw new UsageError(planned.message);
  const plan = planned.plan;
  const jobs = parsePositiveInt('jobs', args.string('jobs'), defaultParallelism(plan.engine));
  print(`snapcheck tla: ${selected.length} config(s) with ${plan.engine === 'tlc' ? `TLC (${plan.tlc.jar})` : `the embedded engine (tla-checker ${PINNED_ENGINE_VERSION})`}`);
  const started = performance.now();
  const progress = startCountProgress('tla', 'configs', selected.length, !args.flag('no-progress'));
  let done = 0;
  let results: TlaResult[];
  try {
    results = await runJobs(selected.map((s) => s.job), plan, jobs, () => progress.update(++done));
  } finally {
    progress.stop();
  }
  const comparisons = results.map((r, i) => compare(r, selected[i]!.entry));
  printTable(results, selected.map((s) => s.entry), comparisons, print);
  printDetails(results, comparisons, args.flag('trace'), print);
  const summary = tlaSummary(results, comparisons, performance.now() - started);
  print('');
  print(summary);
  if (sink !== null) {
    for (const suite of tlaSuites(results, selected.map((s) => s.entry), comparisons)) sink.add(suite);
    sink.summary(summary);
  }
  return exitCode(results, comparisons);
}

function parseEngine(text: string | undefined): EngineChoice {
  if (text === undefined) return 'auto';
  if (text === 'auto' || text === 'embedded' || text === 'tlc') return text;
  throw new UsageError(`--engine must be auto, embedded or tlc, got "${text}"`);
}

/**
 * Manifest names, or files: a .cfg (its module: the manifest's, --module, or the .tla of the same
 * name beside it), or a Spec.tla (checked with the Spec.cfg beside it, as TLC does).
 */
function select(args: readonly string[], entries: readonly ManifestEntry[], module: string | undefined, timeoutMs: number): Selected[] {
  if (args.length === 0) return entries.map((entry) => ({ entry, job: jobOf(entry, timeoutMs) }));
  return args.map((arg) => {
    const byName = entries.find((e) => e.name === arg);
    if (byName) return { entry: byName, job: jobOf(byName, timeoutMs) };
    if (!arg.endsWith('.cfg') && !arg.endsWith('.tla')) throw new UsageError(`unknown config "${arg}"${didYouMean(arg, entries.map((e) => e.name))}; known: ${entries.map((e) => e.name).join(', ')} (or give a .cfg or .tla path)`);
    if (!existsSync(arg)) throw new UsageError(`${arg}: no such file`);
    const cfg = arg.endsWith('.tla') ? arg.replace(/\.tla$/, '.cfg') : arg;
    if (!existsSync(cfg)) throw new UsageError(`${arg}: no ${basename(cfg)} beside it; give the config (FILE.cfg --module ${basename(arg)})`);
    const byPath = entries.find((e) => e.cfgPath === resolve(cfg));
    if (byPath) return { entry: byPath, job: jobOf(byPath, timeoutMs) };
    const sameName = cfg.replace(/\.cfg$/, '.tla');
    const modulePath = arg.endsWith('.tla') ? arg : (module ?? (existsSync(sameName) ? sameName : undefined));
    if (modulePath === undefined) throw new UsageError(`${arg} is not in the manifest and no ${basename(sameName)} is beside it: name its module with --module FILE.tla`);
    return { entry: null, job: loadJob({ name: basename(cfg).replace(/\.cfg$/, ''), modulePath, cfgPath: cfg, timeoutMs }) };
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

function exitCode(results: readonly TlaResult[], comparisons: readonly Comparison[]): number {
  if (results.some((r) => r.verdict.kind === 'parse-error')) return EXIT_USAGE;
  return comparisons.every((c) => c.status === 'match') ? EXIT_OK : EXIT_VIOLATION;
}
