// Internals that the benchmarks measure directly, kept out of the public surface (src/index.ts).
export { operatorFor } from './dataflow/operators.ts';
export type { DataRecord } from './core/messages.ts';
export { HistoryRecorder } from './sim/recorder.ts';
