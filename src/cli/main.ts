// The `snapcheck` command. Exit codes: 0 success, 1 a property was violated, 2 bad input,
// 3 a replay diverged from its bundle, 130 interrupted.
import { checkCommand } from './check-command.ts';
import { compareCommand } from './compare-command.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.ts';
import { EXIT_INTERRUPTED, Interrupted } from './interrupt.ts';
import { mutateCommand } from './mutate-command.ts';
import { pinCommand } from './pin-command.ts';
import { replayCommand } from './replay-command.ts';
import { runCommand } from './run-command.ts';
import { shrinkCommand } from './shrink-command.ts';
import { tlaCommand } from './tla-command.ts';
import { StrategyContractError } from '../sim/effects.ts';
import { UnsupportedTopology } from '../sim/runner.ts';

const HELP = `snapcheck: property-based verification of barrier snapshotting strategies

Usage:
  snapcheck run [--strategy NAME[,NAME...]] [--runs N] [--seed S] [--path P] [--property a,b] [--out DIR] [--no-progress]
      Run the property suites (default: every built-in strategy except the canaries). A counterexample
      is shrunk, minimized, printed with a diagnosis and written as a bundle to DIR (.snapcheck/counterexamples).
      --strategy also takes a path to your own strategy module (.ts or .js).
  snapcheck run --matrix [--runs N] [--seed S]
      Check the guarantee matrix: every built-in strategy against every oracle property.
  snapcheck check SCENARIO.json [--strategy NAME]
      Run one scenario (or a bundle's scenario) and check its properties.
  snapcheck replay BUNDLE.json [--html OUT.html] [--strategy NAME|PATH]
      Re-run a bundle with its recorded decisions and compare the History step by step: exit 1 if it
      reproduces, 0 if it no longer fails, 3 if it diverges (naming the first differing step).
      --html writes a self-contained space-time diagram.
  snapcheck shrink BUNDLE.json [--out FILE | --in-place] [--attempts N]
      Minimize a bundle further (same violated property) and write a new bundle (default BUNDLE.shrunk.json).
  snapcheck pin BUNDLE.json [--expect violated|holds] [--name NAME] [--description TEXT] [--force]
      Copy a bundle into properties/regressions/; the suites replay it and fail if it stops behaving as pinned.
  snapcheck compare [--strategies NAME|PATH,...] [--workload NAME|FILE,...] [--seeds N] [--json FILE] [--csv FILE] [--html FILE] [--no-progress]
      Run the same seeded workloads through every strategy (default: every built-in strategy, every
      preset, seeds 1..20) and compare checkpoint duration, alignment, size, persisted data, throughput,
      recovery and duplicates; prints a table per workload and writes JSON, CSV or an HTML report.
      Presets: steady, backpressure (levels backpressure@1..4), skew, wide-shuffle, deep-pipeline,
      cyclic, crash-heavy; or a workload file (see README). Exit 1 if a run violates its guarantee.
  snapcheck tla [CONFIG ...] [--engine auto|embedded|tlc] [--timeout SECONDS] [--jobs N] [--trace] [--json FILE|-]
      Model-check the TLA+ specs in spec/ (default: every config of spec/manifest.json) with TLC when
      TLA2TOOLS_JAR names tla2tools.jar and Java runs, else with the embedded engine; exit 1 unless every
      verdict and distinct-state count matches the manifest, 2 on a missing file or a spec/config error.
  snapcheck mutate [--strategy NAME|PATH[,...]] [--since GIT_REF] [--runs N] [--seed S] [--budget-ms MS] [--workers N]
                  [--json FILE] [--html FILE] [--min-score PERCENT] [--no-progress]
      Mutation testing: mutate the strategies' sources (default: every built-in strategy) and count the mutants
      their property suites kill. Prints the score per strategy and per operator and every survivor; exit 1 when
      the score is below --min-score, 2 when a strategy path does not exist or does not parse.

Exit codes: 0 every property holds, 1 a property was violated, 2 bad input, 3 a replay diverged, 130 interrupted.`;

const COMMANDS = ['run', 'check', 'replay', 'shrink', 'pin', 'tla', 'mutate', 'compare'];

/** The usage of one command: its entries of HELP (run has two) and the exit codes. */
export function commandHelp(command: string): string {
  const entries = HELP.split('\n\n')[1]!.split(/\n(?= {2}snapcheck )/).filter((entry) => entry.startsWith(`Usage:\n  snapcheck ${command} `) || entry.startsWith(`  snapcheck ${command} `));
  return [`snapcheck ${command}`, '', 'Usage:', ...entries.map((e) => e.replace(/^Usage:\n/, '')), '', HELP.slice(HELP.lastIndexOf('Exit codes:'))].join('\n');
}

export async function main(argv: string[], print: (line: string) => void = (l) => console.log(l)): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && COMMANDS.includes(command) && (rest.includes('--help') || rest.includes('-h'))) {
    print(commandHelp(command));
    return EXIT_OK;
  }
  if ((command === 'help' || command === '--help') && rest[0] !== undefined && COMMANDS.includes(rest[0])) {
    print(commandHelp(rest[0]));
    return EXIT_OK;
  }
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, print);
      case 'check':
        return await checkCommand(rest, print);
      case 'replay':
        return await replayCommand(rest, print);
      case 'shrink':
        return await shrinkCommand(rest, print);
      case 'pin':
        return await pinCommand(rest, print);
      case 'tla':
        return await tlaCommand(rest, print);
      case 'mutate':
        return await mutateCommand(rest, print);
      case 'compare':
        return await compareCommand(rest, print);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        print(HELP);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new UsageError(`unknown command "${command}"; try: snapcheck --help`);
    }
  } catch (error) {
    if (error instanceof Interrupted) {
      console.error(`snapcheck: ${error.message}; every file written so far is complete`);
      return EXIT_INTERRUPTED;
    }
    // Bad input, and a strategy that breaks the interface contract: one line, exit code 2.
    if (error instanceof UsageError || error instanceof StrategyContractError || error instanceof UnsupportedTopology || isArgParseError(error)) {
      console.error(`snapcheck: ${(error as Error).message.split('\n')[0]}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

/** node:util parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code. */
function isArgParseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
