// Every command declared once: its usage, what it does, its options with their defaults. Help
// (`snapcheck --help`, `snapcheck COMMAND --help`) is rendered from these declarations, argument
// parsing takes its options from them (parseCommandArgs), and an unknown command or option gets a
// did-you-mean from them, so the help cannot drift from what a command accepts.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

export interface OptionSpec {
  readonly name: string;
  /** A value's placeholder (`N`, `FILE`); absent for a boolean flag. */
  readonly value?: string;
  readonly description: string;
  readonly default?: string;
  readonly multiple?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly usage: readonly string[];
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly positionals?: boolean;
}

const RESULTS_OPTIONS: readonly OptionSpec[] = [
  { name: 'json', value: 'FILE', description: 'write the results as JSON (snapcheck-results, schemas/results.schema.json); - for stdout, with nothing else on it' },
  { name: 'junit', value: 'FILE', description: 'write the results as JUnit XML; - for stdout' },
  { name: 'reporter', value: 'json|junit', description: 'the same as --json - or --junit -' },
];
const PROGRESS: OptionSpec = { name: 'no-progress', description: 'no progress bar on stderr' };
const STRATEGY_PATH = 'a built-in name, or a path to a strategy module (.ts, .mts, .js, .mjs, .cjs)';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    usage: ['snapcheck run [--strategy NAME|PATH[,...]] [--runs N] [--seed S] [--workers N] [--shard K/N] [--out DIR]', 'snapcheck run --matrix [--runs N] [--seed S]'],
    description:
      'Run the property suites (default: every built-in strategy except the canaries). A counterexample is shrunk, minimized, printed with a diagnosis and written as a bundle. --matrix checks every built-in strategy against every oracle property.',
    options: [
      { name: 'strategy', value: 'NAME|PATH[,...]', description: `strategies to check: ${STRATEGY_PATH}`, default: 'every built-in strategy' },
      { name: 'runs', value: 'N', description: 'scenarios per strategy', default: '2000 (600 per cell with --matrix)' },
      { name: 'seed', value: 'S', description: 'the seed (printed first)', default: 'SNAPCHECK_SEED, else random' },
      { name: 'path', value: 'P', description: 'replay one run: the path a counterexample printed (run index, then shrink steps)' },
      { name: 'property', value: 'a,b', description: 'check only these properties' },
      { name: 'workers', value: 'N', description: 'worker threads; the result is the same for any N', default: 'the number of cores' },
      { name: 'shard', value: 'K/N', description: 'run only the K-th of N disjoint parts of the suite; combine the parts with snapcheck merge' },
      { name: 'out', value: 'DIR', description: 'where counterexample bundles go', default: '.snapcheck/counterexamples' },
      { name: 'matrix', description: 'check the guarantee matrix instead' },
      ...RESULTS_OPTIONS,
      PROGRESS,
    ],
  },
  {
    name: 'check',
    usage: ['snapcheck check SCENARIO.json|BUNDLE.json [--strategy NAME|PATH]'],
    description: "Run one scenario (or a bundle's scenario) and check every property of the strategy's guarantee.",
    options: [{ name: 'strategy', value: 'NAME|PATH', description: STRATEGY_PATH, default: "the scenario's strategy" }, ...RESULTS_OPTIONS],
    positionals: true,
  },
  {
    name: 'replay',
    usage: ['snapcheck replay BUNDLE.json [--html OUT.html] [--strategy NAME|PATH]'],
    description:
      'Re-run a bundle with its recorded decisions and compare the History step by step: exit 1 if it reproduces, 0 if it no longer fails, 3 if it diverges (naming the first differing step).',
    options: [
      { name: 'html', value: 'OUT.html', description: 'also write a self-contained space-time diagram' },
      { name: 'strategy', value: 'NAME|PATH', description: `replay with another strategy: ${STRATEGY_PATH}`, default: "the bundle's" },
      ...RESULTS_OPTIONS,
    ],
    positionals: true,
  },
  {
    name: 'shrink',
    usage: ['snapcheck shrink BUNDLE.json [--out FILE | --in-place] [--strategy NAME|PATH] [--attempts N]'],
    description: 'Minimize a bundle further (same violated property) and write a new bundle.',
    options: [
      { name: 'out', value: 'FILE', description: 'where the new bundle goes', default: 'BUNDLE.shrunk.json' },
      { name: 'in-place', description: 'replace the bundle' },
      { name: 'strategy', value: 'NAME|PATH', description: STRATEGY_PATH, default: "the bundle's" },
      { name: 'attempts', value: 'N', description: 'candidate scenarios to try at most', default: '4000' },
    ],
    positionals: true,
  },
  {
    name: 'pin',
    usage: ['snapcheck pin BUNDLE.json [--expect violated|holds] [--name NAME] [--description TEXT] [--dir DIR] [--force]'],
    description: 'Keep a bundle as a regression: copy it into DIR with its expectation. Replay the folder in your tests with replayPinned() from snapcheck/vitest.',
    options: [
      { name: 'expect', value: 'violated|holds', description: 'what the pin must keep doing', default: 'what it does now' },
      { name: 'name', value: 'NAME', description: 'file name of the pin', default: "the bundle's" },
      { name: 'description', value: 'TEXT', description: 'why it is pinned' },
      { name: 'dir', value: 'DIR', description: 'the regressions folder', default: 'properties/regressions' },
      { name: 'force', description: 'replace an existing pin' },
    ],
    positionals: true,
  },
  {
    name: 'merge',
    usage: ['snapcheck merge RESULTS.json... [--json FILE] [--junit FILE]'],
    description: 'Combine the results of `snapcheck run --shard K/N` jobs into the result of the whole run: the same verdicts and counterexample as one unsharded run. Exit 2 when a shard is missing.',
    options: [...RESULTS_OPTIONS],
    positionals: true,
  },
  {
    name: 'compare',
    usage: ['snapcheck compare [--strategies NAME|PATH,...] [--workload NAME|FILE,...] [--seeds N] [--csv FILE] [--html FILE] [--json FILE]'],
    description:
      'Run the same seeded workloads through every strategy and compare checkpoint duration, alignment, size, persisted data, throughput, recovery and duplicates; prints a table per workload. Presets: steady, backpressure (levels backpressure@1..4), skew, wide-shuffle, deep-pipeline, cyclic, crash-heavy; or a workload file. Exit 1 if a run violates its guarantee.',
    options: [
      { name: 'strategies', value: 'NAME|PATH,...', description: STRATEGY_PATH, default: 'every built-in strategy' },
      { name: 'strategy', value: 'NAME|PATH,...', description: 'the same as --strategies' },
      { name: 'workload', value: 'NAME|FILE,...', description: 'presets, families or workload files', default: 'every preset' },
      { name: 'seeds', value: 'N', description: 'seeds 1..N per workload and strategy', default: '20' },
      { name: 'csv', value: 'FILE', description: 'every number as CSV' },
      { name: 'html', value: 'FILE', description: 'a self-contained report with charts' },
      ...RESULTS_OPTIONS,
      PROGRESS,
    ],
  },
  {
    name: 'tla',
    usage: ['snapcheck tla [CONFIG|FILE.cfg|FILE.tla ...] [--module FILE.tla] [--engine auto|embedded|tlc] [--timeout SECONDS] [--jobs N] [--trace]'],
    description:
      'Model-check the TLA+ specs in spec/ with TLC when TLA2TOOLS_JAR names tla2tools.jar and Java runs, else with the embedded engine; exit 1 unless every verdict and distinct-state count matches the manifest, 2 on a missing file or a spec/config error. A Spec.tla is checked with its Spec.cfg.',
    options: [
      { name: 'module', value: 'FILE.tla', description: 'the module of a .cfg that is not in the manifest' },
      { name: 'manifest', value: 'FILE', description: 'expected results', default: 'spec/manifest.json' },
      { name: 'engine', value: 'auto|embedded|tlc', description: 'the model checker', default: 'auto' },
      { name: 'timeout', value: 'SECONDS', description: 'per config', default: '600' },
      { name: 'jobs', value: 'N', description: 'configs checked at once', default: '2 embedded, 1 TLC' },
      { name: 'trace', description: 'print counterexamples' },
      ...RESULTS_OPTIONS,
      PROGRESS,
    ],
    positionals: true,
  },
  {
    name: 'mutate',
    usage: ['snapcheck mutate [--strategy NAME|PATH[,...]] [--since GIT_REF] [--runs N] [--seed S] [--budget-ms MS] [--workers N] [--json FILE] [--html FILE] [--min-score PERCENT]'],
    description:
      "Mutation testing: mutate the strategies' sources and count the mutants their property suites kill. Needs the optional peer dependencies typescript and ts-morph. Exit 1 when the score is below --min-score.",
    options: [
      { name: 'strategy', value: 'NAME|PATH[,...]', description: STRATEGY_PATH, default: 'every built-in strategy', multiple: true },
      { name: 'since', value: 'GIT_REF', description: 'mutate only lines changed since the ref' },
      { name: 'runs', value: 'N', description: 'scenarios per suite and mutant', default: '300' },
      { name: 'seed', value: 'S', description: 'the seed', default: '20240607' },
      { name: 'budget-ms', value: 'MS', description: 'per suite and mutant', default: '30000' },
      { name: 'workers', value: 'N', description: 'worker threads', default: '2, or the core count if lower' },
      { name: 'json', value: 'FILE', description: 'the whole mutation report' },
      { name: 'html', value: 'FILE', description: 'the report as a page' },
      { name: 'min-score', value: 'PERCENT', description: 'fail below this score', default: '0' },
      PROGRESS,
    ],
  },
];

