// `snapcheck mutate`: mutation testing of strategies (src/mutate/). Exit 0 when the score reaches
// --min-score (default 0: report only), 1 below it, 2 on bad input.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { createProject } from '../mutate/generate.ts';
import { renderHtmlReport } from '../mutate/report-html.ts';
import { formatReport } from '../mutate/report-text.ts';
import { DEFAULT_KILL_SETTINGS, defaultWorkers, runMutation, type JudgedTarget } from '../mutate/run.ts';
import { BUILT_IN_ENTRIES, builtInTarget, moduleTarget, REPO_ROOT } from '../mutate/targets.ts';
import { findStrategy } from '../strategies/registry.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';
import { isModuleSpec, loadStrategy } from './strategy-loader.ts';

const TSCONFIG = resolve(REPO_ROOT, 'tsconfig.json');

export async function mutateCommand(argv: string[], print: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      strategy: { type: 'string', multiple: true },
      since: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      'budget-ms': { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      'min-score': { type: 'string' },
      'no-progress': { type: 'boolean' },
    },
  });
  const specs = (values.strategy ?? Object.keys(BUILT_IN_ENTRIES)).flatMap((s) => s.split(',')).filter((s) => s !== '');
  const targets = await resolveTargets(specs);
  const minScore = number(values['min-score'], 0, 'min-score');
  const progress = values['no-progress'] !== true && process.stderr.isTTY === true;
  const run = await runMutation({
    targets,
    seed: number(values.seed, DEFAULT_KILL_SETTINGS.seed, 'seed'),
    runs: number(values.runs, DEFAULT_KILL_SETTINGS.runs, 'runs'),
    budgetMs: number(values['budget-ms'], DEFAULT_KILL_SETTINGS.budgetMs, 'budget-ms'),
    workers: number(values.workers, defaultWorkers(), 'workers'),
    since: values.since ?? null,
    tsconfig: existsSync(TSCONFIG) ? TSCONFIG : null,
    root: process.cwd(),
    regressionsDir: resolve(REPO_ROOT, 'properties', 'regressions'),
    ...(progress ? { onMutant: (_r, done, total) => process.stderr.write(`\rmutants judged: ${done}/${total}`) } : {}),
  });
  if (progress) process.stderr.write('\n');
  if (!run.ok) throw new UsageError(run.problem);
  print(formatReport(run.report));
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(run.report, null, 2)}\n`);
  if (values.html !== undefined) writeFileSync(values.html, renderHtmlReport(run.report));
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

async function resolveTargets(specs: readonly string[]): Promise<JudgedTarget[]> {
  const project = createProject(existsSync(TSCONFIG) ? TSCONFIG : undefined);
  const targets: JudgedTarget[] = [];
  for (const spec of specs) {
    if (!isModuleSpec(spec)) {
      const target = builtInTarget(project, spec);
      if (target === null) {
        const canary = findStrategy(spec) !== undefined ? ` ("${spec}" is a canary: pass its module path to mutate it)` : '';
        throw new UsageError(`unknown strategy "${spec}"${canary}; built-in: ${Object.keys(BUILT_IN_ENTRIES).join(', ')}, or a path to a strategy module`);
      }
      const { guarantee, supportsCycles } = findStrategy(spec)!;
      targets.push({ ...target, guarantee, supportsCycles });
      continue;
    }
    targets.push(await moduleJudgedTarget(project, spec));
  }
  return targets;
}

async function moduleJudgedTarget(project: ReturnType<typeof createProject>, spec: string): Promise<JudgedTarget> {
  const path = resolve(spec);
  if (!existsSync(path)) throw new UsageError(`strategy module ${spec} does not exist`);
  const problem = syntaxProblem(path);
  if (problem !== null) throw new UsageError(`strategy module ${spec} does not parse: ${problem}`);
  const { strategy } = await loadStrategy(spec);
  const exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const exportName = Object.keys(exports).find((k) => exports[k] === strategy) ?? 'default';
  return { ...moduleTarget(project, strategy.name, path, exportName), guarantee: strategy.guarantee, supportsCycles: strategy.supportsCycles };
}

/** The first syntax error of a TypeScript or JavaScript file, or null. */
function syntaxProblem(path: string): string | null {
  const text = readFileSync(path, 'utf8');
  const output = ts.transpileModule(text, { fileName: path, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } });
  const error = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error === undefined) return null;
  const line = error.file && error.start !== undefined ? `line ${error.file.getLineAndCharacterOfPosition(error.start).line + 1}: ` : '';
  return `${line}${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`;
}
