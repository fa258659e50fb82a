// The output options of the commands that report results: `--json FILE`, `--junit FILE` and
// `--reporter json|junit` (the same as `--json -` / `--junit -`). Apart from the writers
// (results-output.ts) so that reading them loads nothing heavy.
import type { ResultsCommand } from '../results/results.ts';
import { UsageError } from './errors.ts';

export const RESULTS_COMMANDS: readonly ResultsCommand[] = ['run', 'check', 'replay', 'tla', 'compare', 'merge'];

export interface OutputTargets {
  readonly json: string | null;
  readonly junit: string | null;
}

/** Takes --json, --junit and --reporter out of a command's arguments. */
export function extractOutputOptions(argv: readonly string[]): { readonly argv: string[]; readonly targets: OutputTargets } {
  const rest: string[] = [];
  let json: string | null = null;
  let junit: string | null = null;
  const set = (kind: 'json' | 'junit', value: string, flag: string) => {
    if ((kind === 'json' ? json : junit) !== null) throw new UsageError(`${flag}: the ${kind === 'json' ? 'JSON' : 'JUnit'} output is given twice`);
    if (kind === 'json') json = value;
    else junit = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const match = /^--(json|junit|reporter)(?:=(.*))?$/.exec(arg);
    if (match === null) {
      rest.push(arg);
      continue;
    }
    const flag = `--${match[1]}`;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value (${flag === '--reporter' ? 'json or junit' : 'a file, or - for stdout'})`);
    if (flag === '--reporter') {
      if (value !== 'json' && value !== 'junit') throw new UsageError(`--reporter must be json or junit, got "${value}"`);
      set(value, '-', flag);
    } else {
      set(match[1] as 'json' | 'junit', value, flag);
    }
  }
  if (json === '-' && junit === '-') throw new UsageError('only one output can go to stdout: give --json or --junit a file');
  return { argv: rest, targets: { json, junit } };
}

export function claimsStdout(targets: OutputTargets): boolean {
  return targets.json === '-' || targets.junit === '-';
}

