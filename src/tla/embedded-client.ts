// The embedded engine (npm tla-checker, pinned in package.json) in a worker thread. Every call has
// a deadline: a WASM call cannot be interrupted, so a call that overruns terminates the worker, and
// the next call starts a fresh one.
import { Worker } from 'node:worker_threads';

export type EngineFunction = 'check_spec_with_cfg' | 'explore_init' | 'explore_next' | 'explore_eval';

export type EngineReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: 'timeout' | 'crash'; readonly message: string };

interface Pending {
  readonly resolve: (reply: EngineReply) => void;
  readonly timer: NodeJS.Timeout;
}

const WORKER_URL = new URL('./embedded-worker.mjs', import.meta.url);

export class EmbeddedEngine {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Call an engine function with a time budget in milliseconds. */
  async call(fn: EngineFunction, args: readonly (string | number | boolean)[], timeoutMs: number): Promise<EngineReply> {
    const worker = await this.start();
    worker.ref(); // keep the process alive while a call is out; unref'd again when idle
    const id = this.nextId++;
    return new Promise<EngineReply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.stop(); // the only way to interrupt a running WASM call
        resolve({ ok: false, reason: 'timeout', message: `the embedded engine did not answer within ${Math.round(timeoutMs / 1000)} s` });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      worker.postMessage({ id, fn, args });
    });
  }

  /** Terminate the worker; pending calls fail. Safe to call twice. */
  stop(): void {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    this.failAll('the engine worker was stopped');
    if (worker) void worker.terminate();
  }

  private start(): Promise<Worker> {
    if (this.worker && this.ready) return this.ready.then(() => this.worker!);
    const worker = new Worker(WORKER_URL);
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (message: { id?: number; ok?: boolean; value?: unknown; error?: string }) => this.answer(message));
    worker.on('error', (error) => this.failAll(`the engine worker crashed: ${error.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.stop();
    });
    return this.ready.then(() => worker);
  }

  private answer(message: { id?: number; ok?: boolean; value?: unknown; error?: string }): void {
    if (message.id === undefined) return; // the ready signal
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) this.worker?.unref();
    pending.resolve(message.ok ? { ok: true, value: message.value } : { ok: false, reason: 'crash', message: message.error ?? 'engine error' });
  }

  private failAll(message: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve({ ok: false, reason: 'crash', message });
    }
  }
}
