// A progress bar on stderr while a suite runs (a plain line every few seconds when not a TTY).
import cliProgress from 'cli-progress';

export interface Progress {
  update(evaluated: number): void;
  stop(): void;
}

export function startProgress(label: string, runs: number, enabled: boolean): Progress {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(16)} [{bar}] {value}/{total} scenarios {phase}`,
      stream: process.stderr,
      // Hiding the cursor would leave it hidden after a Ctrl-C in some terminals.
      hideCursor: false,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5000,
      clearOnComplete: process.stderr.isTTY,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(runs, 0, { phase: '' });
  return {
    update(evaluated) {
      if (evaluated <= runs) bar.update(evaluated, { phase: '' });
      else bar.update(runs, { phase: `(shrinking: ${evaluated - runs} tried)` });
    },
    stop: () => bar.stop(),
  };
}