export const EXIT_CODES = 'Exit codes: 0 every property holds, 1 a property was violated, 2 bad input, 3 a replay diverged, 130 interrupted.';

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** A command's parsed arguments; asking for an option the command does not declare is a bug, thrown. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  string(name: string): string | undefined;
  flag(name: string): boolean;
  list(name: string): readonly string[] | undefined;
}

/** node:util parseArgs over a command's declared options; unknown options get a did-you-mean. */
export function parseCommandArgs(name: string, argv: readonly string[]): ParsedArgs {
  const spec = commandSpec(name)!;
  const options = Object.fromEntries(spec.options.map((o) => [o.name, { type: o.value === undefined ? ('boolean' as const) : ('string' as const), ...(o.multiple ? { multiple: true } : {}) }]));
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: spec.positionals === true, strict: true });
  } catch (error) {
    throw argumentError(name, spec, error);
  }
  const declared = (option: string, kind: 'string' | 'flag' | 'list') => {
    const found = spec.options.find((o) => o.name === option);
    const actual = found === undefined ? null : found.value === undefined ? 'flag' : found.multiple ? 'list' : 'string';
    if (actual !== kind) throw new Error(`snapcheck ${name} declares no ${kind} option --${option}`);
    return parsed.values[option];
  };
  return {
    positionals: parsed.positionals,
    string: (option) => declared(option, 'string') as string | undefined,
    flag: (option) => declared(option, 'flag') === true,
    list: (option) => declared(option, 'list') as string[] | undefined,
  };
}

