// `snapcheck mutate`: mutation testing of strategies (src/mutate/). Exit 0 when the score reaches
// --min-score (default 0: report only), 1 below it, 2 on bad input.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertMutationEngine, runMutation } from '../mutate/engine.ts';
import { BUILT_IN_NAMES } from '../mutate/built-ins.ts';
import { PACKAGE_ROOT } from '../modules/package-paths.ts';
import { renderHtmlReport } from '../mutate/report-html.ts';
import { formatReport } from '../mutate/report-text.ts';
import { DEFAULT_KILL_SETTINGS, defaultWorkers } from '../mutate/settings.ts';
import { parseCommandArgs } from './commands.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';

const TSCONFIG = resolve(PACKAGE_ROOT, 'tsconfig.json');

export async function mutateCommand(argv: string[], print: (line: string) => void): Promise<number> {
  const args = parseCommandArgs('mutate', argv);
  const specs = (args.list('strategy') ?? BUILT_IN_NAMES).flatMap((s) => s.split(',')).filter((s) => s !== '');
  assertMutationEngine();
  const { resolveTargets } = await import('./mutate-targets.ts');
  const targets = await resolveTargets(specs, existsSync(TSCONFIG) ? TSCONFIG : null);
  const minScore = number(args.string('min-score'), 0, 'min-score');
  const progress = !args.flag('no-progress') && process.stderr.isTTY === true;
  const run = await runMutation({
    targets,
    seed: number(args.string('seed'), DEFAULT_KILL_SETTINGS.seed, 'seed'),
    runs: number(args.string('runs'), DEFAULT_KILL_SETTINGS.runs, 'runs'),
    budgetMs: number(args.string('budget-ms'), DEFAULT_KILL_SETTINGS.budgetMs, 'budget-ms'),
    workers: positive(args.string('workers'), defaultWorkers(), 'workers'),
    since: args.string('since') ?? null,
    tsconfig: existsSync(TSCONFIG) ? TSCONFIG : null,
    root: process.cwd(),
    regressionsDir: resolve(PACKAGE_ROOT, 'properties', 'regressions'),
    ...(progress ? { onMutant: (_r, done, total) => process.stderr.write(`\rmutants judged: ${done}/${total}`) } : {}),
  });
  if (progress) process.stderr.write('\n');
  if (!run.ok) throw new UsageError(run.problem);
  print(formatReport(run.report));
  const [json, html] = [args.string('json'), args.string('html')];
  if (json !== undefined) writeFileSync(json, `${JSON.stringify(run.report, null, 2)}\n`);
  if (html !== undefined) writeFileSync(html, renderHtmlReport(run.report));
  const percent = run.report.overall.percent ?? 100;
  if (percent < minScore) {
    print(`mutation score ${percent.toFixed(1)}% is below --min-score ${minScore}`);
    return EXIT_VIOLATION;
  }
  return EXIT_OK;
}

function number(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new UsageError(`--${name} must be a non-negative number, got "${value}"`);
  return parsed;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const parsed = number(value, fallback, name);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return parsed;
}
