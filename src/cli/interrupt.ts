// Ctrl-C and file writes. While a suite runs, SIGINT keeps its default effect (the process ends at
// once), which is safe because every bundle is written atomically and nothing is being written then.
// Around a write, SIGINT and SIGTERM are held: a signal that arrives mid-write lets the write finish
// (so no temporary file is left behind), and then ends the command with exit code 130.
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

export const EXIT_INTERRUPTED = 130;

export async function withSignalsHeld<T>(work: () => T): Promise<T> {
  let received: NodeJS.Signals | null = null;
  const hold = (signal: NodeJS.Signals) => {
    received ??= signal;
  };
  process.on('SIGINT', hold);
  process.on('SIGTERM', hold);
  let result: T;
  try {
    result = work();
  } finally {
    // One turn of the event loop delivers a signal that arrived during the synchronous write.
    await new Promise<void>((resolve) => setImmediate(resolve));
    process.off('SIGINT', hold);
    process.off('SIGTERM', hold);
  }
  if (received !== null) throw new Interrupted(received);
  return result;
}
