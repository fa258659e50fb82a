// Messages between the pool (main thread) and a mutation worker.
import type { Guarantee } from '../strategies/strategy.ts';
import type { Verdict } from './kill.ts';

export interface WorkerInit {
  /** Files the type checker's program starts from (the strategies' entries). */
  readonly rootFiles: readonly string[];
  readonly tsconfig: string | null;
  readonly seed: number;
  readonly runs: number;
  /** Where pinned regression bundles live (null: none); a built-in's fixed bugs are replayed first. */
  readonly regressionsDir: string | null;
}

export interface JudgeSpec {
  readonly name: string;
  /** Absolute path of the judge's entry module as written for this mutant (.js). */
  readonly entryOut: string;
  readonly exportName: string;
  readonly originalGuarantee: Guarantee;
  readonly originalSupportsCycles: boolean;
}

export interface JobMessage {
  readonly jobId: number;
  readonly mutatedFile: string;
  readonly mutatedText: string;
  readonly dirty: readonly string[];
  readonly root: string;
  readonly outDir: string;
  /** False when an earlier attempt already compiled and wrote it (a re-queued job after a timeout). */
  readonly compile: boolean;
  readonly judges: readonly JudgeSpec[];
}

export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'compile-error'; readonly jobId: number; readonly detail: string }
  | { readonly kind: 'judging'; readonly jobId: number; readonly judge: string }
  | { readonly kind: 'judged'; readonly jobId: number; readonly judge: string; readonly verdict: Verdict }
  | { readonly kind: 'done'; readonly jobId: number };
