// `snapcheck merge RESULTS.json...`: the shards of a `snapcheck run --shard K/N` combined into the
// result of the whole run (src/results/merge.ts). Exit 0 every property holds, 1 a property is
// violated, 2 an input is unreadable, not run results, or a shard is missing.
import { readFileSync } from 'node:fs';
import { mergeRunResults, type MergeInput } from '../results/merge.ts';
import { parseResults } from '../results/results.ts';
import { parseCommandArgs } from './commands.ts';
import { EXIT_OK, EXIT_VIOLATION, UsageError } from './errors.ts';
import type { ResultsSink } from './results-output.ts';

export async function mergeCommand(argv: string[], print: (line: string) => void, sink: ResultsSink | null): Promise<number> {
  const { positionals } = parseCommandArgs('merge', argv);
  if (positionals.length === 0) throw new UsageError('usage: snapcheck merge RESULTS.json... [--json FILE] [--junit FILE]');
  const inputs = positionals.map(readResults);
  const merged = mergeRunResults(inputs);
  if (!merged.ok) throw new UsageError(merged.problem);
  print(`snapcheck merge: ${inputs.length} result file(s), ${merged.suites.length} strategies`);
  for (const suite of merged.suites) {
    print('');
    print(`${suite.name}: ${String((suite.details as { runsChecked: number }).runsChecked)} scenarios`);
    for (const c of suite.cases) print(`  ${c.name.padEnd(22)} ${c.status === 'failed' ? (c.bundle === undefined ? c.message : `VIOLATED: ${c.message}`) : c.status === 'passed' ? 'holds' : c.status}`);
    const focus = suite.cases.find((c) => c.bundle !== undefined);
    if (focus !== undefined) print(`  bundle: ${focus.bundle}${(focus.reproduce ?? []).map((r) => `\n  reproduce: ${r}`).join('')}`);
  }
  for (const suite of merged.suites) sink?.add(suite);
  const summary = `${merged.suites.length} ${merged.suites.length === 1 ? 'strategy' : 'strategies'}, ${merged.holding} properties hold${merged.failed.length === 0 ? '' : `, violated: ${merged.failed.join(', ')}`}, merged from ${inputs.length} result file(s)`;
  print('');
  print(summary);
  sink?.summary(summary);
  return merged.failed.length === 0 ? EXIT_OK : EXIT_VIOLATION;
}

function readResults(file: string): MergeInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = parseResults(json);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.problem}`);
  return { name: file, results: parsed.results };
}
