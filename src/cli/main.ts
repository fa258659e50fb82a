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
import { TOOL_VERSION } from '../trace/tool-version.ts';
import { mergeCommand } from './merge-command.ts';
import { claimsStdout, extractOutputOptions, RESULTS_COMMANDS, ResultsSink, writeOutputs, type OutputTargets } from './results-output.ts';
import { commandHelp, commandSpec, COMMANDS, didYouMean, globalHelp } from './commands.ts';
import { MutationEngineMissing } from '../mutate/engine.ts';
import type { ResultsCommand } from '../results/results.ts';

type Print = (line: string) => void;
type Command = (argv: string[], print: Print, sink: ResultsSink | null) => Promise<number>;

const HANDLERS: Readonly<Record<string, Command>> = {
  run: runCommand,
  check: checkCommand,
  replay: replayCommand,
  shrink: (argv, print) => shrinkCommand(argv, print),
  pin: (argv, print) => pinCommand(argv, print),
  merge: mergeCommand,
  compare: compareCommand,
  tla: tlaCommand,
  mutate: (argv, print) => mutateCommand(argv, print),
};

export async function main(argv: string[], print: Print = (l) => console.log(l)): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    print(TOOL_VERSION);
    return EXIT_OK;
  }
  if (command !== undefined && commandSpec(command) !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    print(commandHelp(command));
    return EXIT_OK;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const topic = rest[0];
    print(topic !== undefined && commandSpec(topic) !== undefined ? commandHelp(topic) : globalHelp());
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const handler = HANDLERS[command];
  if (handler === undefined) return usageFailure(new UsageError(`unknown command "${command}"${didYouMean(command, COMMANDS.map((c) => c.name))}; try: snapcheck --help`));
  let targets: OutputTargets = { json: null, junit: null };
  let commandArgv = rest;
  if ((RESULTS_COMMANDS as readonly string[]).includes(command)) {
    try {
      ({ argv: commandArgv, targets } = extractOutputOptions(rest));
    } catch (error) {
      return usageFailure(error);
    }
  }
  // With a report on stdout, nothing else may be there: the human-readable output goes to stderr.
  const human: Print = claimsStdout(targets) ? (line) => process.stderr.write(`${line}\n`) : print;
  const sink = targets.json === null && targets.junit === null ? null : new ResultsSink(command as ResultsCommand, rest);
  let code: number;
  let failure: string | undefined;
  try {
    code = await handler(commandArgv, human, sink);
  } catch (error) {
    code = failureCode(error);
    failure = failureMessage(error);
    if (code === EXIT_UNHANDLED) throw error;
    console.error(`snapcheck: ${failure}`);
  }
  if (sink !== null) {
    writeOutputs(targets, sink.document(code, failure), (text) => process.stdout.write(text));
    for (const file of [targets.json, targets.junit]) if (file !== null && file !== '-') human(`results written to ${file}`);
  }
  return code;
}

const EXIT_UNHANDLED = -1;

function failureCode(error: unknown): number {
  if (error instanceof Interrupted) return EXIT_INTERRUPTED;
  if (isUsageFailure(error)) return EXIT_USAGE;
  return EXIT_UNHANDLED;
}

function failureMessage(error: unknown): string {
  if (error instanceof Interrupted) return `${error.message}; every file written so far is complete`;
  return (error as Error).message.split('\n')[0]!;
}

function usageFailure(error: unknown): number {
  if (!isUsageFailure(error)) throw error;
  console.error(`snapcheck: ${failureMessage(error)}`);
  return EXIT_USAGE;
}

/** Bad input, and a strategy that breaks the interface contract: one line, exit code 2. */
function isUsageFailure(error: unknown): boolean {
  return error instanceof UsageError || error instanceof StrategyContractError || error instanceof UnsupportedTopology || error instanceof MutationEngineMissing || isArgParseError(error);
}

/** node:util parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code. */
function isArgParseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
