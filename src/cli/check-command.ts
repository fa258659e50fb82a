// `snapcheck check SCENARIO.json`: run one scenario (or a bundle's) and check every property of the strategy's guarantee.
import { readFileSync } from 'node:fs';
import { BUNDLE_FORMAT } from '../trace/bundle.ts';
import { parseBundle } from '../trace/bundle-schema.ts';
import { parseScenario } from '../scenario/scenario-schema.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { evaluate, PROPERTIES_BY_GUARANTEE } from '../suite/suite.ts';
import { describeScenario, formatDiagnosis } from '../report/diagnosis.ts';
import { parseCommandArgs } from './commands.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';
import type { ResultsSink } from './results-output.ts';
import { loadStrategy } from './strategy-loader.ts';

export async function checkCommand(argv: string[], print: (line: string) => void, sink: ResultsSink | null = null): Promise<number> {
  const args = parseCommandArgs('check', argv);
  if (args.positionals.length !== 1) throw new UsageError('usage: snapcheck check SCENARIO.json [--strategy NAME]');
  const file = args.positionals[0]!;
  const scenario = readScenario(file);
  const { strategy } = await loadStrategy(args.string('strategy') ?? scenario.strategy);
  const properties = PROPERTIES_BY_GUARANTEE[strategy.guarantee];
  print(`snapcheck check ${file}: ${strategy.name} (declares ${strategy.guarantee}); ${describeScenario(scenario)}`);
  const started = performance.now();
  const findings = evaluate(strategy, scenario, properties, null);
  for (const property of properties) {
    print(`  ${property.padEnd(22)} ${findings.some((f) => f.property === property) ? 'VIOLATED' : 'holds'}`);
  }
  const diagnoses = new Map<string, string[]>();
  for (const finding of findings) {
    print('');
    const lines = finding.verdict.status === 'violated' ? formatDiagnosis(scenario, finding.verdict) : [];
    diagnoses.set(finding.property, lines);
    for (const line of lines) print(line);
  }
  const summary = `${strategy.name}: ${properties.length - findings.length} of ${properties.length} properties hold${findings.length === 0 ? '' : `, violated: ${findings.map((f) => f.property).join(', ')}`}`;
  print('');
  print(summary);
  sink?.summary(summary);
  sink?.add({
    name: file,
    kind: 'scenario',
    elapsedMs: Math.round(performance.now() - started),
    details: { strategy: strategy.name, guarantee: strategy.guarantee },
    cases: properties.map((property) => {
      const lines = diagnoses.get(property);
      if (lines === undefined) return { name: property, status: 'passed' };
      const headline = lines.find((l) => l.startsWith('In short: '))?.slice('In short: '.length) ?? `${property} violated`;
      return { name: property, status: 'failed', message: headline, text: lines.join('\n') };
    }),
  });
  return findings.length === 0 ? EXIT_OK : EXIT_VIOLATION;
}

function readScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read scenario ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  // A bundle holds its scenario: `check` accepts either.
  if ((json as { format?: unknown } | null)?.format === BUNDLE_FORMAT) {
    const bundle = parseBundle(json);
    if (!bundle.ok) throw new UsageError(`bundle ${file}: ${bundle.problem}`);
    return bundle.bundle.scenario;
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new UsageError(`${file} is not a valid scenario: ${parsed.problem}`);
  return parsed.scenario;
}
