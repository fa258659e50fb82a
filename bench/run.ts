// snapcheck benchmarks (`npm run bench`): simulator throughput on one core next to a minimal
// discrete-event loop, scenarios per second at the default property size, and History memory per
// recorded event. Run with --expose-gc (the npm script does) so repetitions start from a clean heap.
import { writeFileSync } from 'node:fs';
import { findStrategy, run, SeededChoices } from '../src/index.ts';
import { hasGc, median, retainedBytes, timeRepeated } from './measure.ts';
import { runMinimalLoop } from './minimal-loop.ts';
import { benchScenario, LINEAR_PIPELINE, SHUFFLE_HEAVY, sourceLog } from './workloads.ts';
import { scenariosPerSecond } from './scenarios.ts';

const aligned = findStrategy('aligned')!;
const quick = process.argv.includes('--quick');
const REPETITIONS = quick ? 1 : 5;
const LINEAR_RECORDS = quick ? 2_000 : 200_000;
const SHUFFLE_RECORDS_PER_SUBTASK = quick ? 300 : 30_000;
const CHECKPOINTS = 20;

interface Throughput {
  readonly name: string;
  readonly deliveriesPerSecond: number;
  readonly eventsPerSecond: number;
  readonly historyEventsPerSecond: number;
}

function simulatorThroughput(name: string, scenario: ReturnType<typeof benchScenario>): Throughput {
  const { ms, last } = timeRepeated(REPETITIONS, () => run(scenario, aligned, { choices: new SeededChoices(1) }));
  const deliveries = last.history.filter((e) => e.kind === 'processed').length;
  const seconds = median(ms) / 1000;
  return { name, deliveriesPerSecond: deliveries / seconds, eventsPerSecond: last.events / seconds, historyEventsPerSecond: last.historyLength / seconds };
}

function minimalLoopThroughput(): number {
  const log = sourceLog(LINEAR_RECORDS, 0);
  const { ms, last } = timeRepeated(REPETITIONS, () => runMinimalLoop(LINEAR_PIPELINE, log));
  return last / (median(ms) / 1000);
}

function historyBytesPerEvent(): { perEvent: number; events: number } {
  const scenario = benchScenario(LINEAR_PIPELINE, LINEAR_RECORDS / 4, CHECKPOINTS);
  const { bytes, value } = retainedBytes(() => run(scenario, aligned, { choices: new SeededChoices(1) }));
  return { perEvent: bytes / value.historyLength, events: value.historyLength };
}

const millions = (n: number) => `${(n / 1e6).toFixed(2)} M/s`;

function main(): void {
  if (!hasGc()) console.warn('warning: run with node --expose-gc for stable figures (npm run bench does)');
  console.log(`snapcheck bench${quick ? ' (quick)' : ''}: median of ${REPETITIONS} after a warm-up, one core\n`);
  const linear = simulatorThroughput('linear pipeline', benchScenario(LINEAR_PIPELINE, LINEAR_RECORDS, CHECKPOINTS));
  const shuffle = simulatorThroughput('shuffle-heavy', benchScenario(SHUFFLE_HEAVY, SHUFFLE_RECORDS_PER_SUBTASK, CHECKPOINTS));
  const limit = minimalLoopThroughput();
  console.log(`${'workload'.padEnd(34)} ${'deliveries'.padStart(12)} ${'sim events'.padStart(12)} ${'history ev.'.padStart(12)}`);
  for (const t of [linear, shuffle]) {
    console.log(`${`${t.name} (aligned, History on)`.padEnd(34)} ${millions(t.deliveriesPerSecond).padStart(12)} ${millions(t.eventsPerSecond).padStart(12)} ${millions(t.historyEventsPerSecond).padStart(12)}`);
  }
  console.log(`${'minimal DES loop, linear'.padEnd(34)} ${millions(limit).padStart(12)}`);
  console.log(`\nsimulator / minimal loop (linear): ${(linear.deliveriesPerSecond / limit).toFixed(2)}  (target: >= 2.0 M/s deliveries)`);
  const memory = historyBytesPerEvent();
  console.log(`History memory: ${memory.perEvent.toFixed(1)} bytes per recorded event over ${memory.events} events (target: < 150)`);
  const rate = scenariosPerSecond(quick ? 100 : 2000);
  console.log(`Default-size scenarios: ${rate.simulated.toFixed(0)}/s simulated, ${rate.checked.toFixed(0)}/s simulated and checked by every oracle (target: >= 1000/s)`);
  const figures = { linear, shuffle, minimalLoopDeliveriesPerSecond: limit, historyBytesPerEvent: memory.perEvent, scenarios: rate };
  if (!quick) writeFileSync('bench/last-run.json', `${JSON.stringify(figures, null, 2)}\n`);
}

main();
