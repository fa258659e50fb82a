// Machine-readable output of a command (src/results/): `--json FILE`, `--junit FILE` and
// `--reporter json|junit` (the same as `--json -` / `--junit -`). `-` is stdout, with nothing else
// on it: the human-readable output then goes to stderr. Commands add suites to a ResultsSink as
// they go; main writes the files once the command ends, whatever its exit code, so that an
// interrupted or failed run still leaves what it found.
import { formatJunit } from '../results/junit.ts';
import { formatResultsJson, resultsDocument, type Results, type ResultsCommand, type ResultSuite } from '../results/results.ts';
import { writeFileAtomically } from '../trace/files.ts';

import type { OutputTargets } from './results-options.ts';

/** What a command reports: its suites, its last line, and details particular to it. */
export class ResultsSink {
  private readonly suites: ResultSuite[] = [];
  private summaryLine = '';
  private documentDetails: Record<string, unknown> | undefined;
  private timed = true;

  constructor(
    private readonly command: ResultsCommand,
    private readonly argv: readonly string[],
    private readonly started: number = performance.now(),
  ) {}

  add(suite: ResultSuite): void {
    this.suites.push(suite);
  }

  summary(line: string): void {
    this.summaryLine = line;
  }

  details(details: Record<string, unknown>): void {
    this.documentDetails = details;
  }

  /** Leave wall-clock times out, for a command whose output is byte-identical for the same input. */
  untimed(): void {
    this.timed = false;
  }

  document(exitCode: number, error?: string): Results {
    return resultsDocument({
      command: this.command,
      argv: [...this.argv],
      exitCode,
      summary: error ?? this.summaryLine,
      ...(this.timed ? { elapsedMs: Math.round(performance.now() - this.started) } : {}),
      suites: this.suites,
      ...(this.documentDetails === undefined ? {} : { details: this.documentDetails }),
    });
  }
}

/** Write the requested outputs: files atomically, `-` to stdout. */
export function writeOutputs(targets: OutputTargets, results: Results, stdout: (text: string) => void): void {
  const outputs: [string | null, () => string][] = [
    [targets.json, () => formatResultsJson(results)],
    [targets.junit, () => formatJunit(results)],
  ];
  for (const [target, render] of outputs) {
    if (target === null) continue;
    if (target === '-') stdout(render());
    else writeFileAtomically(target, render());
  }
}
