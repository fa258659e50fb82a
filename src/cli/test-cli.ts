// Running the CLI in-process for tests: its exit code, what it printed, and what it said on stderr.
import { main } from './main.ts';

export interface CliOutcome {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(...argv: string[]): Promise<CliOutcome> {
  const lines: string[] = [];
  const errors: string[] = [];
  const originalError = console.error;
  console.error = (line: string) => errors.push(line);
  try {
    const code = await main(argv, (line) => lines.push(line));
    return { code, out: lines.join('\n'), err: errors.join('\n') };
  } finally {
    console.error = originalError;
  }
}
