// A progress bar on stderr while suites run (a plain line every few seconds when stderr is not a
// terminal, so CI logs show progress too). Scenarios past the total are shrink steps.
import cliProgress from 'cli-progress';

export interface Progress {
  update(evaluated: number): void;
  /** Take the bar off the terminal while something else is printed, then put it back. */
  pause(): void;
  resume(): void;
  stop(): void;
}

const NONE: Progress = { update: () => {}, pause: () => {}, resume: () => {}, stop: () => {} };

/** A bar over a count of things that are not scenarios (configs, runs): no shrinking phase. */
export function startCountProgress(label: string, unit: string, total: number, enabled: boolean): Progress {
  return startProgress(label, total, enabled, unit);
}

export function startProgress(label: string, total: number, enabled: boolean, unit = 'scenarios'): Progress {
  if (!enabled) return NONE;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(16)} [{bar}] {value}/{total} ${unit} {phase}`,
      stream: process.stderr,
      // Hiding the cursor would leave it hidden after a Ctrl-C in some terminals.
      hideCursor: false,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5000,
      clearOnComplete: process.stderr.isTTY,
    },
    cliProgress.Presets.shades_classic,
  );
  let value = 0;
  let phase = '';
  let running = true;
  bar.start(total, 0, { phase });
  return {
    update(evaluated) {
      value = Math.min(evaluated, total);
      phase = evaluated <= total ? '' : `(shrinking: ${evaluated - total} tried)`;
      if (running) bar.update(value, { phase });
    },
    pause() {
      if (!running || !process.stderr.isTTY) return;
      running = false;
      bar.stop();
    },
    resume() {
      if (running) return;
      running = true;
      bar.start(total, value, { phase });
    },
    stop() {
      running = false;
      bar.stop();
    },
  };
}
