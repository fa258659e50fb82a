// The run's seed (set and printed by vitest.config.ts) and the run-count scale for soak mode.
export const SEED = Number(process.env.SNAPCHECK_SEED ?? '0');

/** SNAPCHECK_RUNS_SCALE multiplies every property's run count (the `npm run soak` mode). */
export function scaledRuns(runs: number): number {
  const scale = Number(process.env.SNAPCHECK_RUNS_SCALE ?? '1');
  return Math.max(1, Math.round(runs * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
