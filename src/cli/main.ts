// The `snapcheck` command. Exit codes: 0 success, 1 a property was violated, 2 bad input,
// 3 a replay diverged from its bundle, 130 interrupted.
import { commandHelp, commandSpec, COMMANDS, didYouMean, globalHelp } from './commands.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.ts';
import { EXIT_INTERRUPTED, Interrupted } from './interrupt.ts';
import { claimsStdout, extractOutputOptions, RESULTS_COMMANDS, type OutputTargets } from './results-options.ts';
import type { ResultsSink } from './results-output.ts';
import { TOOL_VERSION } from '../trace/tool-version.ts';
import type { ResultsCommand } from '../results/results.ts';

type Print = (line: string) => void;
type Command = (argv: string[], print: Print, sink: ResultsSink | null) => Promise<number>;

// Each command's module loads only when that command runs: `--help` and `--version` load none.
const HANDLERS: Readonly<Record<string, () => Promise<Command>>> = {
  run: async () => (await import('./run-command.ts')).runCommand,
  check: async () => (await import('./check-command.ts')).checkCommand,
  replay: async () => (await import('./replay-command.ts')).replayCommand,
  shrink: async () => (await import('./shrink-command.ts')).shrinkCommand,
  pin: async () => (await import('./pin-command.ts')).pinCommand,
  merge: async () => (await import('./merge-command.ts')).mergeCommand,
  compare: async () => (await import('./compare-command.ts')).compareCommand,
  tla: async () => (await import('./tla-command.ts')).tlaCommand,
  mutate: async () => (await import('./mutate-command.ts')).mutateCommand,
};

/** Errors that are bad input, by name (their classes live in modules main does not load). */
const USAGE_ERRORS = new Set(['UsageError', 'StrategyContractError', 'UnsupportedTopology', 'MutationEngineMissing', 'ModuleLoadError']);

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
  const load = HANDLERS[command];
  if (load === undefined) return usageFailure(new UsageError(`unknown command "${command}"${didYouMean(command, COMMANDS.map((c) => c.name))}; try: snapcheck --help`));
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
  const output = targets.json === null && targets.junit === null ? null : await import('./results-output.ts');
  const sink = output === null ? null : new output.ResultsSink(command as ResultsCommand, rest);
  let code: number;
  let failure: string | undefined;
  try {
    code = await (await load())(commandArgv, human, sink);
  } catch (error) {
    code = failureCode(error);
    failure = failureMessage(error);
    if (code === EXIT_UNHANDLED) throw error;
    console.error(`snapcheck: ${failure}`);
  }
  if (output !== null && sink !== null) {
    output.writeOutputs(targets, sink.document(code, failure), (text) => process.stdout.write(text));
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
  return (error instanceof Error && USAGE_ERRORS.has(error.name)) || isArgParseError(error);
}

/** node:util parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code. */
function isArgParseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
