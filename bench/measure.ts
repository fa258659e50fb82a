// Measurement helpers: forced GC between repetitions (run node with --expose-gc), medians, memory.
import { memoryUsage } from 'node:process';

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds of `work`, repeated: one warm-up, then `repetitions` timed runs after a full GC each. */
export function timeRepeated<T>(repetitions: number, work: () => T): { ms: number[]; last: T } {
  let last = work();
  const ms: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    collectGarbage();
    const started = performance.now();
    last = work();
    ms.push(performance.now() - started);
  }
  return { ms, last };
}

/** Heap (JS objects plus typed-array backing stores) retained by what `make` returns. */
export function retainedBytes<T>(make: () => T): { bytes: number; value: T } {
  collectGarbage();
  collectGarbage();
  const before = memoryUsage();
  const value = make();
  collectGarbage();
  collectGarbage();
  const after = memoryUsage();
  const bytes = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  return { bytes, value };
}