function argumentError(name: string, spec: CommandSpec, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return error;
  const message = (error as Error).message.split('\n')[0]!;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = /'(-{1,2}[^']*)'/.exec(message)?.[1] ?? '';
    return new UsageError(`unknown option ${given} for snapcheck ${name}${didYouMean(given.replace(/^-+/, ''), spec.options.map((o) => o.name), '--')}; see snapcheck ${name} --help`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`snapcheck ${name} takes no positional arguments (${message}); see snapcheck ${name} --help`);
  return new UsageError(`${message}; see snapcheck ${name} --help`);
}

/** ", did you mean --runs?" when a known name is within two edits, else nothing. */
export function didYouMean(given: string, known: readonly string[], prefix = ''): string {
  const scored = known.map((k) => [k, editDistance(given, k)] as const).filter(([, d]) => d <= Math.max(1, Math.min(2, Math.floor(given.length / 3))));
  scored.sort((a, b) => a[1] - b[1]);
  return scored.length === 0 ? '' : `; did you mean ${prefix}${scored[0]![0]}?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

export function globalHelp(): string {
  const lines = ['snapcheck: property-based verification of barrier snapshotting strategies', '', 'Usage:'];
  for (const command of COMMANDS) {
    for (const usage of command.usage) lines.push(`  ${usage}`);
    lines.push(...wrap(command.description, 6));
  }
  lines.push('  snapcheck --version', '      Print the version.', '', 'snapcheck COMMAND --help prints a command\'s options and defaults.', '', EXIT_CODES);
  return lines.join('\n');
}

export function commandHelp(name: string): string {
  const spec = commandSpec(name)!;
  const lines = [`snapcheck ${name}`, '', 'Usage:', ...spec.usage.map((u) => `  ${u}`), '', ...wrap(spec.description, 2), '', 'Options:'];
  const width = Math.max(...spec.options.map((o) => optionLabel(o).length));
  for (const option of spec.options) {
    const text = `${option.description}${option.default === undefined ? '' : ` (default: ${option.default})`}`;
    const [first, ...rest] = wrap(text, width + 6).map((l) => l.trimStart());
    lines.push(`  ${optionLabel(option).padEnd(width)}    ${first}`, ...rest.map((l) => `${' '.repeat(width + 6)}${l}`));
  }
  lines.push(`  ${'-h, --help'.padEnd(width)}    this help`, '', EXIT_CODES);
  return lines.join('\n');
}

function optionLabel(option: OptionSpec): string {
  return `--${option.name}${option.value === undefined ? '' : ` ${option.value}`}`;
}

function wrap(text: string, indent: number, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(' '.repeat(indent) + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(' '.repeat(indent) + line);
  return lines;
}
