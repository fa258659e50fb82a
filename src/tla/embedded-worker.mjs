// Worker thread that hosts the embedded TLA+ engine (tla-checker, WASM). Plain JavaScript so that
// it loads without a TypeScript loader in any host (the CLI under tsx, vitest, plain node).
// Protocol: the parent posts { id, fn, args }; the worker answers { id, ok: true, value } with the
// engine's JSON string parsed, or { id, ok: false, error }. The parent owns every timeout: it
// terminates this worker when a call takes too long (a WASM call cannot be interrupted).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('tla-checker/tla_checker_bg.wasm');
const engine = await import('tla-checker');
engine.initSync({ module: readFileSync(wasmPath) });

const FUNCTIONS = new Set(['check_spec_with_cfg', 'explore_init', 'explore_next', 'explore_eval']);

parentPort.on('message', ({ id, fn, args }) => {
  try {
    if (!FUNCTIONS.has(fn)) throw new Error(`unknown engine function ${fn}`);
    const text = engine[fn](...args);
    parentPort.postMessage({ id, ok: true, value: JSON.parse(text) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
