// The one result shape of a TLA+ model-checking run, whichever engine produced it.

export type EngineKind = 'tlc' | 'embedded';

/** A place in a spec or config file (1-based line and column; column null when unknown). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number | null;
}

export type Verdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'invariant-violated'; readonly invariant: string }
  /** `property` is null when the engine does not say which of several properties failed. */
  | { readonly kind: 'liveness-violated'; readonly property: string | null }
  | { readonly kind: 'deadlock' }
  /** The spec or config does not parse, names something undefined, or trips an engine hazard guard. */
  | { readonly kind: 'parse-error'; readonly message: string; readonly location: SourceLocation | null }
  /** The run did not reach a verdict about the spec. */
  | { readonly kind: 'error'; readonly reason: 'timeout' | 'state-limit' | 'evaluation' | 'engine'; readonly message: string };

export type VerdictKind = Verdict['kind'];

/** One state of a counterexample: each variable's value as TLA+ text (TLC's JSON rendered as TLA+). */
export interface TraceStep {
  /** The action that led here (null for an initial state, or when the engine does not say). */
  readonly action: string | null;
  readonly state: Readonly<Record<string, string>>;
}

export interface Counterexample {
  readonly steps: readonly TraceStep[];
  /** Liveness counterexamples are lassos: the behavior stutters forever at the last step, or goes back to a step. */
  readonly loop: { readonly kind: 'stuttering' } | { readonly kind: 'back-to'; readonly step: number } | null;
}

export interface TlaResult {
  readonly config: string;
  readonly engine: EngineKind;
  readonly verdict: Verdict;
  /** Distinct states the engine found (for a violation: before it stopped); null when it never started. */
  readonly distinctStates: number | null;
  readonly timeMs: number;
  readonly counterexample: Counterexample | null;
}

export function describeVerdict(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'ok':
      return 'ok';
    case 'invariant-violated':
      return `invariant ${verdict.invariant} violated`;
    case 'liveness-violated':
      return verdict.property === null ? 'liveness violated' : `liveness ${verdict.property} violated`;
    case 'deadlock':
      return 'deadlock';
    case 'parse-error':
      return 'parse error';
    case 'error':
      return `error (${verdict.reason})`;
  }
}

export function formatLocation(location: SourceLocation): string {
  return location.column === null ? `${location.file}:${location.line}` : `${location.file}:${location.line}:${location.column}`;
}

/** Line and column (1-based) of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
