// A suite worker thread: runs the batches it is sent (parallel.ts) and answers with each
// BatchResult, plus progress every few scenarios. Strategies are loaded once per worker: built-ins
// by name, a user's module through the same loader as the main thread.
import { parentPort } from 'node:worker_threads';
import { loadStrategyModule } from '../modules/strategy-module.ts';
import { findStrategy } from '../strategies/registry.ts';
import type { CheckpointStrategy } from '../strategies/strategy.ts';
import type { StrategySource, WorkUnit, WorkerReply } from './parallel.ts';
import { runBatch } from './suite.ts';

const PROGRESS_EVERY = 10;
const strategies = new Map<string, Promise<CheckpointStrategy>>();

function strategyOf(source: StrategySource): Promise<CheckpointStrategy> {
  const key = `${source.kind}:${source.kind === 'built-in' ? source.name : source.path}`;
  let strategy = strategies.get(key);
  if (strategy === undefined) {
    strategy = source.kind === 'built-in' ? builtIn(source.name) : loadStrategyModule(source.path).then((m) => m.strategy);
    strategies.set(key, strategy);
  }
  return strategy;
}

async function builtIn(name: string): Promise<CheckpointStrategy> {
  const strategy = findStrategy(name);
  if (strategy === undefined) throw new Error(`unknown strategy "${name}"`);
  return strategy;
}

function post(reply: WorkerReply): void {
  parentPort!.postMessage(reply);
}

async function handle(unit: WorkUnit): Promise<void> {
  try {
    const strategy = await strategyOf(unit.source);
    const onEvaluated = (evaluated: number) => {
      if (evaluated % PROGRESS_EVERY === 0) post({ kind: 'progress', unit: unit.id, evaluated });
    };
    post({ kind: 'done', unit: unit.id, result: runBatch(strategy, { ...unit.options, onEvaluated }, unit.batch) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ kind: 'failed', unit: unit.id, name: e.name, message: e.message });
  }
}

parentPort!.on('message', (unit: WorkUnit) => void handle(unit));
